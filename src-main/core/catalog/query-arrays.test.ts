// Array filters go on the wire as repeated `key[]=v` params (client + executor), and the generic
// "did not change" check ignores fields Basecamp owns (a sent link `url` is not the record's API `url`).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBasecampClient } from '../basecamp/client.ts';
import { fixedTokens, json, startTestServer, USER_AGENT, type TestServer } from '../basecamp/test-server.ts';
import { unchangedFields, wireParts } from './executor.ts';
import { findOperation } from './index.ts';
import { startMcpHarness, type McpHarness } from './mcp-harness.ts';

describe('query arrays on the wire', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer((_request, res) => json(res, 200, []));
  });
  after(() => server.close());

  test('the client repeats an array key once per value and sends nothing for an empty array', async () => {
    const client = createBasecampClient({
      account: { id: 123, href: server.href() },
      tokens: fixedTokens('token-for-query-arrays-0123456789'),
      userAgent: USER_AGENT,
    });
    await client.request({
      method: 'GET',
      path: '/todos/open.json',
      query: { 'assignee_ids[]': [7, 8], due: 'overdue', 'people_ids[]': [] },
    });
    const url = new URL(server.seen.at(-1)!.url, server.origin);
    assert.deepEqual(url.searchParams.getAll('assignee_ids[]'), ['7', '8']);
    assert.equal(url.searchParams.get('due'), 'overdue');
    assert.equal(url.searchParams.has('people_ids[]'), false);
  });

  test('the catalog names array filters with [] as the OpenAPI does', () => {
    const op = findOperation('reports.todos')!;
    const parts = wireParts(op, { filter: 'open', assignee_ids: [3, 4] });
    assert.equal(parts.path, '/todos/open.json');
    assert.deepEqual(parts.query, { 'assignee_ids[]': [3, 4] });
    const files = wireParts(findOperation('reports.files')!, { creator_ids: [9] });
    assert.deepEqual(files.query, { 'people_ids[]': [9] });
  });
});

describe('search filters by several people through MCP', () => {
  let h: McpHarness;
  before(async () => {
    h = await startMcpHarness();
  });
  after(() => h?.close());

  test('creator_ids keeps only items by those people', async () => {
    const all = await h.call('bc_search', { query: 'a', limit: 200 });
    assert.ok(!all.isError, all.text);
    const creators = [
      ...new Set(
        (all.structured.items ?? []).map((item) => (item.creator as { id?: number } | undefined)?.id),
      ),
    ].filter((id): id is number => typeof id === 'number');
    assert.ok(creators.length >= 3, `the seed has items by several people: ${creators.join(', ')}`);
    const chosen = creators.slice(0, 2);
    const some = await h.call('bc_search', { query: 'a', creator_ids: chosen, limit: 200 });
    assert.ok(!some.isError, some.text);
    const items = some.structured.items ?? [];
    assert.ok(items.length > 0);
    assert.ok(items.length < (all.structured.items ?? []).length, 'the filter removed something');
    for (const item of items) {
      assert.ok(chosen.includes((item.creator as { id: number }).id), JSON.stringify(item.creator));
    }
  });
});

describe('the generic "did not change" check', () => {
  test('ignores fields Basecamp owns, still catches a real no-op', () => {
    const op = findOperation('files.update_cloud_file')!;
    const sent = { url: 'https://www.dropbox.com/s/abc/plan.pdf', service: 'dropbox', title: 'Plan v2' };
    const answer = {
      id: 1,
      url: 'https://3.basecampapi.com/1/cloud_files/1.json',
      service: 'dropbox',
      title: 'Plan v2',
    };
    assert.deepEqual(unchangedFields(sent, answer, op), []);
    assert.deepEqual(unchangedFields(sent, { ...answer, title: 'Plan' }, op), ['title']);
  });
});
