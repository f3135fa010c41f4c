import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createBasecampClient, createAccountResources, type BasecampClientOptions } from './client.ts';
import { createResponseCache, writeInvalidates, type CachedResponse } from './cache.ts';
import { fixedTokens, json, startTestServer, USER_AGENT, type TestServer } from './test-server.ts';

describe('conditional GETs and coalescing', () => {
  let server: TestServer;
  let version = 1;
  before(async () => {
    server = await startTestServer(async (request, res) => {
      const path = new URL(request.url, 'http://x').pathname;
      if (path === '/123/projects/1.json') {
        if (request.method === 'PUT') {
          version++;
          return json(res, 200, { id: 1, version });
        }
        const etag = `W/"v${version}"`;
        if (request.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag });
          return res.end();
        }
        return json(res, 200, { id: 1, version }, { etag });
      }
      if (path === '/123/slow.json') {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return json(res, 200, { slow: true });
      }
      json(res, 404, { error: 'Not found' });
    });
  });
  after(() => server.close());

  const client = (extra: Partial<BasecampClientOptions> = {}) =>
    createBasecampClient({
      account: { id: 123, href: server.href() },
      tokens: fixedTokens('token-for-cache-tests-A'),
      userAgent: USER_AGENT,
      ...extra,
    });

  it('revalidates with If-None-Match and serves the cached body on a 304', async () => {
    const bc = client();
    const first = await bc.request({ method: 'GET', path: '/projects/1.json' });
    assert.equal(first.fromCache, false);
    const second = await bc.request({ method: 'GET', path: '/projects/1.json' });
    assert.equal(second.fromCache, true);
    assert.deepEqual(second.data, first.data);
    const last = server.seen.at(-1)!;
    assert.equal(last.headers['if-none-match'], `W/"v${version}"`);
    assert.equal(bc.stats().cacheHits, 1);
  });

  it('forgets the cached entry after a write to it', async () => {
    const bc = client();
    await bc.request({ method: 'GET', path: '/projects/1.json' });
    await bc.request({ method: 'PUT', path: '/projects/1.json', body: { name: 'x' } });
    const after = await bc.request<{ version: number }>({ method: 'GET', path: '/projects/1.json' });
    assert.equal(server.seen.at(-1)!.headers['if-none-match'], undefined);
    assert.equal(after.fromCache, false);
    assert.equal(after.data.version, version);
  });

  it("never revalidates with another token's entry, even in a shared cache", async () => {
    const shared = createAccountResources();
    const a = client({ cache: shared.cache, governor: shared.governor });
    const b = client({
      cache: shared.cache,
      governor: shared.governor,
      tokens: fixedTokens('token-for-cache-tests-B'),
    });
    await a.request({ method: 'GET', path: '/projects/1.json' });
    const fromB = await b.request({ method: 'GET', path: '/projects/1.json' });
    assert.equal(fromB.fromCache, false);
    assert.equal(server.seen.at(-1)!.headers['if-none-match'], undefined);
  });

  it('sends no validators when the cache is switched off', async () => {
    const bc = client({ features: { cache: false } });
    await bc.request({ method: 'GET', path: '/projects/1.json' });
    await bc.request({ method: 'GET', path: '/projects/1.json' });
    assert.equal(server.seen.at(-1)!.headers['if-none-match'], undefined);
  });

  it('shares one in-flight request between identical concurrent GETs', async () => {
    const bc = client();
    const before = server.seen.length;
    const [one, two] = await Promise.all([
      bc.request({ method: 'GET', path: '/slow.json' }),
      bc.request({ method: 'GET', path: '/slow.json' }),
    ]);
    assert.deepEqual(one.data, { slow: true });
    assert.deepEqual(two.data, { slow: true });
    assert.notEqual(one.data, two.data, 'each caller gets its own copy');
    assert.equal(server.seen.length - before, 1);
    assert.equal(bc.stats().coalesced, 1);
  });

  it('sends both when coalescing is off, and a caller that aborts does not cancel the other', async () => {
    const off = client({ features: { coalesce: false } });
    const before = server.seen.length;
    await Promise.all([
      off.request({ method: 'GET', path: '/slow.json' }),
      off.request({ method: 'GET', path: '/slow.json' }),
    ]);
    assert.equal(server.seen.length - before, 2);

    const bc = client();
    const controller = new AbortController();
    const leaving = bc.request({ method: 'GET', path: '/slow.json', signal: controller.signal });
    const staying = bc.request({ method: 'GET', path: '/slow.json' });
    controller.abort(new Error('first caller left'));
    await assert.rejects(leaving, /first caller left/);
    assert.deepEqual((await staying).data, { slow: true });
  });
});

describe('what a write invalidates', () => {
  it('covers the resource, what lies under it and its parent collection', () => {
    const match = writeInvalidates('/123/todos/5.json');
    assert.ok(match('/123/todos/5.json'));
    assert.ok(match('/123/todos/5/comments.json'));
    assert.ok(match('/123/todos.json'));
    assert.ok(!match('/123/todos/6.json'));
    assert.ok(!match('/123/projects.json'));
  });
});

describe('how much the cache keeps', () => {
  const entry = (id: number, bytes = 10): CachedResponse => ({
    url: `https://3.basecampapi.com/123/todos/${id}.json`,
    etag: `W/"${id}"`,
    status: 200,
    headers: {},
    body: Buffer.alloc(bytes),
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = createResponseCache({ maxEntries: 50 });
    for (let id = 1; id <= 50; id++) cache.set('viewer', entry(id));
    assert.ok(cache.get('viewer', entry(1).url), 'a read makes entry 1 the most recent');
    for (let id = 51; id <= 1000; id++) cache.set('viewer', entry(id));
    assert.equal(cache.size(), 50);
    assert.equal(cache.get('viewer', entry(2).url), undefined);
    assert.ok(cache.get('viewer', entry(1000).url));
  });

  it('keeps at most maxTotalBytes of bodies in all, however many entries would fit', () => {
    const cache = createResponseCache({ maxEntries: 500, maxTotalBytes: 10_000 });
    for (let id = 1; id <= 1000; id++) cache.set('viewer', entry(id, 1000));
    assert.equal(cache.size(), 10);
    assert.equal(cache.bytes(), 10_000);
    assert.ok(cache.get('viewer', entry(1000).url));
    assert.equal(cache.get('viewer', entry(990).url), undefined);
  });

  it('counts a replaced or invalidated body once', () => {
    const cache = createResponseCache({ maxTotalBytes: 10_000 });
    for (let round = 0; round < 100; round++) cache.set('viewer', entry(1, 1000));
    assert.equal(cache.size(), 1);
    assert.equal(cache.bytes(), 1000);
    assert.equal(
      cache.invalidate((pathname) => pathname.endsWith('/1.json')),
      1,
    );
    assert.equal(cache.bytes(), 0);
    cache.set('viewer', entry(2, 20_000));
    assert.equal(cache.size(), 0, 'a body bigger than the whole budget is not kept');
  });
});
