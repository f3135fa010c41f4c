import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCompanion } from '../../core/app.ts';
import { openInSystemBrowser } from '../../core/auth/system-browser.ts';
import { createCompanionBackend } from '../../core/state/companion-backend.ts';
import { startDashboard } from '../../core/dashboard/dashboard.ts';
import { createWindowApi } from '../../core/state/handlers.ts';
import { flag, portOption, UsageError, type CliCommand } from '../command.ts';
import { bridgeLauncher } from './clients-context.ts';
import { printLinkOnEnter } from './dashboard-links.ts';

/** The built window bundle (`npm run build` writes it). */
const rendererDir = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

/** `--port 0` picked a free port that dies with this run: a client configured for it would stop working. */
function ephemeralPortNote(runPort: number, settingsPort: number): string {
  return (
    `Port ${runPort} was picked for this run only and changes next time: do not configure clients for it.\n` +
    `For a lasting setup, run \`serve\` on the settings port (${settingsPort}) and \`npm run cli -- configure cursor\` (or vscode, claude-desktop, …).`
  );
}

/** How to get a client token that outlives this sandbox run. */
function lastingSetupHint(requested: number | undefined, runPort: number, settingsPort: number): string {
  if (requested === 0)
    return (
      `port ${runPort} was picked for this run only, so for a lasting setup run \`serve\` on the settings port (${settingsPort})\n` +
      `and \`npm run cli -- configure cursor\` (or \`basecamp-companion configure cursor\`)`
    );
  const portFlag = runPort === settingsPort ? '' : ` --port ${runPort}`;
  return `for one that lasts, run\n\`npm run cli -- configure cursor${portFlag}\` (or \`basecamp-companion configure cursor${portFlag}\`)`;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve Basecamp to your AI tools over MCP on 127.0.0.1 until stopped.',
  usage: 'serve [--sandbox] [--port N] [--read-only] [--dashboard [--no-browser]]',
  options: {
    sandbox: {
      type: 'boolean',
      description: 'Use the embedded sandbox Basecamp (no account, browser or keychain needed).',
    },
    port: {
      type: 'string',
      value: 'N',
      description: 'Port for the MCP endpoint (default from settings, 3917; 0 picks a free one).',
    },
    'read-only': {
      type: 'boolean',
      description: 'Refuse every write for this run, whatever the settings say.',
    },
    dashboard: {
      type: 'boolean',
      description:
        'Also serve the companion window in your browser, behind a one-time link (for desktops without a tray).',
    },
    'no-browser': { type: 'boolean', description: 'With --dashboard: print the link instead of opening it.' },
  },
  async run(args, io) {
    const port = portOption(args);
    const dashboard = flag(args, 'dashboard');
    if (dashboard && !fs.existsSync(path.join(rendererDir, 'index.html'))) {
      throw new UsageError(
        `The window bundle is not built yet (${rendererDir}). Run \`npm run build\` once, then try again.`,
      );
    }
    const companion = await createCompanion({
      env: io.env,
      sandbox: flag(args, 'sandbox'),
      console: io.stderr,
      forceReadOnly: flag(args, 'read-only'),
      // In the dashboard the window shows the sign-in link itself; a second browser tab would only confuse.
      ...(dashboard ? { openUrl: () => undefined } : {}),
    });
    try {
      const server = await companion.startServer(port === undefined ? {} : { port });
      const settingsPort = companion.settings.get().port;
      const status = companion.auth.status();
      io.stdout.write(
        `Basecamp Companion ${companion.version} is serving MCP${companion.sandbox ? ' against the sandbox Basecamp' : ''}:\n`,
      );
      io.stdout.write(`${server.url}\n`);
      io.stdout.write(`${status.summary}\n`);
      if (companion.toolContext.readOnly) {
        io.stdout.write('Read-only: every write to Basecamp is refused (no write actions are listed).\n');
      }
      if (companion.sandbox) {
        const token = companion.issueSessionToken('sandbox-demo');
        const entry = {
          mcpServers: { basecamp: { url: server.url, headers: { Authorization: `Bearer ${token}` } } },
        };
        io.stdout.write(`\nSandbox Basecamp: ${companion.sandbox.url}\n`);
        io.stdout.write(
          `Paste into ~/.cursor/mcp.json — this token works while this run lasts; ${lastingSetupHint(port, server.port, settingsPort)}:\n`,
        );
        io.stdout.write(`${JSON.stringify(entry, null, 2)}\n`);
      } else if (port === 0) {
        io.stdout.write(`${ephemeralPortNote(server.port, settingsPort)}\n`);
      } else {
        io.stdout.write(
          'Connect an AI client with `npm run cli -- configure cursor` (or vscode, claude-desktop, …).\n',
        );
      }
      let closeDashboard: (() => Promise<void>) | undefined;
      let stopLinks: (() => void) | undefined;
      if (dashboard) {
        const backend = createCompanionBackend(companion, {
          surface: 'dashboard',
          bridge: bridgeLauncher(io.env),
        });
        const windowApi = createWindowApi(backend, companion.logger);
        const served = await startDashboard({
          handlers: windowApi.handlers,
          events: windowApi.events,
          staticDir: rendererDir,
          logger: companion.logger,
        });
        closeDashboard = async () => {
          await served.close();
          windowApi.close();
        };
        io.stdout.write(`\nDashboard (a one-time link; open it once):\n${served.url}\n`);
        // serve's stdin is free (the stdio relay is the separate `bridge` command): a line on it asks for a link.
        if (io.stdin) {
          stopLinks = printLinkOnEnter(
            io.stdin,
            served.newLink,
            io.stdout,
            companion.logger.child('dashboard'),
          );
          io.stdout.write(
            io.stdin.isTTY
              ? 'Press Enter for a new dashboard link.\n'
              : 'Send a line on stdin for a new dashboard link.\n',
          );
        }
        if (!flag(args, 'no-browser')) {
          await openInSystemBrowser(served.url).catch((error: Error) =>
            io.stderr.write(`Could not open the browser (${error.message}); open the link above yourself.\n`),
          );
        }
      }
      io.stdout.write('Press Ctrl-C to stop.\n');
      await new Promise<void>((resolve) => {
        if (io.signal.aborted) resolve();
        else io.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      io.stderr.write('Stopping…\n');
      stopLinks?.();
      await closeDashboard?.();
      return 0;
    } finally {
      await companion.close();
    }
  },
};
