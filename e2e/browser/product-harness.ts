// Until `serve --dashboard` lands in the CLI: the same pieces it will wire, started directly — the real
// core on the sandbox (createCompanion), the real window backend over it, the real dashboard.
// Prints the MCP URL and `DASHBOARD <link>`; stops on SIGTERM or when stdin closes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCompanion } from '../../src-main/core/app.ts';
import { startDashboard } from '../../src-main/core/dashboard/dashboard.ts';
import { createCompanionBackend } from '../../src-main/core/state/companion-backend.ts';
import { createWindowApi } from '../../src-main/core/state/handlers.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// The window shows the sign-in link itself, so nothing is opened here.
const companion = await createCompanion({ sandbox: true, console: process.stderr, openUrl: () => {} });
const server = await companion.startServer({ port: 0 });
const backend = createCompanionBackend(companion, {
  surface: 'dashboard',
  bridge: { command: process.execPath, args: [path.join(root, 'src-main', 'cli', 'main.ts'), 'bridge'] },
});
const api = createWindowApi(backend, companion.logger.child('window'));
const dashboard = await startDashboard({
  handlers: api.handlers,
  events: api.events,
  staticDir: path.join(root, 'out', 'renderer'),
  logger: companion.logger,
});
process.stdout.write(`${server.url}\nDASHBOARD ${dashboard.url}\n`);

const stop = async (): Promise<void> => {
  await dashboard.close();
  api.close();
  await companion.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
