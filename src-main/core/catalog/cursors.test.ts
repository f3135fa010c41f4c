// List cursors through a real MCP client on the sandbox: a next_cursor alone continues its list (it carries
// the list's params and account), params that contradict it are named, and an edited cursor is refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from './mcp-harness.ts';

describe('a list cursor is self-sufficient', () => {
  let h: McpHarness;
  let listId: number;
  let total: number;

  before(async () => {
    h = await startMcpHarness({ bc3Accounts: 2 });
    const store = h.env.sandbox.store;
    const biggest = store
      .where((r) => r.type === 'Todolist' && r.status === 'active')
      .map((list) => ({
        id: list.id,
        open: store.children(list.id, 'Todo').filter((t) => t.status === 'active' && !t.fields.completed)
          .length,
      }))
      .sort((a, b) => b.open - a.open)[0]!;
    assert.ok(biggest.open > 20, 'the seed has a long to-do list');
    listId = biggest.id;
    total = biggest.open;
  });
  after(() => h.close());

  test('{cursor} alone pages through the whole list, each to-do once', async () => {
    const first = await h.ok('bc_todos', 'list', { todolist_id: listId, limit: 10 });
    const ids = first.structured.items!.map((item) => item.id);
    let cursor = first.structured.next_cursor;
    while (cursor) {
      const next = await h.ok('bc_todos', 'list', { cursor, limit: 10 });
      ids.push(...next.structured.items!.map((item) => item.id));
      cursor = next.structured.next_cursor;
    }
    assert.equal(ids.length, total);
    assert.equal(new Set(ids).size, total, 'no to-do twice');
  });

  test('the same params with the cursor are fine; a different one is named and nothing is sent', async () => {
    const first = await h.ok('bc_todos', 'list', { todolist_id: listId, limit: 5 });
    const cursor = first.structured.next_cursor!;
    const same = await h.ok('bc_todos', 'list', { todolist_id: String(listId), cursor, limit: 5 });
    assert.notDeepEqual(same.structured.items, first.structured.items);

    const before = h.env.requests();
    const other = await h.call('bc_todos', { action: 'list', params: { todolist_id: listId + 1, cursor } });
    assert.equal(other.isError, true);
    assert.match(
      other.text,
      new RegExp(`issued for todolist_id ${listId}, but this call has todolist_id ${listId + 1}`),
    );
    assert.match(other.text, /Send the cursor alone/);
    const filtered = await h.call('bc_todos', { action: 'list', params: { completed: true, cursor } });
    assert.equal(filtered.isError, true);
    assert.match(filtered.text, /issued without completed, but this call has completed true/);
    assert.equal(h.env.requests(), before, 'nothing reached Basecamp');
  });

  test('a cursor remembers the account it was issued in', async () => {
    const second = h.env.sandbox.accounts[1]!.id;
    const first = await h.ok('bc_people', 'list', { account: second, limit: 1 });
    assert.ok(first.structured.next_cursor, 'the second account has more than one person');
    const next = await h.ok('bc_people', 'list', { cursor: first.structured.next_cursor, limit: 1 });
    assert.notEqual(next.structured.items![0]!.id, first.structured.items![0]!.id);
    assert.match(next.text, /^2–2 of/);
    const wrong = await h.call('bc_people', {
      action: 'list',
      params: { account: h.env.sandbox.accounts[0]!.id, cursor: first.structured.next_cursor },
    });
    assert.equal(wrong.isError, true);
    assert.match(wrong.text, new RegExp(`issued for account ${second}`));
  });

  test('an edited cursor, or one from another list, is refused', async () => {
    const first = await h.ok('bc_todos', 'list', { todolist_id: listId, limit: 5 });
    const [page, packed, mac] = first.structured.next_cursor!.split('.');
    assert.ok(page && packed && mac, 'a cursor with params has three parts');
    // Point the carried list id elsewhere but keep the signature: refused before anything is read.
    const forged = Buffer.from(JSON.stringify([listId + 1]), 'utf8').toString('base64url');
    for (const cursor of [
      `${page}.${forged}.${mac}`,
      `${page}.${packed}.${mac.slice(1)}A`,
      `${page}.${packed}`,
    ]) {
      const answer = await h.call('bc_todos', { action: 'list', params: { cursor } });
      assert.equal(answer.isError, true, cursor);
      assert.match(answer.text, /This cursor is not valid/);
    }
    const elsewhere = await h.call('bc_cards', {
      action: 'list',
      params: { cursor: first.structured.next_cursor },
    });
    assert.equal(elsewhere.isError, true);
    assert.match(elsewhere.text, /not valid/);
  });

  test('a list found through the dock continues without looking the dock up again', async () => {
    const projects = await h.ok('bc_projects', 'list');
    const hq = projects.structured.items!.find((p) => String(p.title).includes('HQ'))!;
    const first = await h.ok('bc_campfires', 'lines', { project_id: hq.id, limit: 2 });
    assert.ok(first.structured.next_cursor, 'the HQ Campfire has more than two lines');
    const before = h.env.requests();
    const next = await h.ok('bc_campfires', 'lines', { cursor: first.structured.next_cursor, limit: 2 });
    assert.equal(h.env.requests() - before, 1, 'one page read, no project read for its dock');
    assert.match(next.text, /^3–4 of \d+ Campfire lines/);
  });

  test('a list found through the dock names another project passed with its cursor', async () => {
    const projects = await h.ok('bc_projects', 'list');
    const [hq, other] = [
      projects.structured.items!.find((p) => String(p.title).includes('HQ'))!,
      projects.structured.items!.find((p) => !String(p.title).includes('HQ'))!,
    ];
    const first = await h.ok('bc_campfires', 'lines', { project_id: hq.id, limit: 2 });
    const before = h.env.requests();
    const elsewhere = await h.call('bc_campfires', {
      action: 'lines',
      params: { cursor: first.structured.next_cursor, project_id: other.id, limit: 2 },
    });
    assert.equal(elsewhere.isError, true, 'not the HQ Campfire under another project’s name');
    assert.match(
      elsewhere.text,
      new RegExp(`issued for project_id ${hq.id}, but this call has project_id ${other.id}`),
    );
    assert.equal(h.env.requests(), before, 'nothing was read');
    const same = await h.ok('bc_campfires', 'lines', {
      cursor: first.structured.next_cursor,
      project_id: hq.id,
      limit: 2,
    });
    assert.match(same.text, /^3–4 of \d+ Campfire lines/);
  });

  test('a list without params keeps the bare page cursor; a set page size is carried', async () => {
    const first = await h.ok('bc_projects', 'list', {});
    const bare = h.env.sandbox.store.projects.size > 25;
    if (bare) assert.doesNotMatch(first.structured.next_cursor!, /\./, 'nothing to carry, nothing added');
    const sized = await h.ok('bc_projects', 'list', { limit: 1 });
    const next = await h.ok('bc_projects', 'list', { cursor: sized.structured.next_cursor });
    assert.equal(next.structured.items!.length, 1);
  });

  test('{cursor} alone keeps the page size the list was asked with; a limit sent with it wins', async () => {
    const search = async (args: Record<string, unknown>) => {
      const answer = await h.call('bc_search', args);
      assert.equal(answer.isError, false, answer.text);
      return answer;
    };
    const first = await search({ query: 'the', limit: 5 });
    assert.equal(first.structured.items!.length, 5);
    const next = await search({ cursor: first.structured.next_cursor });
    assert.equal(next.structured.items!.length, 5);
    const smaller = await search({ cursor: next.structured.next_cursor, limit: 2 });
    assert.equal(smaller.structured.items!.length, 2);
    const seen = [first, next, smaller].flatMap((answer) => answer.structured.items!.map((item) => item.id));
    assert.equal(new Set(seen).size, 12, 'each page goes on where the last stopped');
  });

  test('a cursor that is not ours says so before naming the params it would have carried', async () => {
    const before = h.env.requests();
    const garbage = await h.call('bc_todos', { action: 'list', params: { cursor: 'garbage' } });
    assert.equal(garbage.isError, true);
    assert.match(garbage.text, /^This cursor is not valid/);
    assert.doesNotMatch(garbage.text, /todolist_id/);
    assert.equal(h.env.requests(), before, 'nothing reached Basecamp');
    const missing = await h.call('bc_todos', { action: 'list', params: {} });
    assert.match(missing.text, /todolist_id: is required/);
  });

  test('a bad cursor on a list with no required params gets the same text, and nothing reaches Basecamp', async () => {
    const first = await h.ok('bc_projects', 'list', { limit: 1 });
    const issued = first.structured.next_cursor!;
    const texts = new Set<string>();
    const edited = issued.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const cursor of ['garbage', 'Z2FyYmFnZQ', edited, issued.slice(0, -2), 'a.b']) {
      const before = h.env.requests();
      const answer = await h.call('bc_projects', { action: 'list', params: { cursor } });
      assert.equal(answer.isError, true, cursor);
      assert.match(answer.text, /^This cursor is not valid/, cursor);
      assert.doesNotMatch(answer.text, /nextCursor/, cursor);
      assert.equal(h.env.requests(), before, `nothing reached Basecamp for ${cursor}`);
      texts.add(answer.text);
    }
    assert.equal(texts.size, 1, [...texts].join('\n'));
  });
});
