// The one contract between main and the window: every request/response channel and every event,
// as zod schemas. Both sides validate with these (main: requests; window: responses and events), the
// Electron IPC and the browser dashboard carry the same envelopes, and the handler table type makes
// a channel without a handler a compile error.
//
// Tokens never cross this line. Every object schema is strict (unknown keys are rejected, so a stray
// `accessToken` fails validation instead of leaking), and no field is named or meant for a secret.
// The one secret that travels is the app's client secret, window → main only, at first-time setup.
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Building blocks

export const logLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);

export const logEntrySchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  time: z.string(),
  level: logLevelSchema,
  scope: z.string(),
  /** Already redacted by the logger. */
  message: z.string(),
  fields: z.record(z.string(), z.unknown()).optional(),
});

/** The AI clients the core can configure (one row each in the core's clients table). */
export const clientKindSchema = z.enum([
  'cursor',
  'vscode',
  'claude-desktop',
  'claude-code',
  'windsurf',
  'zed',
  'cline',
  'goose',
  'lmstudio',
  'codex',
]);

export const identitySchema = z.strictObject({
  name: z.string(),
  email: z.string(),
});

export const accountSchema = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  /** The account's API base, e.g. https://3.basecampapi.com/123 — an address, not a credential. */
  href: z.string(),
});

export const signInStepSchema = z.enum([
  'starting',
  'waiting-for-browser', // the authorize page is open; the user approves there
  'exchanging-code',
  'loading-accounts',
  'done',
  'cancelled',
  'failed',
]);

export const signInProgressSchema = z.strictObject({
  step: signInStepSchema,
  /** One sentence for the user. */
  message: z.string(),
  /** The Launchpad page to approve on, so the window can offer "open it again". Built in main. */
  authorizeUrl: z.string().optional(),
});

export const authViewSchema = z.strictObject({
  state: z.enum(['signed-out', 'signing-in', 'signed-in', 'needs-sign-in', 'error']),
  identity: identitySchema.optional(),
  /** bc3 accounts only. */
  accounts: z.array(accountSchema),
  selectedAccountId: z.number().int().optional(),
  /** When the current sign-in stops working without a refresh (ISO time). */
  expiresAt: z.string().optional(),
  /** Why the state is `error` or `needs-sign-in`, in a sentence that says what to do. */
  problem: z.string().optional(),
  /** The sign-in in progress, if any. */
  progress: signInProgressSchema.optional(),
  /** First-time setup help: what to register at Launchpad. */
  setup: z.strictObject({
    /** True when a client ID and secret are available (settings, environment, keychain or built in). */
    appRegistered: z.boolean(),
    /** The redirect URI to register with the integration, exactly. */
    redirectUri: z.string(),
    /** Where to register an integration. */
    registerUrl: z.string(),
    /** Where the credentials came from, for the help text. */
    source: z.enum(['none', 'settings', 'environment', 'built-in', 'sandbox']),
  }),
});

export const serverViewSchema = z.strictObject({
  state: z.enum(['starting', 'running', 'stopped', 'error']),
  /** The MCP endpoint, e.g. http://127.0.0.1:3917/mcp */
  url: z.string().optional(),
  port: z.number().int().optional(),
  problem: z.string().optional(),
});

export const clientViewSchema = z.strictObject({
  /** Stable key, e.g. `cursor` or `cursor:/home/me/project`. */
  name: z.string(),
  kind: z.string(),
  /** The label the user knows, e.g. "Cursor (project ~/app)". */
  label: z.string(),
  configPath: z.string().optional(),
  createdAt: z.string().optional(),
  revokedAt: z.string().optional(),
  /** What the client said it is in MCP initialize. */
  clientInfo: z.strictObject({ name: z.string(), version: z.string().optional() }).optional(),
  lastSeenAt: z.string().optional(),
  calls: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  status: z.enum(['configured', 'connected', 'revoked']),
});

export const clientKindViewSchema = z.strictObject({
  kind: clientKindSchema,
  label: z.string(),
  /** Detected on this machine (app or config folder present). */
  installed: z.boolean(),
  /** Our `basecamp` entry is in its config. */
  configured: z.boolean(),
  /** Takes a project folder (Cursor, VS Code workspace). */
  supportsProject: z.boolean(),
  restartHint: z.string().optional(),
});

export const settingsViewSchema = z.strictObject({
  port: z.number().int().min(0).max(65535),
  readOnly: z.boolean(),
  disabledDomains: z.array(z.string()),
  openAtLogin: z.boolean(),
  logLevel: logLevelSchema,
});

export const settingsPatchSchema = settingsViewSchema.partial();

export const domainViewSchema = z.strictObject({
  /** Tool group id, e.g. `todos`. */
  id: z.string(),
  title: z.string(),
  /** How many Basecamp actions the group serves (each group is one tool with an `action` argument). */
  toolCount: z.number().int().nonnegative(),
});

/** Everything the window shows. Whole, small, sent once and then again on every change (higher rev). */
export const snapshotSchema = z.strictObject({
  rev: z.number().int().nonnegative(),
  app: z.strictObject({
    version: z.string(),
    /** Running against the embedded sandbox Basecamp. */
    sandbox: z.boolean(),
    /** Where the window runs: inside the tray app or in a browser tab. */
    surface: z.enum(['tray', 'dashboard']),
    platform: z.string(),
  }),
  auth: authViewSchema,
  server: serverViewSchema,
  clients: z.array(clientViewSchema),
  clientKinds: z.array(clientKindViewSchema),
  settings: settingsViewSchema,
  domains: z.array(domainViewSchema),
  /** Sequence number of the newest log entry, so the window knows where to tail from. */
  lastLogSeq: z.number().int().nonnegative(),
});

export const configureResultSchema = z.strictObject({
  name: z.string(),
  kind: clientKindSchema,
  /** False when the entry was already there and nothing was written. */
  changed: z.boolean(),
  configPath: z.string().optional(),
  /** What happened, in a sentence. */
  message: z.string(),
  restartHint: z.string().optional(),
});

const empty = z.strictObject({});
const ok = z.strictObject({ ok: z.literal(true) });

// ---------------------------------------------------------------------------------------------
// Channels: window → main, one response each.

export const channels = {
  'snapshot:get': { request: empty, response: snapshotSchema },

  /** Resolves when the sign-in ends (signed in, cancelled, failed); progress arrives as `auth:progress`. */
  'auth:sign-in': {
    request: z.strictObject({ accountId: z.number().int().optional() }),
    response: z.strictObject({ outcome: z.enum(['signed-in', 'cancelled', 'failed']), message: z.string() }),
  },
  'auth:cancel-sign-in': { request: empty, response: z.strictObject({ cancelled: z.boolean() }) },
  'auth:sign-out': { request: empty, response: ok },
  'auth:select-account': { request: z.strictObject({ accountId: z.number().int() }), response: ok },
  /** First-time setup: the user's own Launchpad integration. The secret goes to the keychain in main. */
  'auth:set-app-credentials': {
    request: z.strictObject({
      clientId: z.string().trim().min(1, 'Paste the Client ID from your Launchpad integration.').max(200),
      clientSecret: z
        .string()
        .trim()
        .min(1, 'Paste the Client Secret from your Launchpad integration.')
        .max(500),
    }),
    response: ok,
  },

  'clients:list': { request: empty, response: z.strictObject({ clients: z.array(clientViewSchema) }) },
  'clients:revoke': { request: z.strictObject({ name: z.string().min(1).max(500) }), response: ok },
  'clients:configure': {
    request: z.strictObject({ kind: clientKindSchema, project: z.string().min(1).max(4096).optional() }),
    response: configureResultSchema,
  },
  'clients:remove': {
    request: z.strictObject({ kind: clientKindSchema, project: z.string().min(1).max(4096).optional() }),
    response: z.strictObject({ removed: z.boolean(), message: z.string() }),
  },

  /** Entries after `sinceSeq` (0 = the whole ring), oldest first; new ones then arrive as `logs:appended`. */
  'logs:tail': {
    request: z.strictObject({
      sinceSeq: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    response: z.strictObject({ entries: z.array(logEntrySchema), lastSeq: z.number().int().nonnegative() }),
  },

  'settings:get': { request: empty, response: settingsViewSchema },
  'settings:update': { request: settingsPatchSchema.strict(), response: settingsViewSchema },

  /** What to paste into a client by hand. The per-client token is never included: Configure writes it. */
  'mcp:connection-info': {
    request: empty,
    response: z.strictObject({ url: z.string(), transport: z.literal('streamable-http'), note: z.string() }),
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Events: main → window.

export const events = {
  /** The whole snapshot, with a higher `rev` than the last one. */
  'snapshot:changed': snapshotSchema,
  /** New log entries, oldest first. */
  'logs:appended': z.strictObject({ entries: z.array(logEntrySchema) }),
  'auth:progress': signInProgressSchema,
} as const;

// ---------------------------------------------------------------------------------------------
// Types

export type ChannelName = keyof typeof channels;
export type EventName = keyof typeof events;
/** What a caller passes (defaults may be left out). */
export type RequestInput<C extends ChannelName> = z.input<(typeof channels)[C]['request']>;
/** What a handler receives, after validation and defaults. */
export type RequestOf<C extends ChannelName> = z.output<(typeof channels)[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<(typeof channels)[C]['response']>;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

export type Snapshot = z.output<typeof snapshotSchema>;
export type SnapshotBody = Omit<Snapshot, 'rev'>;
export type LogEntryView = z.output<typeof logEntrySchema>;
export type LogLevelName = z.output<typeof logLevelSchema>;
export type ClientKind = z.output<typeof clientKindSchema>;
export type ClientView = z.output<typeof clientViewSchema>;
export type ClientKindView = z.output<typeof clientKindViewSchema>;
export type AuthView = z.output<typeof authViewSchema>;
export type ServerView = z.output<typeof serverViewSchema>;
export type SettingsView = z.output<typeof settingsViewSchema>;
export type SettingsPatch = z.output<typeof settingsPatchSchema>;
export type DomainView = z.output<typeof domainViewSchema>;
export type SignInProgress = z.output<typeof signInProgressSchema>;
export type ConfigureResult = z.output<typeof configureResultSchema>;

/** Who is calling a handler; the shell and the dashboard fill it in after their own sender checks. */
export interface CallContext {
  surface: 'tray' | 'dashboard';
}

/** The table main must provide: one handler per channel, or it does not compile. */
export type ContractHandlers = {
  [C in ChannelName]: (request: RequestOf<C>, context: CallContext) => Promise<ResponseOf<C>>;
};

/** The table main must provide for events: something that delivers each one. */
export type EventSink = <E extends EventName>(event: E, payload: EventOf<E>) => void;

// ---------------------------------------------------------------------------------------------
// The envelope every response travels in (IPC and HTTP alike), so errors arrive as data.

export const errorCodeSchema = z.enum([
  'invalid-request',
  'unknown-channel',
  'failed',
  'unavailable',
  'forbidden',
]);
export type ErrorCode = z.output<typeof errorCodeSchema>;

export const failureSchema = z.strictObject({
  ok: z.literal(false),
  error: z.strictObject({ code: errorCodeSchema, message: z.string() }),
});
export type Failure = z.output<typeof failureSchema>;
export type Envelope<T> = { ok: true; value: T } | Failure;

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** Turn a zod failure into one sentence a person can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Window side: check a raw response envelope against the channel's schema. Throws ContractError. */
export function decodeResponse<C extends ChannelName>(channel: C, raw: unknown): ResponseOf<C> {
  const failure = failureSchema.safeParse(raw);
  if (failure.success) throw new ContractError(failure.data.error.code, failure.data.error.message);
  const shape = z.strictObject({ ok: z.literal(true), value: channels[channel].response }).safeParse(raw);
  if (!shape.success) {
    throw new ContractError(
      'invalid-request',
      `The app answered ${channel} with something unexpected (${describeIssues(shape.error)}).`,
    );
  }
  return shape.data.value as ResponseOf<C>;
}

/** Window side: check an event payload; returns undefined (and the reason) when it does not fit. */
export function decodeEvent<E extends EventName>(
  event: E,
  raw: unknown,
): { ok: true; value: EventOf<E> } | { ok: false; reason: string } {
  const result = events[event].safeParse(raw);
  return result.success
    ? { ok: true, value: result.data as EventOf<E> }
    : { ok: false, reason: describeIssues(result.error) };
}

export class ContractError extends Error {
  override name = 'ContractError';
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------
// The Electron preload bridge: named functions only, derived from these tables so none is missing.
// The preload forwards each method to ipcRenderer.invoke(channel, request) and each subscription to
// ipcRenderer.on(event); it returns raw envelopes and the window validates them with decodeResponse.

export const bridgeMethods = {
  getSnapshot: 'snapshot:get',
  signIn: 'auth:sign-in',
  cancelSignIn: 'auth:cancel-sign-in',
  signOut: 'auth:sign-out',
  selectAccount: 'auth:select-account',
  setAppCredentials: 'auth:set-app-credentials',
  listClients: 'clients:list',
  revokeClient: 'clients:revoke',
  configureClient: 'clients:configure',
  removeClient: 'clients:remove',
  tailLogs: 'logs:tail',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  connectionInfo: 'mcp:connection-info',
} as const satisfies Record<string, ChannelName>;

export const bridgeEvents = {
  onSnapshot: 'snapshot:changed',
  onLogs: 'logs:appended',
  onSignInProgress: 'auth:progress',
} as const satisfies Record<string, EventName>;

/** Fails to compile when a channel has no bridge method or an event no subscription. */
export const bridgeCoversContract: [
  Exclude<ChannelName, (typeof bridgeMethods)[keyof typeof bridgeMethods]>,
  Exclude<EventName, (typeof bridgeEvents)[keyof typeof bridgeEvents]>,
] extends [never, never]
  ? true
  : never = true;

/** What the preload exposes as `window.companion`. */
export type CompanionBridge = {
  [M in keyof typeof bridgeMethods]: (request: RequestInput<(typeof bridgeMethods)[M]>) => Promise<unknown>;
} & {
  [S in keyof typeof bridgeEvents]: (listener: (payload: unknown) => void) => () => void;
};

/** The global name the preload uses with contextBridge.exposeInMainWorld. */
export const BRIDGE_GLOBAL = 'companion';
