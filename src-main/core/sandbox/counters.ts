// What the sandbox saw, so tests can assert on the product's network behaviour: token requests by
// grant, API requests in total / per path / per route / per account, with timestamps for the
// "50 requests per 10 seconds" window.

export interface RequestRecord {
  /** Milliseconds since the epoch. */
  at: number;
  method: string;
  /** The full request path without the query (`/1234/todos/5.json`). */
  path: string;
  /** The route pattern that served it (`GET /todos/{id}.json`), when one did. */
  route: string | null;
  accountId: number | null;
  status: number;
}

const LOG_LIMIT = 20000;
/**
 * Distinct paths (every created recording has its own) and account ids (any number in a URL) are kept up to
 * this many each; the least recently counted goes first. The sandbox runs inside `serve --sandbox`, so what it
 * counts must stay bounded however long a demo runs.
 */
export const COUNTED_KEYS_LIMIT = 5000;

function count<K>(counts: Map<K, number>, key: K): void {
  const seen = counts.get(key) ?? 0;
  counts.delete(key);
  counts.set(key, seen + 1);
  if (counts.size > COUNTED_KEYS_LIMIT) counts.delete(counts.keys().next().value!);
}

export class Counters {
  tokenRequests = { total: 0, authorization_code: 0, refresh_token: 0, failed: 0 };
  launchpadRequests = 0;
  apiRequests = 0;
  readonly byPath = new Map<string, number>();
  readonly byRoute = new Map<string, number>();
  readonly byAccount = new Map<number, number>();
  /** The most recent API requests, oldest first. */
  log: RequestRecord[] = [];

  recordToken(grant: 'authorization_code' | 'refresh_token' | 'unknown', succeeded: boolean): void {
    this.tokenRequests.total += 1;
    if (grant !== 'unknown') this.tokenRequests[grant] += 1;
    if (!succeeded) this.tokenRequests.failed += 1;
  }

  recordApi(record: RequestRecord): void {
    this.apiRequests += 1;
    count(this.byPath, record.path);
    if (record.route) count(this.byRoute, record.route);
    if (record.accountId !== null) count(this.byAccount, record.accountId);
    this.log.push(record);
    if (this.log.length > LOG_LIMIT) this.log = this.log.slice(-LOG_LIMIT / 2);
  }

  /** The most API requests seen inside any window of `windowMs` (e.g. 10 000 for Basecamp's limiter). */
  maxInWindow(windowMs: number): number {
    let best = 0;
    let start = 0;
    for (let end = 0; end < this.log.length; end++) {
      const endAt = this.log[end]!.at;
      while (this.log[start]!.at <= endAt - windowMs) start++;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  reset(): void {
    this.tokenRequests = { total: 0, authorization_code: 0, refresh_token: 0, failed: 0 };
    this.launchpadRequests = 0;
    this.apiRequests = 0;
    this.byPath.clear();
    this.byRoute.clear();
    this.byAccount.clear();
    this.log = [];
  }

  /** A JSON-safe copy (for `GET /__sandbox/counters`). */
  snapshot(): Record<string, unknown> {
    return {
      tokenRequests: { ...this.tokenRequests },
      launchpadRequests: this.launchpadRequests,
      apiRequests: this.apiRequests,
      byPath: Object.fromEntries(this.byPath),
      byRoute: Object.fromEntries(this.byRoute),
      byAccount: Object.fromEntries(this.byAccount),
      maxIn10s: this.maxInWindow(10_000),
      log: this.log.slice(-500),
    };
  }
}
