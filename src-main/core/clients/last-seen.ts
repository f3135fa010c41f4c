// When each client last called us, kept in a small file in the data directory, so that `clients list` run from
// another process than the serving one can say "last seen 3 min ago". Only the client's registry name, the
// name/version it announced and a time: never a token. Written by the serving process at a throttled rate.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ClientInfo } from './tokens.ts';
import { writePrivateThenChmod } from './private-file.ts';
import { CLIENT_NAME_MAX, CLIENT_VERSION_MAX, shownText } from './shown-text.ts';

export const LAST_SEEN_FILE = 'clients-seen.json';

/** What a client announced is shown in a terminal: no control characters (escape sequences), a bounded length. */
const shown = (max: number) => z.string().transform((value) => shownText(value, max));

const entrySchema = z.object({
  lastSeen: z.iso.datetime(),
  clientInfo: z
    .object({ name: shown(CLIENT_NAME_MAX), version: shown(CLIENT_VERSION_MAX).optional() })
    .optional(),
});

export type LastSeenRecords = Record<string, z.infer<typeof entrySchema>>;

export interface LastSeenStore {
  /** The client called now; written at once the first time a client is seen, then at most once per interval. */
  note(name: string, at: string, clientInfo?: ClientInfo): void;
  /** What the file says (another process may be writing it). */
  read(): LastSeenRecords;
  /** Write what is pending now (on shutdown). */
  flush(): void;
}

export interface LastSeenOptions {
  file: string;
  /** Least time between two writes of the file. */
  intervalMs?: number;
  now?: () => number;
}

/** "Last seen N min ago" needs minute precision at most: one small write a minute is plenty. */
export const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

/** A few hundred bytes per client: a bigger file is not ours, and reading it at every write would be the cost. */
const MAX_FILE_BYTES = 1024 * 1024;

function readRecords(file: string): LastSeenRecords {
  let raw: unknown;
  try {
    if (fs.statSync(file).size > MAX_FILE_BYTES) return {}; // the next write replaces it
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return {}; // absent, or half-written by a crash: the next write replaces it
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const records: LastSeenRecords = {};
  // Entry by entry: one bad entry does not hide every client's time.
  for (const [name, value] of Object.entries(raw)) {
    const entry = entrySchema.safeParse(value);
    if (entry.success) records[name] = entry.data;
  }
  return records;
}

export function createLastSeenStore(options: LastSeenOptions): LastSeenStore {
  const interval = options.intervalMs ?? LAST_SEEN_WRITE_INTERVAL_MS;
  const now = options.now ?? Date.now;
  /** Everything this process has seen (newer than the file for these names), and whether it is on disk yet. */
  const seen = new Map<string, LastSeenRecords[string]>();
  const written = new Set<string>();
  let dirty = false;
  let lastWrite = 0;
  let timer: NodeJS.Timeout | undefined;

  const write = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    const records = { ...readRecords(options.file), ...Object.fromEntries(seen) };
    const temp = `${options.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(options.file), { recursive: true });
      // Exclusive create: a link planted at the temp path is refused (and removed below), never followed.
      writePrivateThenChmod(temp, Buffer.from(JSON.stringify(records, null, 2) + '\n', 'utf8'), 0o600);
      fs.renameSync(temp, options.file);
      for (const name of seen.keys()) written.add(name);
      dirty = false;
    } catch {
      fs.rmSync(temp, { force: true }); // best effort: the window's live stats do not depend on this file
    }
    lastWrite = now();
  };

  return {
    note(name, at, clientInfo) {
      const info = clientInfo ?? seen.get(name)?.clientInfo;
      dirty = true;
      seen.set(name, {
        lastSeen: at,
        ...(info
          ? { clientInfo: { name: info.name, ...(info.version ? { version: info.version } : {}) } }
          : {}),
      });
      const wait = lastWrite + interval - now();
      if (!written.has(name) || wait <= 0) write();
      else timer ??= setTimeout(write, wait).unref();
    },
    read: () => readRecords(options.file),
    flush: write,
  };
}
