import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createBasecampClient } from './client.ts';
import { BadCursorError, UnsafeUrlError } from './errors.ts';
import { decodeCursor, encodeCursor, nextLink } from './pagination.ts';
import { fixedTokens, json, startTestServer, USER_AGENT, type TestServer } from './test-server.ts';

// 47 to-dos on geared pages of 15, 30 and then the last 2, like Basecamp.
const TOTAL = 47;
const GEARS = [15, 30, 50, 100];

function pageOf(page: number): { items: { id: number }[]; more: boolean } {
  let start = 0;
  for (let index = 1; index < page; index++) start += GEARS[Math.min(index - 1, GEARS.length - 1)]!;
  const size = GEARS[Math.min(page - 1, GEARS.length - 1)]!;
  const items = [];
  for (let id = start + 1; id <= Math.min(start + size, TOTAL); id++) items.push({ id });
  return { items, more: start + size < TOTAL };
}

describe('list() pagination', () => {
  let server: TestServer;
  let foreign: TestServer;
  before(async () => {
    foreign = await startTestServer((_request, res) => json(res, 200, [{ id: 999 }]));
    server = await startTestServer((request, res) => {
      const url = new URL(request.url, 'http://x');
      if (url.pathname === '/123/todolists/1/todos.json') {
        const page = Number(url.searchParams.get('page') ?? '1');
        const { items, more } = pageOf(page);
        const headers: Record<string, string> = { 'x-total-count': String(TOTAL) };
        if (more) headers.link = `<${server.origin}/123/todolists/1/todos.json?page=${page + 1}>; rel="next"`;
        return json(res, 200, items, headers);
      }
      if (url.pathname === '/123/evil.json') {
        return json(res, 200, [{ id: 1 }], { link: `<${foreign.origin}/123/evil.json?page=2>; rel="next"` });
      }
      if (url.pathname === '/123/wrapped.json') return json(res, 200, { events: [{ id: 1 }, { id: 2 }] });
      json(res, 404, { error: 'Not found' });
    });
  });
  after(async () => {
    await server.close();
    await foreign.close();
  });

  const client = (accountId = 123) =>
    createBasecampClient({
      account: { id: accountId, href: server.href(accountId) },
      tokens: fixedTokens('token-for-pagination-tests'),
      userAgent: USER_AGENT,
    });

  it('collects every page and reports the exact total with no cursor at the end', async () => {
    const result = await client().list<{ id: number }>({ path: '/todolists/1/todos.json' });
    assert.equal(result.items.length, TOTAL);
    assert.deepEqual(
      result.items.map((item) => item.id),
      Array.from({ length: TOTAL }, (_, index) => index + 1),
    );
    assert.equal(result.totalCount, TOTAL);
    assert.equal(result.nextCursor, undefined);
  });

  it('cuts in the middle of a page and continues with exactly the rest', async () => {
    const bc = client();
    const seen: number[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const result = await bc.list<{ id: number }>({
        path: '/todolists/1/todos.json',
        limit: 20,
        ...(cursor ? { cursor } : {}),
      });
      assert.ok(result.items.length <= 20);
      seen.push(...result.items.map((item) => item.id));
      cursor = result.nextCursor;
      calls++;
    } while (cursor && calls < 10);
    assert.equal(calls, 3, 'three calls of 20 cover 47 items');
    assert.deepEqual(
      seen,
      Array.from({ length: TOTAL }, (_, index) => index + 1),
    );
  });

  it('hands out a cursor at a page boundary only when more items exist', async () => {
    const bc = client();
    const first = await bc.list<{ id: number }>({ path: '/todolists/1/todos.json', limit: 15 });
    assert.equal(first.items.length, 15);
    assert.ok(first.nextCursor);
    const rest = await bc.list<{ id: number }>({
      path: '/todolists/1/todos.json',
      cursor: first.nextCursor,
      limit: 32,
    });
    assert.deepEqual(
      rest.items.map((item) => item.id),
      Array.from({ length: 32 }, (_, index) => index + 16),
    );
    assert.equal(rest.nextCursor, undefined, 'no false "more" exactly at the end');
    const exact = await bc.list({ path: '/todolists/1/todos.json', limit: TOTAL });
    assert.equal(exact.items.length, TOTAL);
    assert.equal(exact.nextCursor, undefined);
  });

  it('rejects a malformed cursor, one from another list and one from another account', async () => {
    const bc = client();
    await assert.rejects(
      bc.list({ path: '/todolists/1/todos.json', cursor: 'not a cursor!' }),
      BadCursorError,
    );
    await assert.rejects(bc.list({ path: '/todolists/1/todos.json', cursor: 'e30' }), { code: 'bad_cursor' });
    const { nextCursor } = await bc.list({ path: '/todolists/1/todos.json', limit: 5 });
    assert.ok(nextCursor);
    await assert.rejects(bc.list({ path: '/todolists/2/todos.json', cursor: nextCursor }), /another list/);
    await assert.rejects(
      client(456).list({ path: '/todolists/1/todos.json', cursor: nextCursor }),
      /another Basecamp account/,
    );
    const elsewhere = encodeCursor({
      account: 123,
      list: '/123/todolists/1/todos.json',
      page: `${foreign.origin}/123/x.json`,
      skip: 0,
      offset: 0,
    });
    await assert.rejects(bc.list({ path: '/todolists/1/todos.json', cursor: elsewhere }), BadCursorError);
  });

  it('rejects an edited cursor: its page cannot be pointed at another collection', async () => {
    const bc = client();
    const { nextCursor } = await bc.list({ path: '/todolists/1/todos.json', limit: 5 });
    assert.ok(nextCursor);
    const wire = JSON.parse(Buffer.from(nextCursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const edit of [
      { u: new URL('/123/people.json', String(wire.u)).href },
      { s: 0 },
      { o: 0 },
      { m: undefined },
    ]) {
      const forged = Buffer.from(JSON.stringify({ ...wire, ...edit })).toString('base64url');
      await assert.rejects(bc.list({ path: '/todolists/1/todos.json', cursor: forged }), BadCursorError);
    }
    const resumed = await bc.list({ path: '/todolists/1/todos.json', cursor: nextCursor, limit: 5 });
    assert.equal(resumed.items.length, 5, 'the cursor as given still works');
    assert.equal(resumed.offset, 5, 'the cursor says how many items came before');
    const third = await bc.list({ path: '/todolists/1/todos.json', cursor: resumed.nextCursor, limit: 5 });
    assert.equal(third.offset, 10);
  });

  it('refuses to follow a next link to another origin', async () => {
    const before = foreign.seen.length;
    await assert.rejects(client().list({ path: '/evil.json' }), UnsafeUrlError);
    assert.equal(foreign.seen.length, before, 'the foreign server never saw a request');
  });

  it('reads items wrapped under a key', async () => {
    const result = await client().list({ path: '/wrapped.json', itemsKey: 'events' });
    assert.equal(result.items.length, 2);
    await assert.rejects(client().list({ path: '/wrapped.json' }), { code: 'bad_response' });
  });
});

describe('Link and cursor parsing', () => {
  it('finds rel="next" among several links', () => {
    assert.equal(
      nextLink('<https://a/1?page=1>; rel="prev", <https://a/1?page=3>; rel="next"'),
      'https://a/1?page=3',
    );
    assert.equal(nextLink('<https://a/1?page=1>; rel="prev"'), undefined);
    assert.equal(nextLink(''), undefined);
    assert.equal(nextLink(undefined), undefined);
  });

  it('round-trips a cursor and checks its origin', () => {
    const state = {
      account: 1,
      list: '/1/x.json',
      page: 'https://3.basecampapi.com/1/x.json?page=2',
      skip: 7,
      offset: 37,
    };
    const cursor = encodeCursor(state);
    assert.deepEqual(
      decodeCursor(cursor, { account: 1, list: '/1/x.json', origin: 'https://3.basecampapi.com' }),
      state,
    );
    assert.throws(
      () => decodeCursor(cursor, { account: 1, list: '/1/x.json', origin: 'https://evil.example' }),
      BadCursorError,
    );
    const negative = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')), s: -1 }),
    ).toString('base64url');
    assert.throws(
      () => decodeCursor(negative, { account: 1, list: '/1/x.json', origin: 'https://3.basecampapi.com' }),
      BadCursorError,
    );
    const noOffset = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')), o: undefined }),
    ).toString('base64url');
    assert.throws(
      () => decodeCursor(noOffset, { account: 1, list: '/1/x.json', origin: 'https://3.basecampapi.com' }),
      BadCursorError,
    );
  });
});
