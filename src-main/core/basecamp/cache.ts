// Validators (ETag / Last-Modified) and the bodies they vouch for, so a repeated GET costs Basecamp a 304.
// One cache per account, shared by that account's clients. Entries are keyed by a fingerprint of the token
// too, so a body fetched with one person's token is never served to another.
import { createHash } from 'node:crypto';

export interface CachedResponse {
  url: string;
  etag?: string;
  lastModified?: string;
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface ResponseCache {
  get(viewer: string, url: string): CachedResponse | undefined;
  set(viewer: string, entry: CachedResponse): void;
  /** Drop every entry (for every viewer) whose URL path matches. Returns how many went. */
  invalidate(match: (pathname: string) => boolean): number;
  /** Entries kept. */
  size(): number;
  /** Body bytes kept, all entries together. */
  bytes(): number;
  clear(): void;
}

export interface ResponseCacheOptions {
  /** Most entries kept (least recently used go first). Default 500. */
  maxEntries?: number;
  /** Bodies larger than this are not kept. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Most body bytes kept in all (least recently used go first). Default 32 MiB. */
  maxTotalBytes?: number;
}

/** A short, one-way name for a token: enough to separate viewers, useless to anyone who reads it. */
export function viewerKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}

export function createResponseCache(options: ResponseCacheOptions = {}): ResponseCache {
  const maxEntries = options.maxEntries ?? 500;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  // 500 entries of up to 1 MiB each would be 500 MiB: the byte budget is what keeps the process small.
  const maxTotalBytes = options.maxTotalBytes ?? 32 * 1024 * 1024;
  const entries = new Map<string, CachedResponse>();
  let totalBytes = 0;
  const keyOf = (viewer: string, url: string): string => `${viewer} ${url}`;
  const drop = (key: string): void => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    totalBytes -= entry.body.length;
  };

  return {
    get(viewer, url) {
      const key = keyOf(viewer, url);
      const entry = entries.get(key);
      if (!entry) return undefined;
      // Refresh its place in the LRU order.
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    },
    set(viewer, entry) {
      const key = keyOf(viewer, entry.url);
      drop(key);
      if (entry.body.length > Math.min(maxBodyBytes, maxTotalBytes) || (!entry.etag && !entry.lastModified))
        return;
      entries.set(key, entry);
      totalBytes += entry.body.length;
      while (entries.size > maxEntries || totalBytes > maxTotalBytes) drop(entries.keys().next().value!);
    },
    invalidate(match) {
      let dropped = 0;
      for (const [key, entry] of entries) {
        if (match(new URL(entry.url).pathname)) {
          drop(key);
          dropped++;
        }
      }
      return dropped;
    },
    size: () => entries.size,
    bytes: () => totalBytes,
    clear: () => {
      entries.clear();
      totalBytes = 0;
    },
  };
}

/**
 * What a successful write at `pathname` may have changed: the resource itself (any query), what lies under it,
 * and its parent collection. `PUT /todos/5.json` → `/todos/5.json`, `/todos/5/…`, `/todos.json`.
 * Freshness never depends on this (Basecamp decides every 304); it only stops a weak validator from
 * handing back a body the user just changed.
 */
export function writeInvalidates(pathname: string): (candidate: string) => boolean {
  const trim = (value: string): string => value.replace(/\.json$/, '').replace(/\/+$/, '');
  const base = trim(pathname);
  const parent = base.slice(0, base.lastIndexOf('/'));
  return (candidate) => {
    const other = trim(candidate);
    return other === base || other.startsWith(base + '/') || (parent.length > 0 && other === parent);
  };
}
