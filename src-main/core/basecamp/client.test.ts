import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { createBasecampClient } from './client.ts';
import {
  AccountInactiveError,
  AccountLimitError,
  BadRequestError,
  BasecampError,
  DownloadTooLargeError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  UnsafeUrlError,
  ValidationError,
} from './errors.ts';
import { fixedTokens, json, startTestServer, USER_AGENT, type TestServer } from './test-server.ts';
import type { WireEvent } from './types.ts';

const OLD = 'old-access-token-0123456789';
const NEW = 'new-access-token-9876543210';

describe('the client on the wire', () => {
  let server: TestServer;
  let storage: TestServer;
  before(async () => {
    storage = await startTestServer((request, res) => {
      if (request.url.startsWith('/big')) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(Buffer.alloc(64 * 1024, 1));
      }
      res.writeHead(200, {
        'content-type': 'image/png',
        'content-disposition': 'attachment; filename="logo.png"',
      });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    });
    server = await startTestServer((request, res) => {
      const url = new URL(request.url, 'http://x');
      const token = request.headers.authorization;
      if (token !== `Bearer ${OLD}` && token !== `Bearer ${NEW}`) {
        return json(res, 401, { error: 'OAuth token expired (old age)' });
      }
      if (url.pathname === '/123/fresh-only.json') {
        return token === `Bearer ${NEW}`
          ? json(res, 200, { fresh: true })
          : json(res, 401, { error: 'OAuth token expired (old age)' });
      }
      switch (url.pathname) {
        case '/123/echo.json':
          return json(res, request.method === 'POST' ? 201 : 200, {
            method: request.method,
            query: Object.fromEntries(url.searchParams),
            body: request.body,
            contentType: request.headers['content-type'] ?? null,
            userAgent: request.headers['user-agent'],
            accept: request.headers.accept,
          });
        case '/123/todos/1/completion.json':
          res.writeHead(204);
          return res.end();
        case '/123/uploads/1/download/logo.png':
          res.writeHead(302, { location: `${storage.origin}/blob/logo.png?sig=abc` });
          return res.end();
        case '/123/uploads/2/download/big.bin':
          res.writeHead(302, { location: `${storage.origin}/big.bin` });
          return res.end();
        case '/123/schedule_entries/1.json':
          res.writeHead(302, { location: '/123/schedule_entries/1/occurrences/20260101.json' });
          return res.end();
        case '/123/schedule_entries/1/occurrences/20260101.json':
          return json(res, 200, { id: 1, starts_at: '2026-01-01' });
        case '/123/bad.json':
          return json(res, 400, { error: `Invalid scope 'x'. Valid options: a, b` });
        case '/123/forbidden.json':
          return json(res, 403, { error: 'You are not allowed' });
        case '/123/inactive.json':
          return json(res, 404, { error: 'Not found' }, { reason: 'Account Inactive' });
        case '/123/invalid.json':
          // A server that echoes the token back must not get it into the message.
          return json(res, 422, { error: `Email has already been taken (${OLD})` });
        case '/123/full.json':
          return json(res, 507, { error: 'The project limit for this account has been reached.' });
        default:
          return json(res, 404, { error: 'Not found' });
      }
    });
  });
  after(async () => {
    await server.close();
    await storage.close();
  });

  const client = (tokens = fixedTokens(OLD), events?: WireEvent[]) =>
    createBasecampClient({
      account: { id: 123, href: server.href() },
      tokens,
      userAgent: USER_AGENT,
      retry: { baseDelayMs: 1 },
      ...(events ? { onRequest: (event: WireEvent) => events.push(event) } : {}),
    });

  it('sends the User-Agent and Accept on every call, the JSON type on writes, and the query', async () => {
    const read = await client().request<Record<string, unknown>>({
      method: 'GET',
      path: '/echo.json',
      query: { page: 2, completed: true, skip: undefined },
    });
    assert.equal(read.data.userAgent, USER_AGENT);
    assert.equal(read.data.accept, 'application/json');
    assert.equal(read.data.contentType, null);
    assert.deepEqual(read.data.query, { page: '2', completed: 'true' });
    const write = await client().request<Record<string, unknown>>({
      method: 'POST',
      path: '/echo.json',
      body: { content: 'Hi' },
    });
    assert.equal(write.status, 201);
    assert.equal(write.data.contentType, 'application/json; charset=utf-8');
    assert.equal(write.data.body, '{"content":"Hi"}');
  });

  it('treats a 204 as success with no body', async () => {
    const response = await client().request({ method: 'POST', path: '/todos/1/completion.json' });
    assert.equal(response.status, 204);
    assert.equal(response.data, null);
  });

  it('follows a same-account redirect for a recurring schedule entry', async () => {
    const response = await client().request<{ starts_at: string }>({
      method: 'GET',
      path: '/schedule_entries/1.json',
    });
    assert.equal(response.data.starts_at, '2026-01-01');
  });

  it('refreshes once after a 401 and succeeds with the new token', async () => {
    const tokens = fixedTokens(OLD, NEW);
    const events: WireEvent[] = [];
    const bc = client(tokens, events);
    const response = await bc.request({ method: 'GET', path: '/fresh-only.json' });
    assert.deepEqual(response.data, { fresh: true });
    assert.deepEqual(tokens.refreshes, [OLD]);
    assert.deepEqual(
      events.map((event) => event.status),
      [401, 200],
    );
    assert.equal(bc.stats().refreshes, 1);
  });

  it('gives up with a sign-in message when the refreshed token is rejected too', async () => {
    const tokens = fixedTokens('stale-token-aaaaaaaaaaaa', 'still-stale-token-bbbbbbbb');
    const error = await client(tokens)
      .request({ method: 'GET', path: '/echo.json' })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof UnauthorizedError);
    assert.equal(error.status, 401);
    assert.match(error.message, /Sign in to Basecamp again/);
    assert.equal(tokens.refreshes.length, 1);
  });

  it('passes on the error of a refresh that fails', async () => {
    class NeedsSignIn extends Error {}
    const tokens = fixedTokens('stale-token-cccccccccccc', () =>
      Promise.reject(new NeedsSignIn('Sign in again')),
    );
    await assert.rejects(client(tokens).request({ method: 'GET', path: '/echo.json' }), NeedsSignIn);
  });

  it('maps each failure to a typed error with a stable code, the status and what to do', async () => {
    const bc = client();
    const cases: [string, new (...args: never[]) => BasecampError, string, number, RegExp][] = [
      ['/bad.json', BadRequestError, 'bad_request', 400, /Invalid scope 'x'/],
      ['/forbidden.json', ForbiddenError, 'forbidden', 403, /not allowed/],
      ['/missing.json', NotFoundError, 'not_found', 404, /Not found or no access/],
      ['/inactive.json', AccountInactiveError, 'account_inactive', 404, /account is inactive/],
      ['/invalid.json', ValidationError, 'validation_failed', 422, /Email has already been taken/],
      ['/full.json', AccountLimitError, 'account_limit', 507, /project limit/],
    ];
    for (const [path, type, code, status, text] of cases) {
      const error = await bc.request({ method: 'GET', path }).catch((caught: unknown) => caught);
      assert.ok(error instanceof type, `${path} → ${String(error)}`);
      assert.equal(error.code, code);
      assert.equal(error.status, status);
      assert.match(error.message, text);
      for (const view of [
        error.message,
        String(error),
        JSON.stringify(error),
        inspect(error, { depth: 5 }),
      ]) {
        assert.ok(!view.includes(OLD), `${path}: the token leaked into ${view}`);
      }
    }
  });

  it('keeps the token out of transport errors too', async () => {
    const closed = await startTestServer(() => {});
    const href = closed.href();
    await closed.close();
    const bc = createBasecampClient({
      account: { id: 123, href },
      tokens: fixedTokens(OLD),
      userAgent: USER_AGENT,
      retry: { attempts: 1 },
    });
    const error = await bc.request({ method: 'GET', path: '/x.json' }).catch((caught: unknown) => caught);
    assert.ok(error instanceof BasecampError);
    assert.equal(error.code, 'network_error');
    assert.ok(!inspect(error, { depth: 8 }).includes(OLD));
  });

  it('refuses to send the token anywhere but the account', async () => {
    const bc = client();
    const before = storage.seen.length;
    await assert.rejects(bc.request({ method: 'GET', path: `${storage.origin}/123/x.json` }), UnsafeUrlError);
    await assert.rejects(bc.request({ method: 'GET', path: '../456/projects.json' }), UnsafeUrlError);
    await assert.rejects(bc.request({ method: 'GET', path: '//evil.example/123/x.json' }), UnsafeUrlError);
    assert.equal(storage.seen.length, before);
  });

  it('downloads through the storage redirect without forwarding Authorization', async () => {
    const events: WireEvent[] = [];
    const file = await client(fixedTokens(OLD), events).download(
      `${server.href()}/uploads/1/download/logo.png`,
      { maxBytes: 1024 },
    );
    assert.deepEqual([...file.bytes], [0x89, 0x50, 0x4e, 0x47]);
    assert.equal(file.contentType, 'image/png');
    assert.equal(file.fileName, 'logo.png');
    const api = server.seen.at(-1)!;
    assert.equal(api.headers.authorization, `Bearer ${OLD}`);
    const hop = storage.seen.at(-1)!;
    assert.equal(hop.url, '/blob/logo.png?sig=abc');
    assert.equal(hop.headers.authorization, undefined);
    assert.equal(hop.headers['user-agent'], USER_AGENT);
    assert.deepEqual(
      events.map((event) => [event.status, event.storage ?? false]),
      [
        [302, false],
        [200, true],
      ],
    );
  });

  it('stops a download past maxBytes with a clear error', async () => {
    const error = await client()
      .download('/uploads/2/download/big.bin', { maxBytes: 1000 })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof DownloadTooLargeError);
    assert.equal(error.code, 'download_too_large');
    assert.match(error.message, /larger than the 1000 bytes limit/);
  });

  it('refuses to read an API answer past its size cap', async () => {
    const bc = createBasecampClient({
      account: { id: 123, href: server.href() },
      tokens: fixedTokens(OLD),
      userAgent: USER_AGENT,
      maxResponseBytes: 50,
    });
    await assert.rejects(bc.request({ method: 'GET', path: '/echo.json' }), {
      code: 'bad_response',
      message: /Ask for fewer items/,
    });
  });

  it('refuses a User-Agent without a contact and an account without an id', () => {
    assert.throws(
      () =>
        createBasecampClient({
          account: { id: 123, href: server.href() },
          tokens: fixedTokens(OLD),
          userAgent: 'got',
        }),
      /name the product and a contact/,
    );
    assert.throws(
      () =>
        createBasecampClient({
          account: { id: 0, href: server.href() },
          tokens: fixedTokens(OLD),
          userAgent: USER_AGENT,
        }),
      /account id/,
    );
  });
});

describe('the account address', () => {
  it('is refused when it is plain http to another host; loopback http (the sandbox) is fine', () => {
    const make = (href: string) =>
      createBasecampClient({ account: { id: 1, href }, tokens: fixedTokens('t'), userAgent: USER_AGENT });
    assert.throws(() => make('http://3.basecampapi.example/1'), /not HTTPS.*will not send your sign-in/);
    assert.doesNotThrow(() => make('http://127.0.0.1:9/1'));
    assert.doesNotThrow(() => make('https://3.basecampapi.com/1'));
  });
});
