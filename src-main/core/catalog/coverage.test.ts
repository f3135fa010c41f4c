// The catalog against the official API: every entry's method + path is an OpenAPI operation, its
// `openapi` ids say which, and every operation it does not reach has a written reason.
// Reads the committed openapi-operations.json, so it runs without the reference copy.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { operations } from './index.ts';
import { computeCoverage, entryRoutes, NOT_SERVED, routeKey } from './coverage.ts';

describe('API coverage', () => {
  const coverage = computeCoverage(operations);

  test('the reference holds the whole OpenAPI document and the documented endpoints', () => {
    assert.equal(coverage.reference.operations.length, 250);
    assert.ok(
      coverage.reference.documented.length >= 198,
      `${coverage.reference.documented.length} documented endpoints`,
    );
  });

  test("every entry's method + path is an operation of the OpenAPI document, with matching openapi ids", () => {
    assert.deepEqual(coverage.problems, []);
  });

  test('only multi-call entries go without a route check', () => {
    for (const id of coverage.composite) {
      const op = operations.find((o) => o.id === id);
      assert.ok(op?.run, `${id} has no route in the OpenAPI document and is not a composite (run) entry`);
    }
  });

  test('every OpenAPI operation is reachable, or the reason it is not is written down', () => {
    const unexplained = coverage.missing
      .filter((m) => !m.reason)
      .map((m) => `${m.operationId} (${m.method} ${m.path})`);
    assert.deepEqual(unexplained, [], `not reachable and no reason in NOT_SERVED: ${unexplained.join(', ')}`);
  });

  test('no stale reasons: an operation that is served has no "not served" reason', () => {
    assert.deepEqual(coverage.staleReasons, []);
    for (const id of Object.keys(NOT_SERVED)) {
      assert.ok(
        coverage.reference.operations.some((op) => op.operationId === id),
        `NOT_SERVED names ${id}, which is not an OpenAPI operation`,
      );
    }
  });

  test('every documented endpoint is reachable, or the reason it is not is written down', () => {
    const unexplained = coverage.documentedMissing
      .filter((d) => !d.reason)
      .map((d) => `${d.method} ${d.path}`);
    assert.deepEqual(unexplained, []);
  });

  test('every entry is reachable: its action name is unique in its tool', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const op of operations) {
      const key = `${op.domain}.${op.action}`;
      if (seen.has(key)) clashes.push(`${key} (${seen.get(key)} and ${op.id})`);
      seen.set(key, op.id);
    }
    assert.deepEqual(clashes, []);
  });

  test('route keys ignore the account prefix, .json and placeholder names; enum placeholders expand', () => {
    assert.equal(routeKey('get', '/{accountId}/todos/{todoId}'), 'GET /todos/{}');
    assert.equal(routeKey('GET', '/todos/{todo_id}.json'), 'GET /todos/{}');
    const feed = operations.find((op) => op.id === 'reports.todos');
    assert.ok(feed);
    assert.deepEqual(entryRoutes(feed), [
      'GET /todos/open',
      'GET /todos/completed',
      'GET /todos/no_due_date',
      'GET /todos/unassigned',
    ]);
  });

  test('trash, archive, delete and remove people are destructive (they need confirm)', () => {
    // Removing your own bookmark loses nothing anyone else sees, so it is a plain write.
    const harmless = new Set(['DeleteBookmark']);
    const destructiveCall = (op: (typeof operations)[number]) =>
      /\/status\/(trashed|archived)\.json$/.test(op.path) ||
      (op.openapi ?? []).some((id) => /^(Delete|Destroy|Trash|Remove)/.test(id) && !harmless.has(id)) ||
      'revoke' in op.params.shape;
    const wrong = operations
      .filter((op) => destructiveCall(op) !== (op.kind === 'destructive'))
      .map((op) => `${op.id} (${op.kind})`);
    assert.deepEqual(wrong, []);
  });
});
