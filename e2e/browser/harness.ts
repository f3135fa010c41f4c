// Test-only: the real dashboard and window handlers over the in-memory backend, for the window's
// state and screenshot tests. Prints `DASHBOARD <url>`; reads commands on stdin to play the other
// side (the browser's Authorize click, an MCP client's calls). Not part of the product.
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startDashboard } from '../../src-main/core/dashboard/dashboard.ts';
import { createWindowApi } from '../../src-main/core/state/handlers.ts';
import { createMemoryBackend } from './memory-backend.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const backend = createMemoryBackend({
  surface: process.env.HARNESS_SURFACE === 'tray' ? 'tray' : 'dashboard',
  sandbox: process.env.HARNESS_SANDBOX !== '0',
});
const api = createWindowApi(backend, backend.logger);
const dashboard = await startDashboard({
  handlers: api.handlers,
  events: api.events,
  staticDir: path.join(root, 'out', 'renderer'),
  logger: backend.logger,
});
backend.logger.child('mcp').info('MCP server listening', { url: 'http://127.0.0.1:3917/mcp' });
process.stdout.write(`DASHBOARD ${dashboard.url}\n`);

const commands: Record<string, (args: string[]) => void> = {
  approve: () => backend.approveSignIn(),
  deny: () => backend.denySignIn(),
  expire: () => backend.expireSignIn(),
  // call <client name> <ok|fail> [clientInfo name] [version]
  call: ([name, outcome, infoName, version]) =>
    backend.recordCall(
      name!,
      outcome !== 'fail',
      infoName ? { name: infoName, ...(version ? { version } : {}) } : undefined,
    ),
  // log <level> <message…>
  log: ([level, ...words]) =>
    backend.logger.child('test')[level as 'info' | 'warn' | 'error' | 'debug'](words.join(' ')),
  link: () => process.stdout.write(`LINK ${dashboard.newLink()}\n`),
};

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, ...args] = line.trim().split(/\s+/);
  commands[command ?? '']?.(args);
  process.stdout.write(`DONE ${command}\n`);
});
process.stdin.on('end', () => void dashboard.close().then(() => process.exit(0)));
