// Test-only: an in-memory CompanionBackend for the window's state tests and the screenshot harness,
// over the real logger and log ring, until app.ts wires the real modules. Not part of the product.
import type {
  ClientKind,
  ClientKindView,
  ClientView,
  SettingsView,
  SnapshotBody,
} from '../../src-shared/contract.ts';
import type { CompanionBackend } from '../../src-main/core/state/backend.ts';
import { createLogger, type Logger } from '../../src-main/core/log/logger.ts';
import { LogRing } from '../../src-main/core/log/ring.ts';

const KINDS: Array<[ClientKind, string, boolean]> = [
  ['cursor', 'Cursor', true],
  ['vscode', 'VS Code', true],
  ['claude-desktop', 'Claude Desktop', false],
  ['claude-code', 'Claude Code', false],
  ['windsurf', 'Windsurf', false],
  ['zed', 'Zed', false],
  ['cline', 'Cline', false],
  ['goose', 'Goose', false],
  ['lmstudio', 'LM Studio', false],
  ['codex', 'Codex', false],
];

export interface MemoryBackend extends CompanionBackend {
  logger: Logger;
  /** Pretend a configured client called a tool. */
  recordCall(name: string, ok: boolean, clientInfo?: { name: string; version?: string }): void;
  /** Let a pending sign-in finish (the browser's Authorize click). */
  approveSignIn(): void;
  denySignIn(): void;
  /** The refresh token stopped working: the user must sign in again. */
  expireSignIn(): void;
}

export function createMemoryBackend(
  options: { surface?: 'tray' | 'dashboard'; sandbox?: boolean } = {},
): MemoryBackend {
  const sandbox = options.sandbox ?? true;
  const ring = new LogRing(500);
  const logger = createLogger({ level: 'debug', ring });
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((listener) => listener());
  let settings: SettingsView = {
    port: 3917,
    readOnly: false,
    disabledDomains: [],
    openAtLogin: false,
    logLevel: 'info',
  };
  const servingPort = settings.port;
  let signedIn = false;
  let expired = false;
  let selected: number | undefined;
  let appRegistered = sandbox; // the sandbox brings its own integration
  const clients: ClientView[] = [];
  let pendingSignIn: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const accounts = [
    { id: 1000001, name: 'Honcho Design', href: 'http://127.0.0.1:1/1000001' },
    { id: 1000002, name: 'Field Notes Co.', href: 'http://127.0.0.1:1/1000002' },
  ];

  const status = (): SnapshotBody => ({
    app: { version: '0.1.0', sandbox, surface: options.surface ?? 'dashboard', platform: 'linux' },
    auth: {
      state: signedIn ? 'signed-in' : expired ? 'needs-sign-in' : 'signed-out',
      ...(expired
        ? { problem: 'Basecamp no longer accepts this sign-in (it was revoked or expired). Sign in again.' }
        : {}),
      ...(signedIn
        ? {
            identity: { name: 'Annie Bryan', email: 'annie@honcho.example' },
            accounts,
            expiresAt: new Date(Date.UTC(2026, 11, 17, 9, 30)).toISOString(),
          }
        : { accounts: [] }),
      ...(signedIn && selected !== undefined ? { selectedAccountId: selected } : {}),
      setup: {
        appRegistered,
        redirectUri: 'http://127.0.0.1:3918/callback',
        registerUrl: 'https://launchpad.37signals.com/integrations',
        source: sandbox ? 'sandbox' : appRegistered ? 'settings' : 'none',
      },
    },
    // Like the real server: a new port takes effect at the next start.
    server: { state: 'running', url: `http://127.0.0.1:${servingPort}/mcp`, port: servingPort },
    clients: clients.map((client) => ({ ...client })),
    clientKinds: KINDS.map(([kind, label, supportsProject]): ClientKindView => ({
      kind,
      label,
      installed: kind === 'cursor' || kind === 'vscode' || kind === 'zed',
      configured: clients.some((client) => client.kind === kind && !client.revokedAt),
      supportsProject,
      ...(kind === 'claude-desktop' ? { restartHint: 'Quit and reopen Claude Desktop.' } : {}),
    })),
    settings,
    domains: [
      { id: 'projects', title: 'Projects', toolCount: 3 },
      { id: 'todos', title: 'To-dos', toolCount: 7 },
      { id: 'messages', title: 'Messages', toolCount: 4 },
      { id: 'campfire', title: 'Campfire', toolCount: 2 },
    ],
    lastLogSeq: ring.since(0).at(-1)?.seq ?? 0,
  });

  ring.subscribe(changed);

  return {
    logger,
    status,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signIn(onProgress, signal) {
      onProgress({
        step: 'waiting-for-browser',
        message: 'Approve the request in your browser.',
        authorizeUrl: 'http://127.0.0.1:9/authorization/new?client_id=demo',
      });
      return new Promise<void>((resolve, reject) => {
        pendingSignIn = {
          resolve: () => {
            signedIn = true;
            expired = false;
            selected = accounts[0]!.id;
            logger.child('auth').info('Signed in as Annie Bryan');
            changed();
            resolve();
          },
          reject,
        };
        signal.addEventListener('abort', () => reject(new Error('cancelled')), { once: true });
      }).finally(() => (pendingSignIn = undefined));
    },
    approveSignIn: () => pendingSignIn?.resolve(),
    expireSignIn() {
      signedIn = false;
      expired = true;
      logger.child('auth').warn('The refresh token was refused; sign in again');
      changed();
    },
    denySignIn: () =>
      pendingSignIn?.reject(
        new Error('You chose Deny on the Basecamp page. Sign in again when you are ready.'),
      ),
    async signOut() {
      signedIn = false;
      logger.child('auth').info('Signed out');
      changed();
    },
    async selectAccount(id) {
      selected = id;
      changed();
    },
    async setAppCredentials({ clientId }) {
      appRegistered = true;
      logger.child('auth').info('Saved the Launchpad integration', { clientId });
      changed();
    },
    async revokeClient(name) {
      const client = clients.find((entry) => entry.name === name);
      if (client) {
        client.revokedAt = new Date().toISOString();
        client.status = 'revoked';
      }
      logger.child('clients').info(`Revoked ${name}`);
      changed();
    },
    async configureClient(kind, { project }) {
      const label = KINDS.find(([k]) => k === kind)![1];
      const name = project ? `${kind}:${project}` : kind;
      const existing = clients.find((client) => client.name === name);
      if (!existing) {
        const folder = project?.split('/').filter(Boolean).pop();
        clients.push({
          name,
          kind,
          label: folder ? `${label} (${folder})` : label,
          configPath: project ? `${project}/.${kind}/mcp.json` : `/home/annie/.${kind}/mcp.json`,
          createdAt: new Date().toISOString(),
          calls: 0,
          errors: 0,
          status: 'configured',
        });
      } else {
        delete existing.revokedAt;
        existing.status = 'configured';
      }
      logger.child('clients').info(`Configured ${label}`);
      changed();
      return {
        name,
        kind,
        changed: true,
        configPath: `/home/annie/.${kind}/mcp.json`,
        message: `Added Basecamp to ${label}.`,
        restartHint: `Refresh the server list in ${label}.`,
      };
    },
    async removeClient(kind) {
      const index = clients.findIndex((client) => client.kind === kind);
      if (index >= 0) clients.splice(index, 1);
      changed();
      return { removed: index >= 0, message: index >= 0 ? 'Removed.' : 'It was not configured.' };
    },
    logs: (sinceSeq, limit) => ring.since(sinceSeq, limit),
    onLog: (listener) => ring.subscribe(listener),
    getSettings: () => settings,
    async updateSettings(patch) {
      settings = { ...settings, ...patch };
      changed();
      return settings;
    },
    connectionInfo: () => ({
      url: `http://127.0.0.1:${servingPort}/mcp`,
      note: 'Use Configure to give each client its own token.',
    }),
    recordCall(name, ok, clientInfo) {
      const client = clients.find((entry) => entry.name === name);
      if (!client) return;
      client.calls += 1;
      if (!ok) client.errors += 1;
      client.lastSeenAt = new Date().toISOString();
      client.status = 'connected';
      if (clientInfo) client.clientInfo = clientInfo;
      logger.child('mcp').info(`${client.label} called list_projects`, { client: name, ok });
      changed();
    },
  };
}
