// When each client last called us, kept in a small file in the data directory, so that `clients list` run from
// another process than the serving one can say "last seen 3 min ago". Only the client's registry name, the
// name/version it announced and a time: never a token. Written by the serving process at a throttled rate.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ClientInfo } from './tokens.ts';

export const LAST_SEEN_FILE = 'clients-seen.json';

const seenSchema = z.record(
  z.string(),
  z.object({
    lastSeen: z.string(),
    clientInfo: z.object({ name: z.string(), version: z.string().optional() }).optional(),
  }),
);

export type LastSeenRecords = z.infer<typeof seenSchema>;

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

function readRecords(file: string): LastSeenRecords {
  try {
    const parsed = seenSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {}; // absent, or half-written by a crash: the next write replaces it
  }
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
      fs.writeFileSync(temp, JSON.stringify(records, null, 2) + '\n', { mode: 0o600 });
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
