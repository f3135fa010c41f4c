import { createCompanion } from '../../core/app.ts';
import { flag, type CliCommand } from '../command.ts';

/** Whether our endpoint answers on the settings port: it asks a token-less caller for its client token. */
async function endpointRunning(url: string): Promise<boolean> {
  try {
    const answer = await fetch(url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(800) });
    return answer.status === 401 && (await answer.text()).includes('Basecamp Companion');
  } catch {
    return false;
  }
}

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Show who is signed in, the account, token expiry, the sign-in state and the configured clients.',
  usage: 'status [--json]',
  options: { json: { type: 'boolean', description: 'Print machine-readable JSON.' } },
  async run(args, io) {
    const companion = await createCompanion({ env: io.env, console: io.stderr, consoleLevel: 'warn' });
    try {
      const auth = companion.auth.status();
      const settings = companion.settings.get();
      const clients = companion.clients.list().map((client) => ({
        name: client.name,
        kind: client.kind,
        revoked: Boolean(client.revokedAt),
        configPath: client.configPath,
      }));
      const report = {
        state: auth.state,
        summary: auth.summary,
        identity: auth.identity ?? null,
        account: auth.selectedAccount ?? null,
        accounts: auth.accounts,
        tokenExpiresAt: auth.tokenExpiresAt ?? null,
        keychain: auth.keychain,
        redirectUri: auth.redirectUri,
        launchpadUrl: auth.launchpadUrl,
        problem: auth.problem ?? null,
        mcpUrl: `http://127.0.0.1:${settings.port}/mcp`,
        serving: await endpointRunning(`http://127.0.0.1:${settings.port}/mcp`),
        readOnly: settings.readOnly,
        dataDir: companion.paths.dataDir,
        clients,
      };
      if (flag(args, 'json')) {
        io.stdout.write(JSON.stringify(report, null, 2) + '\n');
        return 0;
      }
      const lines = [
        auth.summary,
        `Sign-in state:  ${auth.state}`,
        `Identity:       ${auth.identity ? `${auth.identity.name} <${auth.identity.email}>` : '—'}`,
        `Account:        ${auth.selectedAccount ? `${auth.selectedAccount.name} (${auth.selectedAccount.id})` : '—'}`,
        `Token expires:  ${auth.tokenExpiresAt ?? '—'} (renewed automatically)`,
        `Keychain:       ${auth.keychain}`,
        `MCP endpoint:   ${report.mcpUrl} (${report.serving ? 'running' : 'not running — start it with `serve` or the tray app'})${settings.readOnly ? ', read-only' : ''}`,
        `Data directory: ${companion.paths.dataDir}`,
        `Clients:        ${clients.length ? clients.map((c) => `${c.name}${c.revoked ? ' (revoked)' : ''}`).join(', ') : 'none configured yet — try `basecamp-companion configure cursor`'}`,
      ];
      if (auth.problem) lines.push(`Problem:        ${auth.problem}`);
      io.stdout.write(lines.join('\n') + '\n');
      return 0;
    } finally {
      await companion.close();
    }
  },
};
