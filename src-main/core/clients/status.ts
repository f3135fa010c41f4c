// Where each AI client stands: not installed, installed, configured (our entry with a live token), connected
// (our endpoint has seen it), or one of the in-between states a token can be in (revoked, a printed command
// not run yet, printed by --print). The window's "Connect clients" list and `clients list` both read this.
import fs from 'node:fs';
import path from 'node:path';
import { readEntry } from './config-file.ts';
import { locate } from './configure.ts';
import { pathsFor, type ClientEnvironment } from './environment.ts';
import {
  CLIENTS,
  endpointUrl,
  findClient,
  forScope,
  registryName,
  type ClientScope,
  type ClientSpec,
} from './table.ts';
import { tokensIn, type ClientInfo, type ClientRegistry, type ClientStats } from './tokens.ts';
import { isInstalledApartFromUs } from './installed.ts';

export type ClientState =
  | 'not-installed'
  | 'installed'
  /** A project file without our entry: the client being installed says nothing about one project. */
  | 'not-configured'
  /** `clients revoke` took its token back: its calls get 401 until it is configured again. */
  | 'revoked'
  /** configure printed a command (the client's CLI was not on PATH) whose token file is still unread. */
  | 'waiting-for-command'
  /** configure --print issued a token and wrote no file: where it went we cannot see. */
  | 'printed'
  | 'configured'
  | 'connected';

/** How `clients list` and `status` say each state (the README's CLI table describes them). */
export const STATE_LABEL: Record<ClientState, string> = {
  'not-installed': 'not installed',
  installed: 'installed',
  'not-configured': 'not configured',
  revoked: 'revoked — configure again',
  'waiting-for-command': 'waiting for you to run the printed command',
  printed: 'printed (not written to a file)',
  configured: 'configured',
  connected: 'connected',
};

/** "Connected" means it called us this recently; before that it is configured, last seen at such a time. */
export const CONNECTED_WITHIN_MS = 15 * 60_000;

/** True when a client's last call (ISO time) is recent enough to call it connected. */
export function seenRecently(lastSeen: string | undefined, now: Date = new Date()): boolean {
  if (lastSeen === undefined) return false;
  const age = now.getTime() - Date.parse(lastSeen);
  // A time ahead of the clock (a hand-edited last-seen file) would otherwise say connected for good.
  return age < CONNECTED_WITHIN_MS && age > -60_000;
}

export interface ClientStatus {
  id: string;
  title: string;
  /** Registry name (`cursor`, `cursor:/path/to/project`). */
  name: string;
  state: ClientState;
  configPath: string;
  /** Why it is not configured although an entry exists, or why the file could not be read. */
  problem?: string;
  lastSeen?: string;
  clientInfo?: ClientInfo;
  /** null: the serving process counts them and this process only knows its last-seen time. */
  calls?: number | null;
  errors?: number | null;
  /** Where lastSeen came from: this process, or the serving process's clients-seen.json. */
  lastSeenFrom?: 'this-process' | 'clients-seen.json';
  restartHint: string;
  /** Whether we can write its config (false: we run or print its CLI command). */
  writable: boolean;
  scopes: readonly ClientScope[];
}

function urlsIn(value: unknown): string[] {
  if (typeof value === 'string') return value.match(/http:\/\/127\.0\.0\.1:\d+\/mcp/g) ?? [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(urlsIn);
  return [];
}

/** Last-seen fields for the list; counts another process made are not known here, so they are null, not 0. */
export function seenFields(
  stats: ClientStats,
): Pick<ClientStatus, 'lastSeen' | 'calls' | 'errors' | 'lastSeenFrom'> {
  return {
    ...(stats.lastSeen ? { lastSeen: stats.lastSeen } : {}),
    calls: stats.lastSeenShared ? null : stats.calls,
    errors: stats.lastSeenShared ? null : stats.errors,
    ...(stats.lastSeen ? { lastSeenFrom: stats.lastSeenShared ? 'clients-seen.json' : 'this-process' } : {}),
  };
}

export interface StatusOptions {
  environment: ClientEnvironment;
  registry: ClientRegistry;
  port: number;
  project?: string;
  now?: () => Date;
  /** Where configure leaves a printed command's token file (the data directory). */
  tokenFileDir?: string;
}

/** True while the token file of a printed command still holds the client's current token. */
function commandPending(spec: ClientSpec, name: string, options: StatusOptions): boolean {
  if (!options.tokenFileDir) return false;
  let token: string;
  try {
    token = fs.readFileSync(path.join(options.tokenFileDir, `${spec.id}.token`), 'utf8').trim();
  } catch {
    return false;
  }
  return options.registry.isCurrentToken(name, token);
}

/** Our record of a client whose config we cannot read an entry from: revoked, waiting, printed or seen. */
function stateWithoutEntry(
  spec: ClientSpec,
  name: string,
  options: StatusOptions,
):
  | Pick<ClientStatus, 'state' | 'problem' | 'lastSeen' | 'calls' | 'errors' | 'lastSeenFrom' | 'clientInfo'>
  | undefined {
  const record = options.registry.get(name);
  if (!record) return undefined;
  if (record.revokedAt) return { state: 'revoked', problem: revokedProblem(spec) };
  if (commandPending(spec, name, options)) return { state: 'waiting-for-command' };
  // A token with a config file we wrote, whose entry is gone: the file no longer uses it.
  if (record.configPath) return undefined;
  const stats = record.stats;
  if (stats.lastSeen) {
    const recent = seenRecently(stats.lastSeen, (options.now ?? (() => new Date()))());
    return {
      state: recent ? 'connected' : 'configured',
      ...seenFields(stats),
      ...(stats.clientInfo ? { clientInfo: stats.clientInfo } : {}),
    };
  }
  return { state: 'printed' };
}

function revokedProblem(spec: ClientSpec): string {
  return `Its token was revoked, so its calls get 401; run \`configure ${spec.id}\` to give it a new one.`;
}

export function clientStatus(
  spec: ClientSpec,
  options: StatusOptions,
  scope: ClientScope = 'user',
): ClientStatus {
  const { environment, registry } = options;
  const project = scope === 'project' ? options.project : undefined;
  const name = registryName(spec, scope, project);
  const location = locate(spec, environment, scope, project);
  const base = {
    id: spec.id,
    title: spec.title,
    name,
    configPath: location.file,
    restartHint: forScope(spec, scope).restartHint,
    writable: forScope(spec, scope).format !== 'cli',
    scopes: spec.scopes,
  };
  // The folder our own configure created (~/.config/zed) is no sign that the client is installed.
  const installed =
    scope === 'project' || isInstalledApartFromUs(spec, environment, registry.get(name)?.firstWrite);
  const unconfigured: ClientState =
    scope === 'project' ? 'not-configured' : installed ? 'installed' : 'not-installed';
  let entry: unknown;
  try {
    entry = readEntry(location);
  } catch (error) {
    return { ...base, state: unconfigured, problem: (error as Error).message };
  }
  if (entry === undefined) return { ...base, state: unconfigured, ...stateWithoutEntry(spec, name, options) };
  const live = tokensIn(entry).some((token) => registry.isCurrentToken(name, token));
  if (!live) {
    if (registry.get(name)?.revokedAt) return { ...base, state: 'revoked', problem: revokedProblem(spec) };
    return {
      ...base,
      state: unconfigured,
      problem: 'Its "basecamp" entry has a token that was replaced; configure it again.',
    };
  }
  const wanted = endpointUrl(options.port);
  const stale = !urlsIn(entry).includes(wanted);
  const stats = registry.get(name)?.stats;
  const seen = stats?.lastSeen ? seenFields(stats) : {};
  const recent = seenRecently(stats?.lastSeen, (options.now ?? (() => new Date()))());
  return {
    ...base,
    state: recent ? 'connected' : 'configured',
    ...seen,
    ...(stats?.clientInfo ? { clientInfo: stats.clientInfo } : {}),
    ...(stale ? { problem: `Its entry points at another port than ${wanted}; configure it again.` } : {}),
  };
}

/**
 * Every client in the table (user scope), every project file we configured before, and the project files
 * of `options.project` when given.
 */
export function clientStatuses(options: StatusOptions): ClientStatus[] {
  const user = CLIENTS.map((spec) => clientStatus(spec, options));
  const projects: Array<{ spec: ClientSpec; project: string }> = [];
  for (const record of options.registry.list()) {
    const spec = findClient(record.kind);
    if (spec && record.name.startsWith(`${spec.id}:`))
      projects.push({ spec, project: record.name.slice(spec.id.length + 1) });
  }
  if (options.project) {
    // Named as configure names it (an absolute path), so `--project .` finds the record configure made.
    const project = pathsFor(options.environment.platform).resolve(options.project);
    for (const spec of CLIENTS.filter((client) => client.scopes.includes('project')))
      projects.push({ spec, project });
  }
  const seen = new Set(user.map((status) => status.name));
  const scoped: ClientStatus[] = [];
  for (const { spec, project } of projects) {
    const status = clientStatus(spec, { ...options, project }, 'project');
    if (!seen.has(status.name)) scoped.push(status);
    seen.add(status.name);
  }
  return [...user, ...scoped];
}

/** The state of one registry record (`cursor`, `zed:/path/to/project`), as `clients list` shows its row. */
export function recordState(name: string, kind: string, options: StatusOptions): ClientState | undefined {
  const spec = findClient(kind);
  if (!spec) return undefined;
  if (name === spec.id) return clientStatus(spec, options).state;
  if (!name.startsWith(`${spec.id}:`)) return undefined;
  return clientStatus(spec, { ...options, project: name.slice(spec.id.length + 1) }, 'project').state;
}
