// Fault switches a test (or a curious user) flips to see how the product copes: 429 bursts,
// 5xx bursts, latency, an inactive account. Token expiry and revocation live in tokens.ts and are
// re-exported here so one object drives every failure.
import type { TokenStore } from './tokens.ts';

/** Which requests a fault applies to. Paths are globs (`*` = anything) on the path after `/{accountId}`. */
export interface FaultFilter {
  method?: string;
  path?: string;
  /** `api` (default): bc3 API requests; `launchpad`: `/authorization…`; `all`: both. */
  scope?: 'api' | 'launchpad' | 'all';
}

export interface RateLimitFault extends FaultFilter {
  /** How many matching requests get 429 (default 1). */
  count?: number;
  /** Seconds for `Retry-After` (default 1). */
  retryAfter?: number;
}

export interface ServerErrorFault extends FaultFilter {
  count?: number;
  /** 500, 502, 503 or 504 (default 503). */
  status?: number;
}

/** A standing limiter like Basecamp's: at most `requests` per `windowSeconds`, then 429 until the window frees up. */
export interface WindowLimit extends FaultFilter {
  requests: number;
  windowSeconds: number;
}

export interface LatencyFault extends FaultFilter {
  ms: number;
  /** How many matching requests are delayed (default: all until reset). */
  count?: number;
}

interface Armed<T> {
  spec: T;
  remaining: number;
  matches: (request: FaultRequest) => boolean;
}

export interface FaultRequest {
  method: string;
  /** The path after `/{accountId}` for API requests, the full path for Launchpad. */
  path: string;
  scope: 'api' | 'launchpad';
}

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'rateLimit'; delayMs: number; retryAfter: number }
  | { kind: 'serverError'; delayMs: number; status: number };

function globToRegex(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function matcher(filter: FaultFilter): (request: FaultRequest) => boolean {
  const scope = filter.scope ?? 'api';
  const path = filter.path ? globToRegex(filter.path) : null;
  const method = filter.method?.toUpperCase();
  return (request) =>
    (scope === 'all' || scope === request.scope) &&
    (!method || method === request.method) &&
    (!path || path.test(request.path) || path.test(request.path.replace(/\.json$/, '')));
}

const SERVER_ERRORS = new Set([500, 502, 503, 504]);

export class Faults {
  private rateLimits: Armed<RateLimitFault>[] = [];
  private serverErrors: Armed<ServerErrorFault>[] = [];
  private latencies: Armed<LatencyFault>[] = [];
  private windows: Array<{ spec: WindowLimit; seen: number[]; matches: (request: FaultRequest) => boolean }> =
    [];
  private readonly inactive = new Set<number>();
  private readonly tokens: TokenStore;

  constructor(tokens: TokenStore) {
    this.tokens = tokens;
  }

  /** The next `count` matching requests answer 429 with `Retry-After`. */
  rateLimit(spec: RateLimitFault = {}): void {
    this.rateLimits.push({ spec, remaining: spec.count ?? 1, matches: matcher(spec) });
  }

  /** The next `count` matching requests answer a 5xx. */
  serverError(spec: ServerErrorFault = {}): void {
    const status = spec.status ?? 503;
    if (!SERVER_ERRORS.has(status))
      throw new Error(`serverError status must be 500, 502, 503 or 504, not ${status}`);
    this.serverErrors.push({ spec: { ...spec, status }, remaining: spec.count ?? 1, matches: matcher(spec) });
  }

  /** Enforce a sliding-window limit (e.g. 50 per 10 s) until reset; rejected requests don't count. */
  limitWindow(spec: WindowLimit): void {
    if (!(spec.requests >= 1) || !(spec.windowSeconds > 0))
      throw new Error('limitWindow needs requests >= 1 and windowSeconds > 0');
    this.windows.push({ spec, seen: [], matches: matcher(spec) });
  }

  /** Matching requests wait `ms` before they are answered. */
  latency(spec: LatencyFault): void {
    if (!(spec.ms >= 0)) throw new Error('latency needs ms >= 0');
    this.latencies.push({ spec, remaining: spec.count ?? Infinity, matches: matcher(spec) });
  }

  /** Every access token issued so far is expired from now on (refresh tokens still work). */
  expireAccessTokens(): void {
    this.tokens.expireAllAccessTokens();
  }

  /** Revoke one refresh token, or all of them: the next refresh fails and the user must sign in again. */
  revokeRefreshTokens(refreshToken?: string): void {
    if (refreshToken) this.tokens.revokeRefreshToken(refreshToken);
    else this.tokens.revokeAllRefreshTokens();
  }

  /** The account answers 404 with `Reason: Account Inactive` (expired trial, suspension). */
  setAccountInactive(accountId: number, inactive = true): void {
    if (inactive) this.inactive.add(accountId);
    else this.inactive.delete(accountId);
  }

  isAccountInactive(accountId: number): boolean {
    return this.inactive.has(accountId);
  }

  /** Clear every armed fault (tokens already expired or revoked stay so). */
  reset(): void {
    this.rateLimits = [];
    this.serverErrors = [];
    this.latencies = [];
    this.windows = [];
    this.inactive.clear();
  }

  /** What is armed, for the control endpoint and for debugging a test. */
  state(): Record<string, unknown> {
    const armed = <T>(list: Armed<T>[]) =>
      list.map((a) => ({ ...a.spec, remaining: Number.isFinite(a.remaining) ? a.remaining : null }));
    return {
      rateLimits: armed(this.rateLimits),
      serverErrors: armed(this.serverErrors),
      latencies: armed(this.latencies),
      windows: this.windows.map((w) => ({ ...w.spec })),
      inactiveAccounts: [...this.inactive],
    };
  }

  /** Consume the faults that apply to one request. */
  decide(request: FaultRequest): FaultDecision {
    let delayMs = 0;
    for (const armed of this.latencies) {
      if (armed.remaining > 0 && armed.matches(request)) {
        armed.remaining -= 1;
        delayMs = Math.max(delayMs, armed.spec.ms);
      }
    }
    const take = <T>(list: Armed<T>[]): Armed<T> | undefined => {
      const armed = list.find((a) => a.remaining > 0 && a.matches(request));
      if (armed) armed.remaining -= 1;
      return armed;
    };
    const limited = take(this.rateLimits);
    if (limited) return { kind: 'rateLimit', delayMs, retryAfter: limited.spec.retryAfter ?? 1 };
    const now = Date.now();
    for (const window of this.windows) {
      if (!window.matches(request)) continue;
      const span = window.spec.windowSeconds * 1000;
      window.seen = window.seen.filter((at) => at > now - span);
      if (window.seen.length >= window.spec.requests) {
        const retryAfter = Math.max(1, Math.ceil((window.seen[0]! + span - now) / 1000));
        return { kind: 'rateLimit', delayMs, retryAfter };
      }
      window.seen.push(now);
    }
    const failed = take(this.serverErrors);
    if (failed) return { kind: 'serverError', delayMs, status: failed.spec.status ?? 503 };
    this.rateLimits = this.rateLimits.filter((a) => a.remaining > 0);
    this.serverErrors = this.serverErrors.filter((a) => a.remaining > 0);
    return { kind: 'none', delayMs };
  }
}
