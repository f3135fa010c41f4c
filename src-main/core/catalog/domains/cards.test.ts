// Card tables through a real MCP client against the sandbox: read the board, page through cards,
// create and move cards, steps with read-back, destructive wormhole removal behind confirm, and a
// write Basecamp acknowledges without doing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

describe('bc_cards on the sandbox', () => {
  let h: McpHarness;
  let tableId: number;
  let columns: { id: number; title: string; cards_count?: number }[];

  before(async () => {
    h = await startMcpHarness();
    const projects = await h.ok('bc_projects', 'list');
    const mobile = projects.structured.items!.find((p) => String(p.title).startsWith('Trailhead'))!;
    const project = await h.ok('bc_projects', 'get', { project_id: mobile.id });
    const dock = project.structured.dock as { name: string; id: number }[];
    tableId = dock.find((tool) => tool.name === 'kanban_board')!.id;
  });
  after(() => h.close());

  test('the card table lists its columns with ids and card counts', async () => {
    const table = await h.ok('bc_cards', 'table', { card_table_id: tableId });
    columns = table.structured.lists as typeof columns;
    assert.ok(columns.length >= 4);
    assert.match(table.text, /card table/);
    for (const column of columns) assert.match(table.text, new RegExp(`#${column.id}`));
  });

  test('cards page with limit and a cursor that continues exactly where the first page stopped', async () => {
    const store = h.env.sandbox.store;
    const busy = columns
      .map((c) => ({
        id: c.id,
        cards_count: store.children(c.id, 'Kanban::Card').filter((r) => r.status === 'active').length,
      }))
      .find((c) => c.cards_count >= 2);
    assert.ok(busy, 'the seed has a column with at least two cards');
    const first = await h.ok('bc_cards', 'list', { column_id: busy.id, limit: 1 });
    assert.equal(first.structured.items!.length, 1);
    assert.equal(first.structured.has_more, true);
    assert.match(first.text, /cursor/);
    const rest = await h.ok('bc_cards', 'list', { column_id: busy.id, cursor: first.structured.next_cursor });
    const ids = [first.structured.items![0]!.id, ...rest.structured.items!.map((c) => c.id)];
    assert.equal(new Set(ids).size, ids.length, 'no card twice');
    assert.equal(ids.length, busy.cards_count);
  });

  test('create a card, add a step, complete it (read back), move the card to another column', async () => {
    const [from, to] = [columns[2]!, columns[3]!];
    const card = await h.ok('bc_cards', 'create', {
      column_id: from.id,
      title: 'Write release notes',
      content: 'Draft in **Markdown**',
    });
    const cardId = card.structured.id as number;
    assert.match(card.text, /^Done/);
    const step = await h.ok('bc_cards', 'add_step', { card_id: cardId, title: 'Collect changes' });
    const done = await h.ok('bc_cards', 'complete_step', { step_id: step.structured.id, completion: 'on' });
    assert.equal(done.structured.completed, true);
    const moved = await h.ok('bc_cards', 'move', { card_id: cardId, column_id: to.id });
    assert.equal((moved.structured.parent as { id: number }).id, to.id);
    const read = await h.ok('bc_cards', 'get', { card_id: cardId });
    assert.match(read.text, /Draft in \*\*Markdown\*\*/, 'rich text reads back as Markdown');
  });

  test('deleting a wormhole needs confirm: nothing happens without it', async () => {
    const bucket = (await h.ok('bc_cards', 'table', { card_table_id: tableId })).structured.bucket as {
      id: number;
    };
    const wormhole = await h.ok('bc_cards', 'create_wormhole', {
      project_id: bucket.id,
      card_table_id: tableId,
      destination_recording_id: columns[1]!.id,
    });
    const refused = await h.call('bc_cards', {
      action: 'delete_wormhole',
      params: { project_id: bucket.id, wormhole_id: wormhole.structured.id },
    });
    assert.equal(refused.isError, true);
    assert.match(refused.text, /confirm: true/);
    assert.equal(h.env.sandbox.store.get(wormhole.structured.id as number)?.status, 'active');
    const deleted = await h.ok('bc_cards', 'delete_wormhole', {
      project_id: bucket.id,
      wormhole_id: wormhole.structured.id,
      confirm: true,
    });
    assert.match(deleted.text, /Done/);
    assert.equal(h.env.sandbox.store.get(wormhole.structured.id as number)?.status, 'trashed');
  });

  test('a step completion Basecamp answers OK but does not apply is reported as not done', async () => {
    const card = await h.ok('bc_cards', 'create', { column_id: columns[2]!.id, title: 'Ignored write' });
    const step = await h.ok('bc_cards', 'add_step', { card_id: card.structured.id, title: 'Stays open' });
    const store = h.env.sandbox.store;
    const update = store.update.bind(store);
    // Basecamp has been seen to answer 200 to writes it ignores (basecamp-cli #724).
    store.update = ((id, change) =>
      id === step.structured.id ? store.get(id)! : update(id, change)) as typeof store.update;
    try {
      const answer = await h.call('bc_cards', {
        action: 'complete_step',
        params: { step_id: step.structured.id, completion: 'on' },
      });
      assert.equal(answer.isError, true);
      assert.match(answer.text, /did not change/);
    } finally {
      store.update = update;
    }
  });
});
