// Client tokens: one random capability token per configured AI client. Only the SHA-256 hash is kept (in the
// settings file); the token itself is written once, into the client's own config. Stats live in memory.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from '../settings/settings.ts';
import { clientRecordSchema, type ClientRecord } from '../settings/schema.ts';
import { registerSecret } from '../log/redact.ts';
import type { Logger } from '../log/logger.ts';
import type { FirstWrite } from './config-file.ts';
import { createLastSeenStore, LAST_SEEN_FILE, type LastSeenStore } from './last-seen.ts';

/** The prefix lets the redactor recognise a client token wherever it shows up. */
export const CLIENT_TOKEN_PREFIX = 'bcc_';

export interface VerifiedClient {
  name: string;
  kind: string;
}

export interface ClientInfo {
  name: string;
  version?: string;
}

export interface ClientStats {
  lastSeen?: string;
  clientInfo?: ClientInfo;
  /** Counted by this process only: when `lastSeenShared`, the serving process's counts are not known here. */
  calls: number;
  errors: number;
  /** `lastSeen` and `clientInfo` come from the serving process's clients-seen.json, not from this process. */
  lastSeenShared?: true;
}

export interface ClientView extends ClientRecord {
  stats: ClientStats;
}

export interface ClientRegistry {
  /**
   * A new token for `name` (replacing any previous one: re-configuring rotates). Returned once, never stored.
   * `firstWrite` is what the write that added our entry created; the earliest one for a file is kept.
   */
  mint(
    name: string,
    kind: string,
    configPath?: string,
    token?: string,
    firstWrite?: FirstWrite,
  ): { token: string; record: ClientRecord };
  /** Constant-time check of a presented token; undefined for unknown or revoked tokens. */
  verifyClientToken(token: string | undefined): VerifiedClient | undefined;
  /** True when `token` is the current token of client `name`. */
  isCurrentToken(name: string, token: string): boolean;
  /** Revoke one client; the others keep working. False when there is no such client. */
  revoke(name: string): boolean;
  /** Forget a client entirely (after its entry was removed from the client's config). */
  remove(name: string): boolean;
  get(name: string): ClientView | undefined;
  list(): ClientView[];
  /** The in-memory stats of any client name, configured or not (session clients have no record). */
  statsFor(name: string): ClientStats;
  /** Hooks for the MCP endpoint. */
  recordSeen(name: string, clientInfo?: ClientInfo): void;
  recordCall(name: string, outcome: { ok: boolean }): void;
  /** Write the last-seen times still pending (on shutdown). */
  flush(): void;
}

export interface RegistryOptions {
  settings: Settings;
  logger?: Logger;
  now?: () => Date;
  /** Where last-seen times are shared with other processes (default: `clients-seen.json` beside the settings). */
  lastSeen?: LastSeenStore;
}

/** Every `bcc_…` string inside a config entry (the token sits in a header, an env var or an argument). */
export function tokensIn(value: unknown): string[] {
  if (typeof value === 'string') return value.match(/bcc_[A-Za-z0-9_-]+/g) ?? [];
  if (Array.isArray(value)) return value.flatMap(tokensIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(tokensIn);
  return [];
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export function mintToken(): string {
  return CLIENT_TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
}

function sameHash(a: string, b: string): boolean {
  return crypto.timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

/** The clients array as the settings file on disk has it now (another process, e.g. the CLI, may have changed it). */
function clientsOnDisk(file: string): ClientRecord[] | undefined {
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { clients?: unknown };
    const parsed = clientRecordSchema.array().safeParse(raw.clients ?? []);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function fileStamp(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'absent';
  }
}

export function createClientRegistry(options: RegistryOptions): ClientRegistry {
  const { settings } = options;
  const now = options.now ?? (() => new Date());
  const stats = new Map<string, ClientStats>();
  let seenStamp = fileStamp(settings.file);
  const lastSeen =
    options.lastSeen ??
    createLastSeenStore({
      file: path.join(path.dirname(settings.file), LAST_SEEN_FILE),
      now: () => now().getTime(),
    });

  /**
   * This process's stats; when it has not seen the client itself (the CLI), the serving process's last-seen
   * time from the shared file — unless it predates the client's current token (that was another configuration).
   */
  const viewStats = (
    name: string,
    shared: ReturnType<LastSeenStore['read']>,
    since?: string,
  ): ClientStats => {
    const own = { ...statsOf(name) };
    const other = shared[name];
    if (own.lastSeen || !other || (since && other.lastSeen < since)) return own;
    return {
      ...own,
      lastSeen: other.lastSeen,
      ...(other.clientInfo ? { clientInfo: other.clientInfo } : {}),
      lastSeenShared: true,
    };
  };

  const records = (): ClientRecord[] => settings.get().clients;
  const save = (next: ClientRecord[]): void => {
    settings.update(() => ({ clients: next }));
    seenStamp = fileStamp(settings.file);
  };
  const statsOf = (name: string): ClientStats => {
    let entry = stats.get(name);
    if (!entry) {
      entry = { calls: 0, errors: 0 };
      stats.set(name, entry);
    }
    return entry;
  };

  const match = (token: string): ClientRecord | undefined => {
    const presented = hashToken(token);
    let found: ClientRecord | undefined;
    // Compare against every record, without stopping early, so timing says nothing about which matched.
    for (const record of records()) {
      if (sameHash(presented, record.tokenHash) && !record.revokedAt) found = record;
    }
    return found;
  };

  /** A client configured by another process (the CLI) since we last looked: take its records from disk. */
  const refreshFromDisk = (): boolean => {
    const stamp = fileStamp(settings.file);
    if (stamp === seenStamp) return false;
    seenStamp = stamp;
    const disk = clientsOnDisk(settings.file);
    if (!disk) return false;
    settings.update(() => ({ clients: disk }));
    seenStamp = fileStamp(settings.file);
    options.logger?.debug('Client list changed on disk; reloaded it.', { clients: disk.length });
    return true;
  };

  return {
    mint(name, kind, configPath, token = mintToken(), firstWrite) {
      registerSecret(token);
      // What we created at the first-ever write stays known across re-configures (a new token, a port change).
      const previous = records().find((r) => r.name === name)?.firstWrite;
      const kept = previous && (!firstWrite || previous.file === firstWrite.file) ? previous : firstWrite;
      const record: ClientRecord = {
        name,
        kind,
        tokenHash: hashToken(token),
        createdAt: now().toISOString(),
        ...(configPath ? { configPath } : {}),
        ...(kept ? { firstWrite: kept } : {}),
      };
      save([...records().filter((r) => r.name !== name), record]);
      options.logger?.info(`Issued a new token for client "${name}".`);
      return { token, record };
    },
    verifyClientToken(token) {
      if (typeof token !== 'string' || !token.startsWith(CLIENT_TOKEN_PREFIX) || token.length > 200)
        return undefined;
      // One stat per call: a client configured or revoked by the CLI counts at once, without a restart.
      refreshFromDisk();
      const record = match(token);
      return record ? { name: record.name, kind: record.kind } : undefined;
    },
    isCurrentToken(name, token) {
      const record = match(token);
      return record?.name === name;
    },
    revoke(name) {
      const record = records().find((r) => r.name === name);
      if (!record) return false;
      save(records().map((r) => (r.name === name ? { ...r, revokedAt: now().toISOString() } : r)));
      options.logger?.info(`Revoked the token of client "${name}".`);
      return true;
    },
    remove(name) {
      if (!records().some((r) => r.name === name)) return false;
      save(records().filter((r) => r.name !== name));
      stats.delete(name);
      return true;
    },
    get(name) {
      const record = records().find((r) => r.name === name);
      return record ? { ...record, stats: viewStats(name, lastSeen.read(), record.createdAt) } : undefined;
    },
    list() {
      const shared = lastSeen.read();
      return records().map((record) => ({
        ...record,
        stats: viewStats(record.name, shared, record.createdAt),
      }));
    },
    statsFor(name) {
      return { ...statsOf(name) };
    },
    recordSeen(name, clientInfo) {
      const entry = statsOf(name);
      entry.lastSeen = now().toISOString();
      if (clientInfo)
        entry.clientInfo = {
          name: clientInfo.name,
          ...(clientInfo.version ? { version: clientInfo.version } : {}),
        };
      lastSeen.note(name, entry.lastSeen, entry.clientInfo);
    },
    recordCall(name, outcome) {
      const entry = statsOf(name);
      entry.calls += 1;
      if (!outcome.ok) entry.errors += 1;
      entry.lastSeen = now().toISOString();
      lastSeen.note(name, entry.lastSeen, entry.clientInfo);
    },
    flush() {
      lastSeen.flush();
    },
  };
}
