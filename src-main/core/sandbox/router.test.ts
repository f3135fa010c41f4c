import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ok, type Route } from './family.ts';
import { Router } from './router.ts';
import { allRoutes } from './routes/index.ts';
import { AccountStore } from './store.ts';
import { seedStudio } from './seed.ts';

const route = (method: Route['method'], path: string, bucketAlias = false): Route => ({
  method,
  path,
  bucketAlias,
  handler: () => ok({}),
});

test('router: numeric placeholders, optional .json, bucket aliases, method mismatch', () => {
  const router = new Router([route('GET', '/todos/{id}.json', true), route('GET', '/people/{sgid*}/avatar')]);
  const flat = router.match('GET', '/todos/42.json');
  assert.ok('compiled' in flat && flat.params.id === '42');
  const bare = router.match('GET', '/todos/42');
  assert.ok('compiled' in bare);
  const aliased = router.match('GET', '/buckets/7/todos/42.json');
  assert.ok(
    'compiled' in aliased &&
      aliased.params.bucket === '7' &&
      aliased.compiled.pattern === 'GET /buckets/{bucket}/todos/{id}.json',
  );
  assert.deepEqual(router.match('GET', '/todos/abc.json'), { pathExists: false });
  assert.deepEqual(router.match('POST', '/todos/42.json'), { pathExists: true });
  const avatar = router.match('GET', '/people/BAh-x_1/avatar');
  assert.ok('compiled' in avatar && avatar.params.sgid === 'BAh-x_1');
});

test('router: a route declared twice is refused at start-up', () => {
  assert.throws(() => new Router([route('GET', '/a.json'), route('GET', '/a.json')]), /declared twice/);
});

test('the served table has no duplicates and covers the foundation endpoints in both route forms', () => {
  const patterns = new Router(allRoutes).patterns();
  for (const expected of [
    'GET /todolists/{id}/todos.json',
    'GET /buckets/{bucket}/todolists/{id}/todos.json',
    'POST /todos/{id}/completion.json',
    'DELETE /buckets/{bucket}/todos/{id}/completion.json',
    'POST /recordings/{id}/comments.json',
    'POST /chats/{id}/lines.json',
    'GET /search.json',
    'GET /my/assignments.json',
    'PUT /recordings/{id}/status/trashed.json',
  ]) {
    assert.ok(patterns.includes(expected), expected);
  }
});

test('seed: deterministic for a given today, with the promised sizes', () => {
  const make = () => {
    const store = new AccountStore({
      account: { id: 1, name: 'x' },
      firstId: 100,
      clockStart: '2026-05-01T00:00:00Z',
    });
    store.today = '2026-05-01';
    seedStudio(store);
    return store;
  };
  const a = make();
  const b = make();
  assert.deepEqual([...a.recordings.values()], [...b.recordings.values()]);
  assert.ok(a.people.size >= 6);
  assert.ok([...a.projects.values()].filter((p) => p.status === 'active').length >= 3);
  const todos = [...a.recordings.values()].filter((r) => r.type === 'Todo');
  assert.ok(
    todos.length >= 65 && todos.some((t) => t.fields.completed) && todos.some((t) => t.fields.due_on),
  );
  const perList = new Map<number, number>();
  for (const t of todos) perList.set(t.parentId!, (perList.get(t.parentId!) ?? 0) + 1);
  assert.ok(Math.max(...perList.values()) >= 65);
  for (const type of [
    'Message',
    'Comment',
    'Chat::Lines::Text',
    'Kanban::Card',
    'Document',
    'Schedule::Entry',
  ]) {
    assert.ok(
      [...a.recordings.values()].some((r) => r.type === type),
      type,
    );
  }
});
