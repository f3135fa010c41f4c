import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createBasecampClient, type BasecampClientOptions } from './client.ts';
import { NetworkError, RateLimitedError, RequestTimeoutError, ServerError } from './errors.ts';
import { backoffMs, retryAfterMs } from './retry.ts';
import { fixedTokens, json, startTestServer, USER_AGENT, type TestServer } from './test-server.ts';
import type { WireEvent } from './types.ts';

describe('retries', () => {
  let server: TestServer;
  /** How many times each path has been hit, so a route can fail first and succeed later. */
  const hits = new Map<string, number>();
  before(async () => {
    server = await startTestServer((request, res) => {
      const path = new URL(request.url, 'http://x').pathname;
      const hit = (hits.get(path) ?? 0) + 1;
      hits.set(path, hit);
      switch (path) {
        case '/123/limited-once.json':
          return hit === 1
            ? json(res, 429, { error: 'Too many requests' }, { 'retry-after': '1' })
            : json(res, 200, { ok: true });
        case '/123/limited-for-an-hour.json':
          return json(res, 429, {}, { 'retry-after': '3600' });
        case '/123/limited-always.json':
          return json(res, 429, {}, { 'retry-after': '0' });
        case '/123/flaky.json':
          return hit === 1
            ? json(res, 503, { error: 'Service unavailable' })
            : json(res, 200, { ok: true, hit });
        case '/123/broken.json':
          return json(res, 500, { error: 'boom' });
        case '/123/silent.json':
          return; // never answers
        default:
          return json(res, 404, { error: 'Not found' });
      }
    });
  });
  after(() => server.close());

  const client = (events: WireEvent[], extra: Partial<BasecampClientOptions> = {}) =>
    createBasecampClient({
      account: { id: 123, href: server.href() },
      tokens: fixedTokens('token-for-retry-tests'),
      userAgent: USER_AGENT,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      onRequest: (event) => events.push(event),
      ...extra,
    });

  it('waits out Retry-After: 1 on a 429 and succeeds with exactly one retry', async () => {
    const events: WireEvent[] = [];
    const bc = client(events);
    const response = await bc.request({ method: 'GET', path: '/limited-once.json' });
    assert.deepEqual(response.data, { ok: true });
    assert.deepEqual(
      events.map((event) => [event.status, event.attempt]),
      [
        [429, 1],
        [200, 2],
      ],
    );
    assert.equal(server.seen.filter((seen) => seen.url.startsWith('/123/limited-once.json')).length, 2);
    assert.equal(bc.stats().retries, 1);
  });

  it('fails at once with the wait in the error when Retry-After is longer than it will wait', async () => {
    const events: WireEvent[] = [];
    const error = await client(events)
      .request({ method: 'GET', path: '/limited-for-an-hour.json' })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterSeconds, 3600);
    assert.match(error.message, /wait 3600 s/);
    assert.equal(events.length, 1);
  });

  it('gives up after its 429 budget with a rate-limit error', async () => {
    const events: WireEvent[] = [];
    await assert.rejects(
      client(events, { retry: { rateLimitRetries: 2, baseDelayMs: 1 } }).request({
        method: 'GET',
        path: '/limited-always.json',
      }),
      {
        code: 'rate_limited',
        status: 429,
      },
    );
    assert.equal(events.length, 3);
  });

  it('never retries a POST after a 500 and says what happened', async () => {
    const events: WireEvent[] = [];
    const before = server.seen.length;
    const error = await client(events)
      .request({ method: 'POST', path: '/broken.json', body: { content: 'x' } })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof ServerError);
    assert.equal(error.code, 'server_error');
    assert.equal(error.status, 500);
    assert.match(error.message, /boom/);
    assert.equal(server.seen.length - before, 1, 'the server saw the POST once');
  });

  it('retries a GET after a 503', async () => {
    const events: WireEvent[] = [];
    const bc = client(events);
    const response = await bc.request<{ hit: number }>({ method: 'GET', path: '/flaky.json' });
    assert.equal(response.data.hit, 2);
    assert.deepEqual(
      events.map((event) => event.status),
      [503, 200],
    );
    assert.equal(bc.stats().retries, 1);
  });

  it('retries a GET a bounded number of times on a 500, then fails with a typed error', async () => {
    const events: WireEvent[] = [];
    await assert.rejects(
      client(events, { retry: { attempts: 3, baseDelayMs: 1 } }).request({
        method: 'GET',
        path: '/broken.json',
      }),
      ServerError,
    );
    assert.equal(events.length, 3);
  });

  it('retries a GET on a network failure but not a POST', async () => {
    const closed = await startTestServer(() => {});
    const href = closed.href();
    await closed.close();
    const events: WireEvent[] = [];
    const bc = createBasecampClient({
      account: { id: 123, href },
      tokens: fixedTokens('token-for-network-tests'),
      userAgent: USER_AGENT,
      retry: { attempts: 2, baseDelayMs: 1 },
      onRequest: (event) => events.push(event),
    });
    await assert.rejects(bc.request({ method: 'GET', path: '/x.json' }), NetworkError);
    assert.equal(events.length, 2);
    events.length = 0;
    await assert.rejects(bc.request({ method: 'POST', path: '/x.json', body: {} }), {
      code: 'network_error',
    });
    assert.equal(events.length, 1);
  });

  it('times out a request that never answers', async () => {
    const events: WireEvent[] = [];
    await assert.rejects(
      client(events, { timeoutMs: 150, retry: { attempts: 1 } }).request({
        method: 'GET',
        path: '/silent.json',
      }),
      RequestTimeoutError,
    );
  });

  it('stops waiting out a Retry-After when the caller aborts', async () => {
    const controller = new AbortController();
    // 3600 s is over the default cap, so use a client that is willing to wait that long.
    const patient = createBasecampClient({
      account: { id: 123, href: server.href() },
      tokens: fixedTokens('token-for-retry-tests'),
      userAgent: USER_AGENT,
      retry: { maxRetryAfterMs: 4_000_000 },
      // The 429 is in: the client is now waiting out the hour. Give up.
      onRequest: (event) => event.status === 429 && controller.abort(new Error('caller gave up')),
    });
    await assert.rejects(
      patient.request({ method: 'GET', path: '/limited-for-an-hour.json', signal: controller.signal }),
      /caller gave up/,
    );
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    assert.equal(retryAfterMs('1', now), 1000);
    assert.equal(retryAfterMs(' 2.5 ', now), 2500);
    assert.equal(retryAfterMs('Thu, 03 Dec 2026 12:00:30 GMT', now), 30_000);
    assert.equal(retryAfterMs('Thu, 03 Dec 2026 11:00:00 GMT', now), 0);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs(undefined, now), undefined);
  });

  it('backs off exponentially with jitter under the ceiling', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(
      backoffMs(1, options, () => 0),
      50,
    );
    assert.equal(
      backoffMs(1, options, () => 1),
      100,
    );
    assert.equal(
      backoffMs(3, options, () => 1),
      400,
    );
    assert.equal(
      backoffMs(10, options, () => 1),
      1000,
    );
    assert.equal(
      backoffMs(10, options, () => 0),
      500,
    );
  });
});
