import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COUNTED_KEYS_LIMIT, Counters } from './counters.ts';

const request = (path: string, accountId: number) => ({
  at: Date.now(),
  method: 'GET',
  path,
  route: 'GET /todos/{id}.json',
  accountId,
  status: 200,
});

test('per-path and per-account counts stay bounded however many distinct paths a long demo reads', () => {
  const counters = new Counters();
  const busy = '/5276001/projects.json';
  for (let id = 0; id < 3 * COUNTED_KEYS_LIMIT; id++) {
    counters.recordApi(request(`/5276001/todos/${id}.json`, 5_000_000 + id));
    if (id % 1000 === 0) counters.recordApi(request(busy, 5276001));
  }
  assert.equal(counters.byPath.size, COUNTED_KEYS_LIMIT);
  assert.equal(counters.byAccount.size, COUNTED_KEYS_LIMIT);
  assert.equal(counters.byRoute.size, 1);
  assert.equal(counters.byPath.get(busy), 15, 'a path counted recently keeps its whole count');
  assert.equal(counters.byPath.get('/5276001/todos/0.json'), undefined, 'the least recently counted went');
  assert.equal(counters.apiRequests, 3 * COUNTED_KEYS_LIMIT + 15, 'the total counts every request');
  assert.ok(counters.log.length <= 20_000);
});
