// Actions on any recording through a real MCP client against the sandbox: trash and archive behind
// confirm, restore, history, boosts, subscriptions with read-back, bookmarks, client visibility.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

describe('bc_recordings on the sandbox', () => {
  let h: McpHarness;
  let todoId: number;
  let messageId: number;

  before(async () => {
    h = await startMcpHarness();
    const todos = await h.ok('bc_recordings', 'list', { type: 'Todo', limit: 5 });
    todoId = todos.structured.items![0]!.id as number;
    const messages = await h.ok('bc_recordings', 'list', { type: 'Message', limit: 1 });
    messageId = messages.structured.items![0]!.id as number;
  });
  after(() => h.close());

  test('trash needs confirm; with it the item is trashed, and restore brings it back', async () => {
    const refused = await h.call('bc_recordings', { action: 'trash', params: { recording_id: todoId } });
    assert.equal(refused.isError, true);
    assert.match(refused.text, /cannot be undone|confirm: true/);
    assert.equal((await h.ok('bc_todos', 'get', { todo_id: todoId })).structured.status, 'active');
    await h.ok('bc_recordings', 'trash', { recording_id: todoId, confirm: true });
    assert.equal(h.env.sandbox.store.get(todoId)?.status, 'trashed');
    const trashed = await h.ok('bc_recordings', 'list', { type: 'Todo', status: 'trashed' });
    assert.ok(trashed.structured.items!.some((t) => t.id === todoId));
    await h.ok('bc_recordings', 'restore', { recording_id: todoId });
    assert.equal(h.env.sandbox.store.get(todoId)?.status, 'active');
  });

  test('archive is destructive too (confirm), and the tool says so in its annotations', async () => {
    const { tools } = await h.client.listTools();
    const tool = tools.find((t) => t.name === 'bc_recordings')!;
    assert.equal(tool.annotations?.destructiveHint, true);
    assert.match(tool.description ?? '', /archive\([^)]*confirm: true\)/);
    assert.match(tool.description ?? '', /confirm: true only after the user agreed/);
    assert.equal(
      (await h.call('bc_recordings', { action: 'archive', params: { recording_id: messageId } })).isError,
      true,
    );
    assert.equal(h.env.sandbox.store.get(messageId)?.status, 'active');
  });

  test('the list pages by cursor without repeating an item', async () => {
    const first = await h.ok('bc_recordings', 'list', { type: 'Todo', limit: 20 });
    assert.equal(first.structured.has_more, true);
    const second = await h.ok('bc_recordings', 'list', {
      type: 'Todo',
      limit: 20,
      cursor: first.structured.next_cursor,
    });
    const ids = [...first.structured.items!, ...second.structured.items!].map((t) => t.id);
    assert.equal(new Set(ids).size, 40);
  });

  test('history, boosts and subscriptions', async () => {
    const events = await h.ok('bc_recordings', 'events', { recording_id: messageId });
    assert.ok(events.structured.items!.some((e) => e.action === 'created'));
    const boost = await h.ok('bc_recordings', 'boost', { recording_id: messageId, content: '🎉' });
    const boosts = await h.ok('bc_recordings', 'boosts', { recording_id: messageId });
    assert.ok(boosts.structured.items!.some((b) => b.id === boost.structured.id));
    assert.equal(
      (await h.call('bc_recordings', { action: 'delete_boost', params: { boost_id: boost.structured.id } }))
        .isError,
      true,
    );
    await h.ok('bc_recordings', 'delete_boost', { boost_id: boost.structured.id, confirm: true });
    assert.equal(
      (await h.ok('bc_recordings', 'boosts', { recording_id: messageId })).structured.items!.length,
      0,
    );

    const subscribed = await h.ok('bc_recordings', 'subscribe', { recording_id: messageId });
    assert.equal(subscribed.structured.subscribed, true);
    await h.ok('bc_recordings', 'unsubscribe', { recording_id: messageId });
    assert.equal(
      (await h.ok('bc_recordings', 'subscription', { recording_id: messageId })).structured.subscribed,
      false,
    );
  });

  test('bookmarks show up in my bookmarks; client visibility is set and read', async () => {
    await h.ok('bc_recordings', 'add_bookmark', { recording_id: messageId });
    const mine = await h.ok('bc_my', 'bookmarks');
    assert.ok(mine.structured.items!.some((b) => (b.recording as { id: number }).id === messageId));
    await h.ok('bc_recordings', 'remove_bookmark', { recording_id: messageId });
    assert.equal((await h.ok('bc_my', 'bookmarks')).structured.items!.length, 0);
    const shown = await h.ok('bc_recordings', 'client_visibility', {
      recording_id: messageId,
      visible_to_clients: true,
    });
    assert.match(shown.text, /^Done/);
    assert.equal(h.env.sandbox.store.get(messageId)?.visibleToClients, true);
  });
});
