import { createCompanion } from '../../core/app.ts';
import { MISSING_TOKEN_MESSAGE, MODE_HEADER, PROFILE_HEADER } from '../../core/mcp/server.ts';
import { profileId } from '../../core/paths.ts';
import { createKeyringStore, keychainErrorFrom, keychainService } from '../../core/secrets/keyring-store.ts';
import { flag, type CliCommand } from '../command.ts';
import { recordState, type ClientState } from '../../core/clients/status.ts';
import { systemEnvironment } from '../../core/clients/environment.ts';

export interface EndpointProbe {
  /** Our endpoint answers on the port. */
  running: boolean;
  /** What the serving run says it is (absent from an older version that does not tell). */
  mode?: 'sandbox' | 'basecamp';
  /** profileId() of the serving run's data directory. */
  profile?: string;
}

/**
 * Whether our endpoint answers on the settings port: a token-less caller gets our JSON-RPC error
 * (-32001, the missing-token message), with headers saying sandbox or not and which data directory.
 * No redirects followed, and at most 4 KB read of whatever answers.
 */
export async function probeEndpoint(url: string): Promise<EndpointProbe> {
  try {
    const answer = await fetch(url, {
      method: 'POST',
      body: '{}',
      redirect: 'manual',
      signal: AbortSignal.timeout(800),
    });
    if (answer.status !== 401 || !answer.body) return { running: false };
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
    if (size > PROBE_MAX_BYTES) return { running: false }; // ours is a short JSON error
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      error?: { code?: unknown; message?: unknown };
    };
    const ours =
      body.error?.code === -32001 &&
      typeof body.error.message === 'string' &&
      body.error.message.startsWith(MISSING_TOKEN_MESSAGE);
    if (!ours) return { running: false };
    const mode = answer.headers.get(MODE_HEADER);
    const profile = answer.headers.get(PROFILE_HEADER);
    return {
      running: true,
      ...(mode === 'sandbox' || mode === 'basecamp' ? { mode } : {}),
      ...(profile && /^[0-9a-f]{12}$/.test(profile) ? { profile } : {}),
    };
  } catch {
    return { running: false };
  }
}

export async function endpointRunning(url: string): Promise<boolean> {
  return (await probeEndpoint(url)).running;
}

/** How the endpoint line reads: running (and whose), or how to start it. */
function describeServing(probe: EndpointProbe, ownProfile: string): string {
  if (!probe.running) return 'not running — start it with `serve` or the tray app';
  if (probe.profile && probe.profile !== ownProfile)
    return 'running, but for another profile: a Basecamp Companion with another data directory (BASECAMP_COMPANION_HOME) holds this port';
  if (probe.mode === 'sandbox')
    return 'running, sandbox: it serves the embedded sandbox Basecamp, not your account';
  return 'running';
}

/** The keychain's own availability check; undefined when it answers, else what is wrong and what to do. */
async function keychainTrouble(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          `not answering: it did not reply within ${KEYCHAIN_PROBE_MS / 1000} s. Unlock or restart it, then try again.`,
        ),
      KEYCHAIN_PROBE_MS,
    );
    timer.unref();
  });
  const check = createKeyringStore({ service: keychainService(env) })
    .check()
    .then(
      () => undefined,
      (error: unknown) => {
        const failure = keychainErrorFrom(error);
        // The message is written for a failed save; status saved nothing, so that sentence is left out.
        const message = failure.message.replace(' Nothing was saved anywhere else.', '');
        return `${failure.problem === 'locked' ? 'locked' : 'not answering'}: ${message}`;
      },
    );
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What `status` adds after a client's name when it is not simply configured (`clients list` says the same). */
const STATUS_NOTE: Partial<Record<ClientState, string>> = {
  'waiting-for-command': 'waiting for you to run the printed command',
  printed: 'printed, not written to a file',
};

const KEYCHAIN_PROBE_MS = 5000;
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
      // The same state `clients list` shows for the client (revoked, waiting for a printed command, …).
      const stateOptions = {
        environment: systemEnvironment({ env: io.env }),
        registry: companion.clients,
        port: settings.port,
        tokenFileDir: companion.paths.dataDir,
      };
      const clients = companion.clients.list().map((client) => ({
        name: client.name,
        kind: client.kind,
        revoked: Boolean(client.revokedAt),
        configPath: client.configPath,
        state: recordState(client.name, client.kind, stateOptions) ?? null,
      }));
      const mcpUrl = `http://127.0.0.1:${settings.port}/mcp`;
      const ownProfile = profileId(companion.paths.dataDir);
      const [probe, keychainProblem] = await Promise.all([probeEndpoint(mcpUrl), keychainTrouble(io.env)]);
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
        mcpUrl,
        serving: probe.running,
        // 'sandbox' while `serve --sandbox` (npm run demo) holds the port; null when not running or not told.
        servingMode: probe.mode ?? null,
        // 'other': the running endpoint belongs to another data directory (profile).
        servingProfile: probe.profile ? (probe.profile === ownProfile ? 'this' : 'other') : null,
        keychainProblem: keychainProblem ?? null,
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
        `Keychain:       ${auth.keychain}${keychainProblem ? ` — ${keychainProblem}` : ''}`,
        `MCP endpoint:   ${report.mcpUrl} (${describeServing(probe, ownProfile)})${settings.readOnly ? ', read-only' : ''}`,
        `Data directory: ${companion.paths.dataDir}`,
        `Clients:        ${clients.length ? clients.map((c) => `${c.name}${c.revoked ? ' (revoked)' : c.state && STATUS_NOTE[c.state] ? ` (${STATUS_NOTE[c.state]})` : ''}`).join(', ') : 'none configured yet — try `basecamp-companion configure cursor`'}`,
      ];
      if (auth.problem) lines.push(`Problem:        ${auth.problem}`);
      io.stdout.write(lines.join('\n') + '\n');
      return 0;
    } finally {
      await companion.close();
    }
  },
};
