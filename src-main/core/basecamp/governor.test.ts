import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createBasecampClient, createAccountResources } from './client.ts';
import { createGovernor } from './governor.ts';
import { fixedTokens, json, startTestServer, USER_AGENT, type TestServer } from './test-server.ts';

describe('governor', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer((request, res) => json(res, 200, { path: request.url }));
  });
  after(() => server.close());

  it('queues 12 requests so the server never sees more than 5 in any 500 ms', async () => {
    const { governor, cache } = createAccountResources({ governor: { limit: 5, windowMs: 500 } });
    // Two clients of the same account share one budget.
    const make = (lane: string) =>
      createBasecampClient({
        account: { id: 123, href: server.href() },
        tokens: fixedTokens('token-for-governor-tests'),
        userAgent: USER_AGENT,
        governor,
        cache,
        lane,
      });
    const [a, b] = [make('a'), make('b')];
    const before = server.seen.length;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        (index % 2 ? a : b).request({ method: 'GET', path: `/items/${index}.json` }),
      ),
    );
    assert.equal(results.length, 12);
    assert.ok(results.every((result) => result.status === 200));
    const arrivals = server.seen.slice(before).map((seen) => seen.at);
    assert.equal(arrivals.length, 12);
    arrivals.sort((x, y) => x - y);
    for (let index = 0; index + 5 < arrivals.length; index++) {
      const gap = arrivals[index + 5]! - arrivals[index]!;
      assert.ok(gap >= 500, `requests ${index + 1}..${index + 6} arrived within ${gap} ms`);
    }
    assert.ok(a.stats().queuedMs + b.stats().queuedMs > 0, 'somebody waited');
  });

  it('serves lanes in turn so one busy client cannot starve another', async () => {
    const governor = createGovernor({ limit: 1, windowMs: 5 });
    const order: string[] = [];
    const take = async (name: string, lane: string) => {
      const slot = await governor.acquire({ lane });
      order.push(name);
      slot.release();
    };
    await Promise.all([take('a1', 'a'), take('a2', 'a'), take('a3', 'a'), take('a4', 'a'), take('b1', 'b')]);
    assert.deepEqual(order, ['a1', 'a2', 'b1', 'a3', 'a4']);
  });

  it('lets a queued caller give up without losing anyone else', async () => {
    const governor = createGovernor({ limit: 1, windowMs: 60_000 });
    const held = await governor.acquire();
    const controller = new AbortController();
    const waiting = governor.acquire({ signal: controller.signal });
    assert.equal(governor.queued(), 1);
    controller.abort(new Error('no longer needed'));
    await assert.rejects(waiting, /no longer needed/);
    assert.equal(governor.queued(), 0);
    held.release();
  });

  it('refuses nonsense limits', () => {
    assert.throws(() => createGovernor({ limit: 0 }), RangeError);
    assert.throws(() => createGovernor({ windowMs: -1 }), RangeError);
  });
});
