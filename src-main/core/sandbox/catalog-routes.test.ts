// The sandbox grows with the catalog: every method + path a catalog entry can call (enum placeholders
// expanded) has a route here, so any tool action can be tried without a Basecamp account.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryRoutes } from '../catalog/coverage.ts';
import { operations } from '../catalog/index.ts';
import { Router } from './router.ts';
import { allRoutes } from './routes/index.ts';

test('the sandbox serves every route the catalog reaches', () => {
  const router = new Router(allRoutes);
  const unserved: string[] = [];
  for (const op of operations) {
    if (op.run && !op.openapi?.length) continue; // multi-call entries (resolve a URL) have no route of their own
    for (const route of entryRoutes(op)) {
      const [method, path] = route.split(' ') as [string, string];
      const match = router.match(method, path.replace(/\{\}/g, '1234'));
      if (!('compiled' in match)) unserved.push(`${op.id}: ${route}`);
    }
  }
  assert.deepEqual(unserved, []);
});
