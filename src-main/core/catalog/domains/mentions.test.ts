// A mention an agent writes reads back with the person's name, as Basecamp's own mentions do: the companion
// sends the documented bare `<bc-attachment sgid>`, and the sandbox stores it as Basecamp does (typed, captioned).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

describe('mentions written through MCP', () => {
  let h: McpHarness;
  let todoId: unknown;
  let person: { id: number; name: string; attachable_sgid: string };

  before(async () => {
    h = await startMcpHarness();
    const client = await h.env.ctx.clientFor();
    const people = await client.request<Record<string, unknown>[]>({ method: 'GET', path: '/people.json' });
    person = people.data.at(-1) as unknown as typeof person;
    const todos = await client.request<Record<string, unknown>[]>({
      method: 'GET',
      path: '/projects/recordings.json?type=Todo',
    });
    todoId = todos.data[0]!.id;
  });
  after(() => h.close());

  test('<@id> is sent as the bare sgid attachment and reads back as <@id|Name>', async () => {
    const added = await h.ok('bc_comments', 'create', {
      recording_id: todoId,
      content: `<@${person.id}> I can reproduce it on the Pixel 8.`,
    });
    const client = await h.env.ctx.clientFor();
    const stored = await client.request<Record<string, unknown>>({
      method: 'GET',
      path: `/comments/${String(added.structured.id)}.json`,
    });
    const content = String(stored.data.content);
    assert.match(content, new RegExp(`<bc-attachment sgid="${person.attachable_sgid}"`));
    assert.match(content, /content-type="application\/vnd\.basecamp\.mention"/);
    assert.ok(content.includes(`<figcaption>${person.name}</figcaption>`), content);

    const read = await h.ok('bc_comments', 'get', { comment_id: added.structured.id });
    assert.ok(
      read.text.includes(`<@${person.id}|${person.name}> I can reproduce it on the Pixel 8.`),
      read.text,
    );
    const list = await h.ok('bc_comments', 'list', { recording_id: todoId, limit: 200 });
    assert.ok(list.text.includes(`<@${person.id}|${person.name}>`), list.text);
  });

  test('an edit keeps the name too', async () => {
    const added = await h.ok('bc_comments', 'create', { recording_id: todoId, content: 'first' });
    await h.ok('bc_comments', 'update', {
      comment_id: added.structured.id,
      content: `Over to <@${person.id}>`,
    });
    const read = await h.ok('bc_comments', 'get', { comment_id: added.structured.id });
    assert.ok(read.text.includes(`Over to <@${person.id}|${person.name}>`), read.text);
  });
});
