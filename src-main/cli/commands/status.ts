import { createCompanion } from '../../core/app.ts';
import { MISSING_TOKEN_MESSAGE } from '../../core/mcp/server.ts';
import { flag, type CliCommand } from '../command.ts';

/**
 * Whether our endpoint answers on the settings port: a token-less caller gets our JSON-RPC error
 * (-32001, the missing-token message). No redirects followed, and at most 4 KB read of whatever answers.
 */
export async function endpointRunning(url: string): Promise<boolean> {
  try {
    const answer = await fetch(url, {
      method: 'POST',
      body: '{}',
      redirect: 'manual',
      signal: AbortSignal.timeout(800),
    });
    if (answer.status !== 401 || !answer.body) return false;
    const reader = answer.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    while (size <= PROBE_MAX_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
    await reader.cancel().catch(() => undefined);
    if (size > PROBE_MAX_BYTES) return false; // ours is a short JSON error
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      error?: { code?: unknown; message?: unknown };
    };
    return (
      body.error?.code === -32001 &&
      typeof body.error.message === 'string' &&
      body.error.message.startsWith(MISSING_TOKEN_MESSAGE)
    );
  } catch {
    return false;
  }
}

const PROBE_MAX_BYTES = 4096;

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
        `Redirect URI:   ${auth.redirectUri} (${auth.clientId ? `must equal the one registered for your integration ${auth.clientId}` : 'register exactly this with your Basecamp integration, then `login`'})`,
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
