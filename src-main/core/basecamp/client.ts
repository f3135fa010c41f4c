// The Basecamp HTTP client: the one place that builds the Authorization header. Every call passes, in order:
// URL check → coalescing (GETs) → governor → conditional headers → the wire → 401 refresh / retries → cache.
import { registerSecret } from '../log/redact.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import {
  createResponseCache,
  viewerKey,
  writeInvalidates,
  type ResponseCache,
  type ResponseCacheOptions,
} from './cache.ts';
import {
  BasecampError,
  UnsafeUrlError,
  errorFromResponse,
  NetworkError,
  RequestTimeoutError,
} from './errors.ts';
import { createGovernor, createUnlimitedGovernor, type Governor, type GovernorOptions } from './governor.ts';
import { decodeCursor, encodeCursor, nextLink, totalCount } from './pagination.ts';
import { retryAfterMs, backoffMs, sleep } from './retry.ts';
import type {
  BasecampClient,
  BasecampRequest,
  BasecampResponse,
  BinaryResult,
  ClientMetrics,
  DownloadOptions,
  ListRequest,
  ListResult,
  QueryValue,
  TokenProvider,
  WireEvent,
} from './types.ts';
import { sendOnce, type WireResponse } from './wire.ts';

export interface RetryOptions {
  /** Most tries of one idempotent call on 5xx / network failure, the first included. Default 3. */
  attempts?: number;
  /** Most re-sends after 429 answers. Default 3. */
  rateLimitRetries?: number;
  /** First backoff step; doubles each time, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Backoff ceiling. Default 8 s. */
  maxDelayMs?: number;
  /** Longest Retry-After we wait out; a longer one fails at once with a RateLimitedError. Default 60 s. */
  maxRetryAfterMs?: number;
}

export interface BasecampClientOptions {
  /** The account this client talks to; `href` is the API base (`https://3.basecampapi.com/123`). */
  account: { id: number; href: string };
  tokens: TokenProvider;
  /** Product name and a contact, e.g. `Basecamp Companion/0.1.0 (https://…)`; Basecamp answers 400 without one. */
  userAgent: string;
  logger?: Logger;
  /** Shared by every client of this account (see createAccountResources). A private one is made when absent. */
  governor?: Governor;
  /** Shared by every client of this account (see createAccountResources). A private one is made when absent. */
  cache?: ResponseCache;
  /** Governor fairness lane, e.g. the MCP session; clients of one lane queue behind each other. */
  lane?: string;
  /** Switches for the benchmark's on/off comparison. All on by default. */
  features?: { cache?: boolean; coalesce?: boolean; governor?: boolean };
  retry?: RetryOptions;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
  /** Largest JSON answer read. Default 20 MiB. */
  maxResponseBytes?: number;
  /** Called for every request sent over the wire. */
  onRequest?: (event: WireEvent) => void;
}

/** The client plus counters for tests and the benchmark. */
export interface CompanionBasecampClient extends BasecampClient {
  /** A copy of the running totals. */
  stats(): ClientMetrics;
  /** The same totals, read live. */
  readonly metrics: Readonly<ClientMetrics>;
}

/** The helpers every client of one account must share so that the account's budget and cache are one. */
export interface AccountResources {
  governor: Governor;
  cache: ResponseCache;
}

export interface AccountResourceOptions {
  governor?: GovernorOptions;
  cache?: ResponseCacheOptions;
}

export function createAccountResources(options: AccountResourceOptions = {}): AccountResources {
  return { governor: createGovernor(options.governor), cache: createResponseCache(options.cache) };
}

/** One AccountResources per account id, made on first use. */
export function createAccountResourcePool(options: AccountResourceOptions = {}): {
  forAccount(accountId: number): AccountResources;
} {
  const pool = new Map<number, AccountResources>();
  return {
    forAccount(accountId) {
      let resources = pool.get(accountId);
      if (!resources) pool.set(accountId, (resources = createAccountResources(options)));
      return resources;
    },
  };
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TRANSIENT = new Set([500, 502, 503, 504]);
const MAX_REDIRECTS = 5;

/** The raw outcome of one call, before the body is parsed for the caller. */
interface Outcome extends WireResponse {
  fromCache: boolean;
}

interface Call {
  method: string;
  url: URL;
  body?: string | Buffer;
  /** The body's type when it is not JSON (a file upload). */
  contentType?: string;
  signal?: AbortSignal;
  maxBytes: number;
  timeoutMs: number;
  useCache: boolean;
  /** Same-origin redirects are followed for GETs; a download wants them back to handle the storage hop. */
  followRedirects: boolean;
  download?: boolean;
  /** Filled in by the coalescer while the call is in flight. */
  share: { followers: number };
}

export function createBasecampClient(options: BasecampClientOptions): CompanionBasecampClient {
  const account = checkAccount(options.account);
  const base = new URL(account.href + '/');
  const userAgent = checkUserAgent(options.userAgent);
  const logger = (options.logger ?? silentLogger).child('basecamp');
  const features = { cache: true, coalesce: true, governor: true, ...options.features };
  const governor = features.governor ? (options.governor ?? createGovernor()) : createUnlimitedGovernor();
  const cache = options.cache ?? createResponseCache();
  const lane = options.lane ?? 'default';
  const retry = {
    attempts: 3,
    rateLimitRetries: 3,
    baseDelayMs: 500,
    maxDelayMs: 8000,
    maxRetryAfterMs: 60_000,
    ...options.retry,
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxResponseBytes = options.maxResponseBytes ?? 20 * 1024 * 1024;
  const metrics: ClientMetrics = {
    sent: 0,
    cacheHits: 0,
    coalesced: 0,
    retries: 0,
    refreshes: 0,
    queuedMs: 0,
  };
  const inFlight = new Map<string, Shared>();

  const report = (event: WireEvent): void => {
    metrics.sent++;
    logger.debug('request', { ...event, url: pathOf(event.url) });
    try {
      options.onRequest?.(event);
    } catch (error) {
      logger.warn('onRequest hook threw', { error });
    }
  };

  /** Resolve a path under the account, or an absolute URL the API handed out, and refuse anything else. */
  const resolve = (path: string, query?: Record<string, QueryValue>): URL => {
    if (typeof path !== 'string' || path.trim() === '') {
      throw new UnsafeUrlError('A Basecamp request needs a path such as /projects.json.');
    }
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//');
    let url: URL;
    try {
      url = absolute ? new URL(path) : new URL(path.replace(/^\/+/, ''), base);
    } catch {
      throw new UnsafeUrlError(`"${path}" is not a valid Basecamp path. Use a path such as /projects.json.`);
    }
    if (url.origin !== base.origin || !(url.pathname + '/').startsWith(base.pathname)) {
      throw new UnsafeUrlError(
        `Refusing to send the Basecamp sign-in to ${url.origin}${url.pathname}: this client only talks to ${base.href}. Use a path under the account or a URL Basecamp returned for it.`,
      );
    }
    for (const [key, value] of Object.entries(query ?? {})) {
      if (Array.isArray(value)) {
        url.searchParams.delete(key);
        for (const item of value as readonly (string | number)[]) url.searchParams.append(key, String(item));
      } else if (value !== undefined) url.searchParams.set(key, String(value));
    }
    url.hash = '';
    return url;
  };

  const headersFor = (
    method: string,
    token: string,
    cached: Tags | undefined,
    contentType?: string,
  ): Record<string, string> => {
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: 'application/json',
      // The one place the bearer token becomes a header.
      authorization: `Bearer ${token}`,
    };
    if (WRITES.has(method)) headers['content-type'] = contentType ?? 'application/json; charset=utf-8';
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    return headers;
  };

  const currentToken = async (refresh?: string): Promise<string> => {
    const token =
      refresh === undefined
        ? await options.tokens.accessToken()
        : await options.tokens.afterUnauthorized(refresh);
    registerSecret(token);
    return token;
  };

  /** One call to the Basecamp API with its retries; returns the raw answer or throws a typed error. */
  const execute = async (call: Call): Promise<Outcome> => {
    const { method, signal } = call;
    let url = call.url;
    let token = await currentToken();
    let refreshed = false;
    let attempt = 0;
    let transientRetries = 0;
    let rateRetries = 0;
    let redirects = 0;
    /** One backoff step for a network failure or a 5xx, only for idempotent requests; false when none is left. */
    const backOffTransient = async (why: string, facts: Record<string, unknown>): Promise<boolean> => {
      if (!IDEMPOTENT.has(method) || transientRetries >= retry.attempts - 1) return false;
      transientRetries++;
      metrics.retries++;
      const delay = backoffMs(transientRetries, retry);
      logger.warn(why, { method, path: url.pathname, ...facts, delayMs: delay });
      await sleep(delay, signal);
      return true;
    };

    for (;;) {
      attempt++;
      const viewer = viewerKey(token);
      const cached = call.useCache && method === 'GET' ? cache.get(viewer, url.href) : undefined;
      const headers = headersFor(method, token, cached, call.contentType);
      const slot = await governor.acquire({ lane, ...(signal ? { signal } : {}) });
      metrics.queuedMs += slot.queuedMs;
      const started = Date.now();
      let response: WireResponse | undefined;
      let failure: unknown;
      try {
        response = await sendOnce({
          method,
          url: url.href,
          headers,
          ...(call.body !== undefined ? { body: call.body } : {}),
          timeoutMs: call.timeoutMs,
          ...(signal ? { signal } : {}),
          maxBytes: call.maxBytes,
          label: { method, path: url.pathname },
          ...(call.download ? { download: true } : {}),
        });
      } catch (error) {
        failure = error;
      } finally {
        slot.release();
      }
      const status = response?.status ?? 0;
      report({
        method,
        url: url.href,
        status,
        attempt,
        fromCache: status === 304 && cached !== undefined,
        coalesced: call.share.followers > 0,
        queuedMs: slot.queuedMs,
        durationMs: Date.now() - started,
      });

      if (!response) {
        const transient = failure instanceof NetworkError || failure instanceof RequestTimeoutError;
        if (transient && (await backOffTransient('retrying after a network failure', { attempt }))) continue;
        throw failure;
      }

      if (status === 304) {
        if (cached) {
          metrics.cacheHits++;
          const renewed = { ...cached, ...validators(response.headers, cached) };
          cache.set(viewer, renewed);
          return {
            status: cached.status,
            headers: { ...cached.headers },
            body: cached.body,
            fromCache: true,
          };
        }
        throw new BasecampError(
          'bad_response',
          `Basecamp answered ${method} ${url.pathname} with 304 to a request that had nothing cached. Try again.`,
          {
            status,
            method,
            path: url.pathname,
          },
        );
      }

      if (status === 401 && !refreshed) {
        refreshed = true;
        metrics.refreshes++;
        logger.info('token rejected; refreshing once', { method, path: url.pathname });
        // Errors from the refresh (e.g. NeedsSignInError) reach the caller as they are.
        token = await currentToken(token);
        continue;
      }

      if (status === 429) {
        const waitMs = retryAfterMs(response.headers['retry-after']);
        const retryAfterSeconds = waitMs === undefined ? undefined : Math.ceil(waitMs / 1000);
        const tooLong = waitMs !== undefined && waitMs > retry.maxRetryAfterMs;
        if (!tooLong && rateRetries < retry.rateLimitRetries) {
          rateRetries++;
          metrics.retries++;
          const delay = waitMs ?? backoffMs(rateRetries, retry);
          // Hold the whole account, not only this call: the others would only earn more 429s.
          governor.holdUntil(Date.now() + delay);
          logger.warn('rate limited by Basecamp; waiting', { method, path: url.pathname, delayMs: delay });
          await sleep(delay, signal);
          continue;
        }
        throw errorFromResponse({
          status,
          method,
          path: url.pathname,
          headers: response.headers,
          body: response.body,
          ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
        });
      }

      if (
        TRANSIENT.has(status) &&
        (await backOffTransient('retrying after a Basecamp server error', { status }))
      )
        continue;

      if (status >= 300 && status < 400 && call.followRedirects && (method === 'GET' || method === 'HEAD')) {
        const location = response.headers.location;
        const target = location ? safeRedirect(location, url) : undefined;
        if (target && redirects < MAX_REDIRECTS) {
          redirects++;
          url = target;
          continue;
        }
      }

      if (status >= 200 && status < 300) {
        if (call.useCache && method === 'GET') {
          cache.set(viewer, {
            url: url.href,
            status,
            headers: response.headers,
            body: response.body,
            ...validators(response.headers),
          });
        }
        if (call.useCache && WRITES.has(method)) cache.invalidate(writeInvalidates(url.pathname));
        return { ...response, fromCache: false };
      }
      if (status >= 300 && status < 400 && !call.followRedirects) return { ...response, fromCache: false };

      throw errorFromResponse({
        status,
        method,
        path: url.pathname,
        headers: response.headers,
        body: response.body,
      });
    }
  };

  /** A same-origin, same-account redirect target for an API GET (recurring schedule entries 302). */
  const safeRedirect = (location: string, from: URL): URL | undefined => {
    try {
      const target = new URL(location, from);
      return target.origin === base.origin && (target.pathname + '/').startsWith(base.pathname)
        ? target
        : undefined;
    } catch {
      return undefined;
    }
  };

  /** Identical concurrent GETs share one execution; it is cancelled only when every caller gave up. */
  const coalesced = (
    key: string,
    signal: AbortSignal | undefined,
    run: (share: Shared) => Promise<Outcome>,
  ): Promise<Outcome> => {
    let shared = inFlight.get(key);
    if (shared) {
      shared.share.followers++;
      metrics.coalesced++;
    } else {
      const controller = new AbortController();
      shared = {
        controller,
        waiting: 0,
        share: { followers: 0 },
        promise: undefined as unknown as Promise<Outcome>,
      };
      const entry = shared;
      entry.promise = run(entry).finally(() => {
        if (inFlight.get(key) === entry) inFlight.delete(key);
      });
      inFlight.set(key, entry);
    }
    return follow(shared, signal);
  };

  const callFor = (
    method: string,
    url: URL,
    body: string | Buffer | undefined,
    signal: AbortSignal | undefined,
  ): Call => ({
    method,
    url,
    ...(body !== undefined ? { body } : {}),
    ...(signal ? { signal } : {}),
    maxBytes: maxResponseBytes,
    timeoutMs,
    useCache: features.cache,
    followRedirects: true,
    share: { followers: 0 },
  });

  const request = async <T>(req: BasecampRequest): Promise<BasecampResponse<T>> => {
    const method = String(req.method ?? '').toUpperCase();
    if (!/^(GET|POST|PUT|PATCH|DELETE)$/.test(method)) {
      throw new BasecampError(
        'bad_request',
        `Unsupported HTTP method "${req.method}". Use GET, POST, PUT, PATCH or DELETE.`,
      );
    }
    const url = resolve(req.path, req.query);
    const body = req.upload
      ? req.upload.bytes
      : req.body === undefined
        ? undefined
        : JSON.stringify(req.body);
    let outcome: Outcome;
    if (method === 'GET' && features.coalesce) {
      outcome = await coalesced(url.href, req.signal, (shared) => {
        const call = callFor(method, url, undefined, shared.controller.signal);
        call.share = shared.share;
        return execute(call);
      });
    } else {
      const call = callFor(method, url, body, req.signal);
      if (req.upload) call.contentType = req.upload.contentType;
      outcome = await execute(call);
    }
    return {
      status: outcome.status,
      data: parseBody(outcome, method, url.pathname) as T,
      headers: { ...outcome.headers },
      fromCache: outcome.fromCache,
    };
  };

  const list = async <T>(req: ListRequest): Promise<ListResult<T>> => {
    const first = resolve(req.path, req.query);
    const limit = req.limit ?? Number.POSITIVE_INFINITY;
    if (!(limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit > 0))) {
      throw new BasecampError(
        'bad_request',
        `limit must be a whole number above 0 (got ${String(req.limit)}).`,
      );
    }
    const listKey = listIdentity(first);
    let page = first.href;
    let skip = 0;
    let offset = 0;
    if (req.cursor !== undefined) {
      const state = decodeCursor(req.cursor, { account: account.id, list: listKey, origin: base.origin });
      page = resolve(state.page).href;
      skip = state.skip;
      offset = state.offset;
    }

    const items: T[] = [];
    let total: number | undefined;
    const seen = new Set<string>();
    for (;;) {
      if (seen.has(page)) {
        throw new BasecampError(
          'bad_response',
          `Basecamp's pages for ${listKey} loop back on themselves. Try again later.`,
        );
      }
      seen.add(page);
      const response = await request<unknown>({
        method: 'GET',
        path: page,
        ...(req.signal ? { signal: req.signal } : {}),
      });
      const pageItems = itemsOf(response.data, req.itemsKey, listKey) as T[];
      total = totalCount(response.headers['x-total-count']) ?? total;
      const link = nextLink(response.headers.link);
      const next = link === undefined ? undefined : resolveNext(link, page);

      const fresh = pageItems.slice(skip);
      const room = limit - items.length;
      if (fresh.length > room) {
        // The limit cuts this page: continue later on the same page, past what was handed out now.
        items.push(...fresh.slice(0, room));
        return result(
          items,
          total,
          offset,
          encodeCursor({
            account: account.id,
            list: listKey,
            page,
            skip: skip + room,
            offset: offset + items.length,
          }),
        );
      }
      items.push(...fresh);
      if (next === undefined || (req.stopAt && fresh.some(req.stopAt))) return result(items, total, offset);
      if (items.length >= limit)
        return result(
          items,
          total,
          offset,
          encodeCursor({
            account: account.id,
            list: listKey,
            page: next,
            skip: 0,
            offset: offset + items.length,
          }),
        );
      page = next;
      skip = 0;
    }
  };

  /** Follow a next link only on the account's own origin and path. */
  const resolveNext = (link: string, from: string): string => {
    let target: URL;
    try {
      target = new URL(link, from);
    } catch {
      throw new BasecampError(
        'bad_response',
        `Basecamp sent a next-page link that is not a URL. Try again later.`,
      );
    }
    if (target.origin !== base.origin || !(target.pathname + '/').startsWith(base.pathname)) {
      throw new UnsafeUrlError(
        `Basecamp's next-page link points to ${target.origin}, not ${base.origin}; not following it with your sign-in. Try again later.`,
      );
    }
    return target.href;
  };

  const download = async (address: string, downloadOptions: DownloadOptions): Promise<BinaryResult> => {
    const { maxBytes, signal } = downloadOptions;
    if (!(Number.isInteger(maxBytes) && maxBytes > 0)) {
      throw new BasecampError(
        'bad_request',
        `maxBytes must be a whole number of bytes above 0 (got ${String(maxBytes)}).`,
      );
    }
    const hopTimeout = downloadOptions.timeoutMs ?? timeoutMs;
    let url = resolve(address);
    const first = callFor('GET', url, undefined, signal);
    first.maxBytes = maxBytes;
    first.timeoutMs = hopTimeout;
    first.useCache = false;
    first.download = true;
    first.followRedirects = false;
    let outcome: WireResponse = await execute(first);
    let hops = 0;

    while (outcome.status >= 300 && outcome.status < 400) {
      const location = outcome.headers.location;
      if (!location || ++hops > MAX_REDIRECTS) {
        throw errorFromResponse({
          status: outcome.status,
          method: 'GET',
          path: url.pathname,
          headers: outcome.headers,
        });
      }
      const target = storageTarget(location, url);
      url = target;
      // Storage hosts get no Authorization (and no governor slot: they are not the Basecamp API).
      const started = Date.now();
      let status = 0;
      try {
        outcome = await sendOnce({
          method: 'GET',
          url: target.href,
          headers: { 'user-agent': userAgent, accept: '*/*' },
          timeoutMs: hopTimeout,
          ...(signal ? { signal } : {}),
          maxBytes,
          label: { method: 'GET', path: `${target.host}${target.pathname}` },
          download: true,
        });
        status = outcome.status;
      } finally {
        report({
          method: 'GET',
          url: target.href,
          status,
          attempt: 1,
          fromCache: false,
          coalesced: false,
          queuedMs: 0,
          durationMs: Date.now() - started,
          storage: true,
        });
      }
    }
    if (outcome.status < 200 || outcome.status >= 300) {
      throw errorFromResponse({
        status: outcome.status,
        method: 'GET',
        path: url.pathname,
        headers: outcome.headers,
        body: outcome.body,
      });
    }
    const fileName = fileNameOf(outcome.headers['content-disposition']) ?? lastSegment(url);
    return {
      contentType: outcome.headers['content-type'] ?? 'application/octet-stream',
      bytes: outcome.body,
      ...(fileName ? { fileName } : {}),
    };
  };

  return {
    account,
    request,
    list,
    download,
    stats: () => ({ ...metrics }),
    get metrics(): Readonly<ClientMetrics> {
      return { ...metrics };
    },
  };
}

interface Shared {
  controller: AbortController;
  waiting: number;
  share: { followers: number };
  promise: Promise<Outcome>;
}

/** Wait for a shared execution under this caller's own signal. */
function follow(shared: Shared, signal: AbortSignal | undefined): Promise<Outcome> {
  shared.waiting++;
  if (!signal) return shared.promise;
  if (signal.aborted) {
    leave(shared, signal.reason);
    return Promise.reject(signal.reason);
  }
  return new Promise<Outcome>((resolve, reject) => {
    const onAbort = (): void => {
      leave(shared, signal.reason);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    shared.promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function leave(shared: Shared, reason: unknown): void {
  shared.waiting--;
  if (shared.waiting <= 0) {
    // Nobody wants the answer any more; keep the rejection from surfacing as unhandled.
    shared.promise.catch(() => {});
    shared.controller.abort(reason);
  }
}

function result<T>(
  items: T[],
  total: number | undefined,
  offset: number,
  nextCursor?: string,
): ListResult<T> {
  return {
    items,
    offset,
    ...(total === undefined ? {} : { totalCount: total }),
    ...(nextCursor ? { nextCursor } : {}),
  };
}

/** What makes two lists the same list: the path and its filters (not the page). */
function listIdentity(url: URL): string {
  const filters = [...url.searchParams]
    .filter(([key]) => key !== 'page')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return filters.length === 0 ? url.pathname : `${url.pathname}?${new URLSearchParams(filters).toString()}`;
}

function itemsOf(data: unknown, key: string | undefined, listKey: string): unknown[] {
  const value =
    key !== undefined && data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : data;
  if (!Array.isArray(value)) {
    throw new BasecampError(
      'bad_response',
      `Expected a list from ${listKey}${key ? ` under "${key}"` : ''} but Basecamp sent something else. Use a plain request for this endpoint.`,
      { path: listKey },
    );
  }
  return value;
}

interface Tags {
  etag?: string;
  lastModified?: string;
}

function validators(headers: Record<string, string | undefined>, previous: Tags = {}): Tags {
  const etag = headers.etag ?? previous.etag;
  const lastModified = headers['last-modified'] ?? previous.lastModified;
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

function parseBody(outcome: Outcome, method: string, path: string): unknown {
  if (outcome.body.length === 0) return null;
  const text = outcome.body.toString('utf8');
  const type = outcome.headers['content-type'] ?? '';
  if (type === '' || /json/i.test(type)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      if (type !== '') {
        throw new BasecampError(
          'bad_response',
          `Basecamp answered ${method} ${path} with malformed JSON. Try again later.`,
          {
            status: outcome.status,
            method,
            path,
          },
        );
      }
    }
  }
  return text;
}

function storageTarget(location: string, from: URL): URL {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new UnsafeUrlError(
      'The download redirected to an address that is not a URL. Open the file in Basecamp instead.',
    );
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname);
  if (target.protocol !== 'https:' && !(target.protocol === 'http:' && loopback)) {
    throw new UnsafeUrlError(
      `The download redirected to ${target.protocol}//${target.host}, which is not HTTPS; not following it. Open the file in Basecamp instead.`,
    );
  }
  return target;
}

function fileNameOf(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star.trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1]?.trim();
}

function lastSegment(url: URL): string | undefined {
  const segment = url.pathname.split('/').pop();
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host + parsed.pathname;
  } catch {
    return '?';
  }
}

function checkAccount(value: { id: number; href: string }): { id: number; href: string } {
  if (!value || !Number.isInteger(value.id) || value.id <= 0) {
    throw new TypeError('A Basecamp client needs the account id (a positive whole number) from Launchpad.');
  }
  let href: URL;
  try {
    href = new URL(value.href);
  } catch {
    throw new TypeError(
      `The account href "${String(value?.href)}" is not a URL; use the href Launchpad lists for the account.`,
    );
  }
  if (href.protocol !== 'https:' && href.protocol !== 'http:') {
    throw new TypeError('The account href must be an http(s) URL, e.g. https://3.basecampapi.com/123.');
  }
  // The access token goes with every request: plain http only to this machine (the sandbox).
  if (href.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(href.hostname)) {
    throw new TypeError(
      `The account's API address ${href.origin} is not HTTPS, so Basecamp Companion will not send your sign-in to it. Basecamp's API is always https://3.basecampapi.com/<account>; sign in again so Launchpad lists the account afresh.`,
    );
  }
  href.search = '';
  href.hash = '';
  return Object.freeze({ id: value.id, href: href.href.replace(/\/+$/, '') });
}

function checkUserAgent(value: string): string {
  // Basecamp answers 400 without a product name and a way to reach its maker.
  if (typeof value !== 'string' || !/\S+.*\(.*(https?:\/\/|@).*\)/.test(value)) {
    throw new TypeError(
      'The Basecamp User-Agent must name the product and a contact, e.g. "Basecamp Companion/0.1.0 (https://example.com/support)".',
    );
  }
  return value;
}
