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
  size(): number;
  clear(): void;
}

export interface ResponseCacheOptions {
  /** Most entries kept (least recently used go first). Default 500. */
  maxEntries?: number;
  /** Bodies larger than this are not kept. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** A short, one-way name for a token: enough to separate viewers, useless to anyone who reads it. */
export function viewerKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}

export function createResponseCache(options: ResponseCacheOptions = {}): ResponseCache {
  const maxEntries = options.maxEntries ?? 500;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const entries = new Map<string, CachedResponse>();
  const keyOf = (viewer: string, url: string): string => `${viewer} ${url}`;

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
      entries.delete(key);
      if (entry.body.length > maxBodyBytes || (!entry.etag && !entry.lastModified)) return;
      entries.set(key, entry);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    invalidate(match) {
      let dropped = 0;
      for (const [key, entry] of entries) {
        if (match(new URL(entry.url).pathname)) {
          entries.delete(key);
          dropped++;
        }
      }
      return dropped;
    },
    size: () => entries.size,
    clear: () => entries.clear(),
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
