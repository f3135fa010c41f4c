// The client against the embedded sandbox Basecamp: its fault switches and counters are the witnesses.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import { createAccountResources, createBasecampClient, type CompanionBasecampClient } from './client.ts';
import { ServerError } from './errors.ts';
import { USER_AGENT } from './test-server.ts';
import type { TokenProvider, WireEvent } from './types.ts';

describe('the client against the sandbox Basecamp', () => {
  let sandbox: Sandbox;
  let tokens: TokenProvider & { refreshes: number };
  let accessToken: string;

  before(async () => {
    sandbox = await startSandbox();
    accessToken = (await sandbox.issueTokens()).access_token;
    tokens = {
      refreshes: 0,
      accessToken: () => Promise.resolve(accessToken),
      // Stands in for auth/: the sandbox mints a new pair, as a refresh at Launchpad would.
      afterUnauthorized: async () => {
        tokens.refreshes++;
        accessToken = (await sandbox.issueTokens()).access_token;
        return accessToken;
      },
    };
  });
  after(() => sandbox.close());
  beforeEach(() => {
    sandbox.faults.reset();
    sandbox.counters.reset();
  });

  const client = (
    events: WireEvent[] = [],
    extra: { governor?: { limit: number; windowMs: number } } = {},
  ): CompanionBasecampClient => {
    const shared = createAccountResources(extra.governor ? { governor: extra.governor } : {});
    const account = sandbox.accounts[0]!;
    return createBasecampClient({
      account: { id: account.id, href: account.href },
      tokens,
      userAgent: USER_AGENT,
      governor: shared.governor,
      cache: shared.cache,
      retry: { baseDelayMs: 5 },
      onRequest: (event) => events.push(event),
    });
  };

  it('waits out a 429 with Retry-After: 1 and succeeds with exactly one retry', async () => {
    sandbox.faults.rateLimit({ path: '/projects.json', count: 1, retryAfter: 1 });
    const events: WireEvent[] = [];
    const response = await client(events).request<unknown[]>({ method: 'GET', path: '/projects.json' });
    assert.ok(Array.isArray(response.data) && response.data.length > 0);
    assert.deepEqual(
      events.map((event) => event.status),
      [429, 200],
    );
    assert.equal(sandbox.counters.byPath.get(`/${sandbox.accounts[0]!.id}/projects.json`), 2);
  });

  it('does not retry a POST after a 500', async () => {
    sandbox.faults.serverError({ method: 'POST', path: '/projects.json', status: 500, count: 1 });
    const before = sandbox.store.where((recording) => recording.type === 'Project').length;
    const posts = () => sandbox.counters.log.filter((record) => record.method === 'POST').length;
    const error = await client()
      .request({ method: 'POST', path: '/projects.json', body: { name: 'Never twice' } })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof ServerError);
    assert.equal(error.status, 500);
    assert.equal(posts(), 1, 'the sandbox saw the POST once');
    assert.equal(sandbox.store.where((recording) => recording.type === 'Project').length, before);
  });

  it('retries a GET after a 503', async () => {
    sandbox.faults.serverError({ method: 'GET', path: '/projects.json', status: 503, count: 1 });
    const events: WireEvent[] = [];
    await client(events).request({ method: 'GET', path: '/projects.json' });
    assert.deepEqual(
      events.map((event) => event.status),
      [503, 200],
    );
  });

  it('revalidates a repeated GET and gets a 304', async () => {
    const bc = client();
    const first = await bc.request({ method: 'GET', path: '/projects.json' });
    const second = await bc.request({ method: 'GET', path: '/projects.json' });
    assert.equal(second.fromCache, true);
    assert.deepEqual(second.data, first.data);
    assert.equal(sandbox.counters.log.at(-1)!.status, 304);
  });

  it('refreshes once when the sandbox expires the access token', async () => {
    const bc = client();
    const refreshesBefore = tokens.refreshes;
    sandbox.faults.expireAccessTokens();
    const response = await bc.request({ method: 'GET', path: '/projects.json' });
    assert.equal(response.status, 200);
    assert.equal(tokens.refreshes - refreshesBefore, 1);
  });

  it('reads the longest to-do list exactly, across pages and across a mid-page cursor', async () => {
    const bc = client();
    const lists = sandbox.store.where((recording) => recording.type === 'Todolist');
    const longest = lists
      .map((list) => ({ list, size: sandbox.store.children(list.id, 'Todo').length }))
      .sort((a, b) => b.size - a.size)[0]!;
    assert.ok(longest.size > 15, 'the seed has a list that spans pages');
    const path = `/todolists/${longest.list.id}/todos.json`;
    const all = await bc.list<{ id: number }>({ path });
    assert.ok(all.items.length > 15);
    assert.equal(all.totalCount, all.items.length);
    assert.equal(new Set(all.items.map((item) => item.id)).size, all.items.length);

    const pieces: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await bc.list<{ id: number }>({ path, limit: 7, ...(cursor ? { cursor } : {}) });
      pieces.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(
      pieces,
      all.items.map((item) => item.id),
    );
  });

  it('keeps the sandbox under the governor limit in every window', async () => {
    const bc = client([], { governor: { limit: 4, windowMs: 400 } });
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        bc.request({ method: 'GET', path: `/projects.json?n=${index}` }),
      ),
    );
    assert.equal(sandbox.counters.apiRequests, 10);
    assert.ok(sandbox.counters.maxInWindow(400) <= 4, `saw ${sandbox.counters.maxInWindow(400)} in 400 ms`);
  });
});
