// The window's backend over the real core (createCompanion): what the Electron shell and
// `serve --dashboard` hand to createWindowApi. Reads status from auth, the client registry, the MCP
// server, settings and the log ring; every action goes to the module that owns it.
import type {
  AuthView,
  ClientKind,
  ClientKindView,
  ClientView,
  SettingsView,
  SignInProgress,
  SnapshotBody,
} from '../../../src-shared/contract.ts';
import { clientKindSchema } from '../../../src-shared/contract.ts';
import type { Companion } from '../app.ts';
import { REGISTER_INTEGRATION_URL } from '../auth/config.ts';
import type { LoginProgress } from '../auth/login.ts';
import { domains } from '../catalog/index.ts';
import {
  configureClient,
  describeModeTightened,
  type ConfigureResult as CoreConfigureResult,
} from '../clients/configure.ts';
import { systemEnvironment, type ClientEnvironment } from '../clients/environment.ts';
import { clientStatus, seenRecently } from '../clients/status.ts';
import type { ClientStats } from '../clients/tokens.ts';
import { CLIENTS, endpointUrl, findClient, isInstalled, type BridgeCommand } from '../clients/table.ts';
import { UserFacingError } from './dispatch.ts';
import type { CompanionBackend } from './backend.ts';

export interface CompanionBackendOptions {
  /** Where the window runs. */
  surface: 'tray' | 'dashboard';
  /** How a client starts our stdio bridge (Claude Desktop); the CLI and the shell know their own entry. */
  bridge: BridgeCommand;
  /** The machine the client table looks at; the real one unless a test says otherwise. */
  environment?: ClientEnvironment;
  env?: NodeJS.ProcessEnv;
  /** Applies "open at login" to the OS (login items, XDG autostart); the shell provides it. */
  setOpenAtLogin?: (enabled: boolean) => Promise<void> | void;
}

const KINDS = new Set<string>(clientKindSchema.options);

function progressOf(event: LoginProgress): SignInProgress {
  switch (event.phase) {
    case 'waiting-for-browser':
      return {
        step: 'waiting-for-browser',
        message: 'Approve the request on the Basecamp page.',
        authorizeUrl: event.url,
      };
    case 'exchanging':
      return { step: 'exchanging-code', message: 'Finishing sign-in…' };
    case 'done':
      return { step: 'done', message: `Signed in as ${event.identity.name}.` };
    case 'failed':
      return { step: 'failed', message: event.message };
  }
}

function describeConfigure(result: CoreConfigureResult): string {
  const said = describeAction(result);
  // The file now holds a token: say that it was made private, as the CLI does.
  return result.modeTightened && result.file
    ? `${said} ${describeModeTightened(result.file, result.modeTightened)}`
    : said;
}

function describeAction(result: CoreConfigureResult): string {
  const title = result.client.title;
  switch (result.action) {
    case 'added':
      return `Added Basecamp to ${title}.`;
    case 'updated':
      return `Updated Basecamp in ${title}.`;
    case 'unchanged':
      return `${title} already has Basecamp; nothing changed.`;
    case 'ran-command':
      return `Configured ${title} with its own command.`;
    case 'run-this-command':
      // The command needs a token, so it is never shown here (and none is issued). The terminal's `configure` (not
      // --print, which puts the token in the command line and so in shell history) prints one that reads it from a private file.
      // Plain text: the window shows messages as they are, so no Markdown.
      return `The ${result.client.cli?.command ?? title} command is not on your PATH, so nothing was configured yet. Run basecamp-companion configure ${result.client.id} in a terminal: it prints the command to run, which reads a new token from a file only you can read, so the token stays out of your shell history.`;
    case 'removed':
      return `Removed Basecamp from ${title}.`;
    case 'not-present':
      return `${title} had no Basecamp entry; nothing to remove.`;
    case 'printed':
      return `Run basecamp-companion configure ${result.client.id} --print in a terminal to see the snippet.`;
  }
}

function statsView(stats: ClientStats): Pick<ClientView, 'clientInfo' | 'lastSeenAt' | 'calls' | 'errors'> {
  return {
    ...(stats.clientInfo ? { clientInfo: { ...stats.clientInfo } } : {}),
    ...(stats.lastSeen ? { lastSeenAt: stats.lastSeen } : {}),
    calls: stats.calls,
    errors: stats.errors,
  };
}

export function createCompanionBackend(
  companion: Companion,
  options: CompanionBackendOptions,
): CompanionBackend {
  const env = options.env ?? process.env;
  const environment = options.environment ?? systemEnvironment({ env });
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of listeners) listener();
  };
  // Reading the keychain is async; the answer is kept and renewed after anything that can change it.
  let appRegistered = false;
  const checkRegistered = async (): Promise<void> => {
    const next = await companion.auth.hasClient().catch(() => false);
    if (next !== appRegistered) {
      appRegistered = next;
      changed();
    }
  };
  void checkRegistered();
  // The AI-client table reads several config files; do it when something may have changed, not per tool call.
  let kinds: ClientKindView[] | undefined;
  // Clients get the port in settings, as the CLI's `configure` writes and `clients list` checks: a run on
  // another port (`serve --port 0`) is this run's only, and a config pointing at it breaks at the next start.
  const port = (): number => companion.settings.get().port;
  /** Said after a configure when this run listens elsewhere than the port the client now points at. */
  const portNote = (title: string): string | undefined => {
    const running = companion.server()?.port;
    const usual = port();
    return running !== undefined && running !== usual
      ? `This run of Basecamp Companion listens on port ${running}, not on its usual port ${usual}: ${title} will connect once the companion runs on port ${usual}.`
      : undefined;
  };

  const clientKinds = (): ClientKindView[] =>
    (kinds ??= CLIENTS.filter((spec) => KINDS.has(spec.id)).map((spec) => {
      const state = clientStatus(spec, { environment, registry: companion.clients, port: port() }).state;
      return {
        kind: spec.id as ClientKind,
        label: spec.title,
        installed: isInstalled(spec, environment),
        configured: state === 'configured' || state === 'connected',
        supportsProject: spec.scopes.includes('project'),
        restartHint: spec.restartHint,
      };
    }));

  const authView = (): AuthView => {
    const status = companion.auth.status();
    const source = companion.sandbox
      ? 'sandbox'
      : env.BASECAMP_CLIENT_ID
        ? 'environment'
        : companion.settings.get().oauth.clientId
          ? 'settings'
          : status.clientId
            ? 'built-in'
            : 'none';
    const state = status.loginInProgress
      ? 'signing-in'
      : status.problem && status.state !== 'signed-in'
        ? 'error'
        : status.state;
    return {
      state,
      ...(status.identity ? { identity: { name: status.identity.name, email: status.identity.email } } : {}),
      accounts: status.accounts.map((account) => ({
        id: account.id,
        name: account.name,
        href: account.href,
      })),
      ...(status.selectedAccount ? { selectedAccountId: status.selectedAccount.id } : {}),
      ...(status.tokenExpiresAt ? { expiresAt: status.tokenExpiresAt } : {}),
      ...(status.problem
        ? { problem: status.problem }
        : status.state === 'needs-sign-in'
          ? { problem: status.summary }
          : {}),
      setup: {
        appRegistered: appRegistered || !!companion.sandbox,
        redirectUri: status.redirectUri,
        registerUrl: REGISTER_INTEGRATION_URL,
        source,
      },
    };
  };

  const clientViews = (): ClientView[] => [
    ...companion.clients.list().map((client) => {
      const spec = findClient(client.kind);
      const project = client.name.includes(':') ? client.name.slice(client.name.indexOf(':') + 1) : undefined;
      return {
        name: client.name,
        kind: client.kind,
        label: `${spec?.title ?? client.name}${project ? ` (${project.split(/[\\/]/).filter(Boolean).pop()})` : ''}`,
        ...(client.configPath ? { configPath: client.configPath } : {}),
        createdAt: client.createdAt,
        ...(client.revokedAt ? { revokedAt: client.revokedAt } : {}),
        ...statsView(client.stats),
        status: client.revokedAt
          ? ('revoked' as const)
          : seenRecently(client.stats.lastSeen) // the time may be from an earlier run (clients-seen.json)
            ? ('connected' as const)
            : ('configured' as const),
      };
    }),
    // The paste-ready entry `serve --sandbox` prints: a token for this run only, so no settings record.
    ...companion.sessionClients().map((client) => {
      const stats = companion.clients.statsFor(client.name);
      return {
        name: client.name,
        kind: client.kind,
        label: `${client.name} (this run only)`,
        createdAt: client.createdAt,
        ...statsView(stats),
        status: stats.lastSeen ? ('connected' as const) : ('configured' as const),
      };
    }),
  ];

  const settingsView = (): SettingsView => {
    const { port: settingsPort, readOnly, disabledDomains, openAtLogin, logLevel } = companion.settings.get();
    return { port: settingsPort, readOnly, disabledDomains, openAtLogin, logLevel };
  };

  const status = (): SnapshotBody => {
    const running = companion.server();
    return {
      app: {
        version: companion.version,
        sandbox: !!companion.sandbox,
        surface: options.surface,
        platform: process.platform,
      },
      auth: authView(),
      server: running ? { state: 'running', url: running.url, port: running.port } : { state: 'stopped' },
      clients: clientViews(),
      clientKinds: clientKinds(),
      settings: settingsView(),
      domains: domains.map((domain) => ({
        id: domain.name,
        title: domain.title,
        toolCount: domain.operations.length,
      })),
      lastLogSeq: companion.ring.since(0).at(-1)?.seq ?? 0,
    };
  };

  const stops = [
    companion.onActivity(changed),
    companion.settings.onChange(() => {
      kinds = undefined;
      changed();
    }),
    companion.auth.onProgress(changed),
  ];
  void stops; // they live as long as the companion

  const configure = (kind: ClientKind, project: string | undefined, remove: boolean): CoreConfigureResult => {
    try {
      return configureClient(
        { environment, registry: companion.clients, port: port(), bridge: options.bridge },
        { client: kind, caller: 'window', ...(project !== undefined ? { project } : {}), remove },
      );
    } finally {
      kinds = undefined;
      changed();
    }
  };

  return {
    status,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async signIn(onProgress, signal, { accountId }) {
      const stop = companion.auth.onProgress((event) => onProgress(progressOf(event)));
      const cancel = (): void => companion.auth.cancelLogin();
      signal.addEventListener('abort', cancel, { once: true });
      try {
        await companion.auth.login({ signal, ...(accountId === undefined ? {} : { accountId }) });
      } finally {
        stop();
        signal.removeEventListener('abort', cancel);
        changed();
      }
    },
    async signOut() {
      await companion.auth.logout();
      changed();
    },
    async selectAccount(accountId) {
      try {
        companion.auth.selectAccount(accountId);
      } catch (error) {
        throw new UserFacingError((error as Error).message, 'invalid-request');
      }
      changed();
    },
    async setAppCredentials(credentials) {
      await companion.auth.setClient(credentials);
      await checkRegistered();
      changed();
    },
    async revokeClient(name) {
      if (!companion.clients.revoke(name) && !companion.revokeSessionClient(name))
        throw new UserFacingError(`No client is called "${name}".`, 'invalid-request');
      kinds = undefined;
      changed();
    },
    async configureClient(kind, { project }) {
      const result = configure(kind, project, false);
      const note = result.action === 'run-this-command' ? undefined : portNote(result.client.title);
      return {
        name: result.name,
        kind,
        changed: result.action !== 'unchanged',
        ...(result.file ? { configPath: result.file } : {}),
        message: note ? `${describeConfigure(result)} ${note}` : describeConfigure(result),
        ...(result.action !== 'unchanged' && result.action !== 'run-this-command'
          ? { restartHint: result.restartHint }
          : {}),
      };
    },
    async removeClient(kind, { project }) {
      const result = configure(kind, project, true);
      return { removed: result.action === 'removed', message: describeConfigure(result) };
    },
    logs: (sinceSeq, limit) => companion.ring.since(sinceSeq, limit),
    onLog: (listener) => companion.ring.subscribe(listener),
    getSettings: settingsView,
    async updateSettings(patch) {
      const before = companion.settings.get();
      try {
        companion.settings.update(() => patch);
      } catch (error) {
        throw new UserFacingError((error as Error).message, 'invalid-request');
      }
      if (patch.openAtLogin !== undefined && patch.openAtLogin !== before.openAtLogin) {
        await options.setOpenAtLogin?.(patch.openAtLogin);
      }
      if (patch.port !== undefined && patch.port !== before.port) {
        companion.logger.info(
          `The MCP port is now ${patch.port}; it takes effect when the companion next starts.`,
        );
      }
      return settingsView();
    },
    connectionInfo: () => ({
      url: companion.server()?.url ?? endpointUrl(companion.settings.get().port),
      note: 'Each client needs its own token: use Configure (or run basecamp-companion configure CLIENT in a terminal), which writes it into the client’s config.',
    }),
  };
}
