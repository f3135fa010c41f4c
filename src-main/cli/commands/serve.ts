import { createCompanion } from '../../core/app.ts';
import { flag, portOption, type CliCommand } from '../command.ts';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve Basecamp to your AI tools over MCP on 127.0.0.1 until stopped.',
  usage: 'serve [--sandbox] [--port N] [--read-only]',
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
  },
  async run(args, io) {
    const port = portOption(args);
    const companion = await createCompanion({
      env: io.env,
      sandbox: flag(args, 'sandbox'),
      console: io.stderr,
      forceReadOnly: flag(args, 'read-only'),
    });
    try {
      const server = await companion.startServer(port === undefined ? {} : { port });
      const status = companion.auth.status();
      io.stdout.write(
        `Basecamp Companion ${companion.version} is serving MCP${companion.sandbox ? ' against the sandbox Basecamp' : ''}:\n`,
      );
      io.stdout.write(`${server.url}\n`);
      io.stdout.write(`${status.summary}\n`);
      if (companion.sandbox) {
        const { token } = companion.clients.mint('sandbox-demo', 'manual');
        const entry = {
          mcpServers: { basecamp: { url: server.url, headers: { Authorization: `Bearer ${token}` } } },
        };
        io.stdout.write(`\nSandbox Basecamp: ${companion.sandbox.url}\n`);
        io.stdout.write(
          `Paste into ~/.cursor/mcp.json (or run \`basecamp-companion configure cursor --port ${server.port}\`):\n`,
        );
        io.stdout.write(`${JSON.stringify(entry, null, 2)}\n`);
      } else {
        io.stdout.write(
          'Connect an AI client with `basecamp-companion configure cursor` (or vscode, claude-desktop, …).\n',
        );
      }
      io.stdout.write('Press Ctrl-C to stop.\n');
      await new Promise<void>((resolve) => {
        if (io.signal.aborted) resolve();
        else io.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      io.stderr.write('Stopping…\n');
      return 0;
    } finally {
      await companion.close();
    }
  },
};
