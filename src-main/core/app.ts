// createCompanion(): wires the core's parts together for one process, with no globals.
// The CLI and the Electron shell are its two callers; everything they do goes through the object it returns.
import net from 'node:net';
import { createAuth, userAgentFor, type Auth } from './auth/auth.ts';
import { openInSystemBrowser } from './auth/system-browser.ts';
import { createAccountResourcePool, createBasecampClient } from './basecamp/client.ts';
import type { BasecampClient } from './basecamp/types.ts';
import type { ToolContext } from './catalog/executor.ts';
import { createClientRegistry, hashToken, mintToken, type ClientRegistry } from './clients/tokens.ts';
import { createLogger, isLogLevel, type Logger, type LogLevel } from './log/logger.ts';
import { registerSecret } from './log/redact.ts';
import { LogRing } from './log/ring.ts';
import { RotatingFile } from './log/rotating-file.ts';
import { startMcpServer, type RunningMcpServer } from './mcp/server.ts';
import { companionPaths, profileId, resolveDataDir, type CompanionPaths } from './paths.ts';
import { answerAuthorizePage } from './sandbox/browserless.ts';
import { startSandbox, type Sandbox } from './sandbox/server.ts';
import { createKeyringStore, keychainService } from './secrets/keyring-store.ts';
import { createMemoryStore } from './secrets/memory-store.ts';
import type { SecretStore } from './secrets/store.ts';
import { memorySettings, openSettings, type Settings } from './settings/settings.ts';

export const VERSION = '0.1.0';

export interface CompanionOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides BASECAMP_COMPANION_HOME and the per-OS default (the shell passes Electron's userData). */
  dataDir?: string;
  /** Run against the embedded sandbox Basecamp: no account, browser or keychain needed. */
  sandbox?: boolean;
  /** Human-readable log lines (the CLI passes stderr). */
  console?: NodeJS.WritableStream;
  /** The least level that reaches `console` (short CLI commands pass `warn`). */
  consoleLevel?: LogLevel;
  /** Opens the sign-in page: shell.openExternal in the app, the OS opener on the CLI. */
  openUrl?: (url: string) => Promise<void> | void;
  /** The keychain; defaults to the OS keychain (memory in --sandbox mode). */
  secrets?: SecretStore;
  /** Refuse every write for this process, whatever the settings say (`serve --read-only`). */
  forceReadOnly?: boolean;
  /** Switch the Basecamp client's cache, coalescing or governor off (the benchmark's "off" column). */
  basecampFeatures?: { cache?: boolean; coalesce?: boolean; governor?: boolean };
}

export interface Companion {
  readonly version: string;
  readonly paths: CompanionPaths;
  /** The settings file: port, read-only, domains, configured clients, and (outside --sandbox) the account. */
  readonly settings: Settings;
  readonly logger: Logger;
  readonly ring: LogRing;
  readonly auth: Auth;
  readonly clients: ClientRegistry;
  /** The embedded sandbox Basecamp, in --sandbox mode. */
  readonly sandbox?: Sandbox;
  readonly toolContext: ToolContext;
  /**
   * A client token that lives only as long as this process (the demo's paste-ready entry): nothing is written,
   * so a second demo run cannot break the first one's token. Use `configure` for tokens that last.
   */
  issueSessionToken(name: string): string;
  /** The clients holding a session token, for the window (they have no entry in the settings file). */
  sessionClients(): Array<{ name: string; kind: string; createdAt: string }>;
  /** Ends a session token; false when there is no such session client. */
  revokeSessionClient(name: string): boolean;
  /** Starts the MCP endpoint (port from settings unless given; 0 picks a free one). */
  startServer(options?: { port?: number }): Promise<RunningMcpServer>;
  server(): RunningMcpServer | undefined;
  /** Listeners run when the server starts or stops, a client is seen or calls a tool. */
  onActivity(listener: () => void): () => void;
  close(): Promise<void>;
}

/** A free loopback port, for the sandbox sign-in's redirect URI (so several sandboxes can run at once). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Tests shorten the slow-body timeouts of a child-process server through these (milliseconds). */
function timeoutsFrom(env: NodeJS.ProcessEnv): { requestTimeoutMs?: number; headersTimeoutMs?: number } {
  const read = (name: string): number | undefined => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value >= 100 ? value : undefined;
  };
  const requestTimeoutMs = read('BASECAMP_COMPANION_REQUEST_TIMEOUT_MS');
  const headersTimeoutMs = read('BASECAMP_COMPANION_HEADERS_TIMEOUT_MS');
  return {
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
    ...(headersTimeoutMs ? { headersTimeoutMs } : {}),
  };
}

export async function createCompanion(options: CompanionOptions = {}): Promise<Companion> {
  const env = options.env ?? process.env;
  const paths = companionPaths(options.dataDir ?? resolveDataDir(env));
  const ring = new LogRing();
  const bootRing = new LogRing(); // settings may warn before the real logger (whose level they hold) exists
  const bootLogger = createLogger({ ring: bootRing });
  const settings = openSettings(paths.dataDir, bootLogger);
  const envLevel = env.BASECAMP_COMPANION_LOG_LEVEL;
  const logger = createLogger({
    level: isLogLevel(envLevel) ? envLevel : settings.get().logLevel,
    ring,
    file: new RotatingFile(paths.logFile),
    ...(options.console ? { console: options.console } : {}),
    ...(options.consoleLevel ? { consoleLevel: options.consoleLevel } : {}),
  });
  for (const entry of bootRing.since()) logger[entry.level](entry.message, entry.fields);
  if (envLevel !== undefined && envLevel !== '' && !isLogLevel(envLevel)) {
    const shown = JSON.stringify(envLevel.replace(/[^\x20-\x7e]/g, '?').slice(0, 40));
    logger.warn(
      `BASECAMP_COMPANION_LOG_LEVEL=${shown} is not a log level, so it is ignored: use debug, info, warn or error (the settings' level "${settings.get().logLevel}" applies).`,
    );
  }
  if (!isLogLevel(envLevel)) {
    settings.onChange((next, previous) => {
      if (next.logLevel !== previous.logLevel) logger.setLevel(next.logLevel);
    });
  }

  let sandbox: Sandbox | undefined;
  let authSettings = settings;
  let authEnv = env;
  let secrets = options.secrets;
  // In --sandbox mode the first sign-in clicks Authorize on the sandbox's page itself; later ones use the real opener.
  let autoApprove = false;
  const userOpenUrl = options.openUrl ?? ((url: string) => openInSystemBrowser(url));

  if (options.sandbox) {
    const redirectUri = `http://127.0.0.1:${await freeLoopbackPort()}/callback`;
    sandbox = await startSandbox({
      redirectUri,
      logger,
      ...(env.BASECAMP_SANDBOX_CONTROL_TOKEN ? { controlToken: env.BASECAMP_SANDBOX_CONTROL_TOKEN } : {}),
      ...(env.BASECAMP_SANDBOX_PORT ? { port: Number(env.BASECAMP_SANDBOX_PORT) } : {}),
    });
    registerSecret(sandbox.oauthClient.clientSecret);
    authSettings = memorySettings();
    secrets = createMemoryStore();
    authEnv = {
      ...env,
      BASECAMP_LAUNCHPAD_URL: sandbox.launchpadUrl,
      BASECAMP_CLIENT_ID: sandbox.oauthClient.clientId,
      BASECAMP_CLIENT_SECRET: sandbox.oauthClient.clientSecret,
      BASECAMP_REDIRECT_URI: redirectUri,
    };
    autoApprove = true;
  }
  secrets ??= createKeyringStore({ service: keychainService(env) });

  const auth = createAuth({
    settings: authSettings,
    secrets,
    env: authEnv,
    logger,
    userAgent: userAgentFor(settings.get(), VERSION),
    openUrl: async (url) => {
      if (!autoApprove) return userOpenUrl(url);
      const outcome = await answerAuthorizePage(url, 'allow');
      if (outcome.location) await fetch(outcome.location);
    },
  });

  if (sandbox) {
    await auth.login({ timeoutMs: 15_000 });
    autoApprove = false;
    logger.info(
      `Sandbox Basecamp at ${sandbox.url}; signed in as ${auth.status().identity?.name ?? 'the sandbox user'}.`,
    );
  }

  const clients = createClientRegistry({ settings, logger });
  const resources = createAccountResourcePool();
  const basecampClients = new Map<number, BasecampClient>();

  const toolContext: ToolContext = {
    async clientFor(accountId) {
      const account = auth.resolveAccount(accountId);
      let client = basecampClients.get(account.id);
      if (!client || client.account.href !== account.href) {
        const shared = resources.forAccount(account.id);
        client = createBasecampClient({
          account: { id: account.id, href: account.href },
          tokens: auth.tokenProvider,
          userAgent: userAgentFor(settings.get(), VERSION),
          logger,
          governor: shared.governor,
          cache: shared.cache,
          ...(options.basecampFeatures ? { features: options.basecampFeatures } : {}),
        });
        basecampClients.set(account.id, client);
      }
      return client;
    },
    accounts: () => auth.status().accounts.map((account) => ({ id: account.id, name: account.name })),
    get readOnly() {
      return options.forceReadOnly === true || settings.get().readOnly;
    },
    get readOnlySource() {
      return options.forceReadOnly === true ? ('flag' as const) : ('settings' as const);
    },
    get disabledDomains() {
      return settings.get().disabledDomains;
    },
    get uploads() {
      return { folders: settings.get().uploadFolders, dataDir: paths.dataDir };
    },
  };

  const sessionTokens = new Map<string, { name: string; kind: string; createdAt: string }>(); // token hash → client
  const verifyClientToken = (token: string): { name: string; kind: string } | undefined =>
    sessionTokens.get(hashToken(token)) ?? clients.verifyClientToken(token);

  const activity = new Set<() => void>();
  const notify = (): void => {
    for (const listener of activity) listener();
  };
  let running: RunningMcpServer | undefined;

  return {
    version: VERSION,
    paths,
    settings,
    logger,
    ring,
    auth,
    clients,
    ...(sandbox ? { sandbox } : {}),
    toolContext,
    issueSessionToken(name) {
      const token = mintToken();
      registerSecret(token);
      sessionTokens.set(hashToken(token), { name, kind: 'session', createdAt: new Date().toISOString() });
      return token;
    },
    sessionClients: () => [...sessionTokens.values()],
    revokeSessionClient(name) {
      let found = false;
      for (const [hash, client] of sessionTokens) {
        if (client.name === name) {
          sessionTokens.delete(hash);
          found = true;
        }
      }
      if (found) notify();
      return found;
    },
    async startServer(serverOptions = {}) {
      if (running) return running;
      running = await startMcpServer({
        port: serverOptions.port ?? settings.get().port,
        context: toolContext,
        verifyClientToken,
        logger,
        ...timeoutsFrom(env),
        serverInfo: { name: 'basecamp-companion', version: VERSION },
        identity: { mode: sandbox ? 'sandbox' : 'basecamp', profile: profileId(paths.dataDir) },
        onClientSeen: ({ client, clientInfo }) => {
          clients.recordSeen(client.name, clientInfo);
          notify();
        },
        onToolCall: (event) => {
          clients.recordCall(event.client.name, { ok: event.ok });
          notify();
        },
      });
      notify();
      return running;
    },
    server: () => running,
    onActivity(listener) {
      activity.add(listener);
      return () => activity.delete(listener);
    },
    async close() {
      const server = running;
      running = undefined;
      await server?.close();
      clients.flush(); // the last-seen times `clients list` shows from other processes
      await sandbox?.close();
      notify();
    },
  };
}
