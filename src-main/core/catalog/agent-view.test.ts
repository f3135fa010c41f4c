// What an agent sees, through the real MCP client against the sandbox: threads readable from one list call,
// mentions that read back in the form an agent writes, list pages that say shared context once, and a
// tools/list small enough to sit in every conversation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { encode } from 'gpt-tokenizer';
import { startMcpHarness, type McpHarness } from './mcp-harness.ts';

type Item = Record<string, unknown>;

describe('what agents see', () => {
  let h: McpHarness;
  let harbor: Item;
  let dock: Item[];
  const dockId = (name: string) => dock.find((tool) => tool.name === name)!.id as number;

  before(async () => {
    h = await startMcpHarness();
    const projects = await h.call('bc_list_projects', {});
    harbor = projects.structured.items!.find((p) => String(p.title).startsWith('Harbor'))!;
    dock = (await h.call('bc_get_project', { project_id: harbor.id })).structured.dock as Item[];
  });
  after(() => h.close());

  test('a comment list carries each comment’s text, in the line and in structuredContent', async () => {
    const messages = await h.ok('bc_messages', 'list', { project_id: harbor.id });
    const kickoff = messages.structured.items!.find((m) => m.title === 'Kickoff notes')!;
    const long = `Long note: ${'word '.repeat(120)}end`;
    await h.ok('bc_comments', 'create', { recording_id: kickoff.id, content: long });
    const listed = await h.ok('bc_comments', 'list', { recording_id: kickoff.id });
    assert.match(listed.text, /\*\*Marcus Oyelaran\*\* — id \d+ .*\n {2}I will have staging up by Friday\./);
    const items = listed.structured.items!;
    assert.ok(items.every((item) => typeof item.content === 'string' && item.content.length > 0));
    const mine = items.find((item) => String(item.content).startsWith('Long note'))!;
    // Shortened, and says so.
    assert.ok(String(mine.content).length <= 500 && String(mine.content).endsWith('…'));
    const line = listed.text.split('\n').find((l) => l.includes('Long note'))!;
    assert.ok(line.length <= 210 && line.endsWith('…'), line);
    // The author is named once, not with their job title and e-mail on every item.
    assert.deepEqual(Object.keys(mine.creator as Item).sort(), ['id', 'name']);
  });

  test('Campfire lines are listed with what was said', async () => {
    const lines = await h.ok('bc_campfires', 'lines', { project_id: harbor.id });
    assert.match(
      lines.text,
      /\*\*Priya Raman\*\*.*\n {2}\*\*Heads up:\*\* new hero images are in the vault\./,
    );
    assert.ok(lines.structured.items!.every((item) => typeof item.content === 'string'));
  });

  test('mentions read back once, as <@id|Name>, the form an agent can write back', async () => {
    const messages = await h.ok('bc_messages', 'list', { project_id: harbor.id });
    const kickoff = messages.structured.items!.find((m) => m.title === 'Kickoff notes')!;
    const seeded = await h.ok('bc_messages', 'get', { message_id: kickoff.id });
    assert.match(seeded.text, /<@\d+\|Grace Whitfield> is our day-to-day contact/);
    assert.doesNotMatch(seeded.text, /@@|@someone/);

    const people = await h.ok('bc_people', 'list');
    const grace = people.structured.items!.find((p) => p.title === 'Grace Whitfield')!;
    const posted = await h.ok('bc_comments', 'create', {
      recording_id: kickoff.id,
      content: `Thanks <@${String(grace.id)}|Grace Whitfield>!`,
    });
    const read = await h.ok('bc_comments', 'get', { comment_id: posted.structured.id });
    assert.match(read.text, new RegExp(`Thanks <@${String(grace.id)}(\\|Grace Whitfield)?>!`));
    assert.doesNotMatch(read.text, /@someone|@@/);
    // What was read back posts the same mention again.
    const again = await h.ok('bc_comments', 'create', { recording_id: kickoff.id, content: read.text });
    assert.equal(again.isError, false);
  });

  test('a to-do page names its project and list once and keeps per-item ids and links', async () => {
    const lists = await h.ok('bc_todos', 'lists', { todoset_id: dockId('todoset') });
    const launch = lists.structured.items!.find((l) => l.title === 'Launch checklist')!;
    const page = await h.ok('bc_todos', 'list', { todolist_id: launch.id });
    const [head, ...lines] = page.text.split('\n');
    assert.match(head!, /^25 of \d+ to-dos in to-do list “Launch checklist” \(id \d+\) of project Harbor/);
    const items = lines.filter((l) => l.startsWith('- '));
    assert.equal(items.length, 25);
    for (const line of items) {
      assert.doesNotMatch(line, /Harbor Outfitters/);
      assert.match(line, / — id \d+ .*\/todos\/\d+$/);
    }
    const structured = page.structured as Item & { items: Item[] };
    assert.equal((structured.bucket as Item).id, harbor.id);
    assert.equal((structured.parent as Item).id, launch.id);
    for (const item of structured.items) {
      assert.ok(typeof item.app_url === 'string' && typeof item.completed === 'boolean');
      assert.deepEqual(item.parent, { id: launch.id });
      assert.ok(!('position' in item) && !('content' in item) && !('assignees' in item));
      assert.ok(Object.values(item).every((value) => value !== null));
    }
    assert.ok(structured.items.some((item) => Array.isArray(item.assignee_ids)));
    // A later page is not read as the whole list.
    const next = await h.ok('bc_todos', 'list', { todolist_id: launch.id, cursor: structured.next_cursor });
    const total = structured.total as number;
    assert.equal(total, 66);
    assert.match(next.text, /^26–50 of 66 to-dos in to-do list “Launch checklist”/);
    assert.equal(next.structured.offset, 25);
    const last = await h.ok('bc_todos', 'list', {
      todolist_id: launch.id,
      cursor: next.structured.next_cursor,
    });
    assert.match(last.text, /^51–66 of 66 to-dos in to-do list “Launch checklist”/);
    assert.equal(last.structured.has_more, false);
    // Far smaller than Basecamp's own page (17 KB of structuredContent before).
    assert.ok(JSON.stringify(structured).length < 8000, String(JSON.stringify(structured).length));
  });

  test('small things: my assignments, a pasted to-do link, trash wording, headings and code', async () => {
    const mine = await h.call('bc_my_assignments', {});
    assert.equal(mine.isError, false);
    assert.doesNotMatch(mine.text, /undefined/);

    const lists = await h.ok('bc_todos', 'lists', { todoset_id: dockId('todoset') });
    const page = await h.ok('bc_todos', 'list', { todolist_id: lists.structured.items![0]!.id, limit: 1 });
    const resolved = await h.call('bc_resolve_url', { url: String(page.structured.items![0]!.app_url) });
    assert.match(resolved.text, / · to-do · /);
    assert.doesNotMatch(resolved.text, /type todos/);

    const trash = await h.call('bc_recordings', { action: 'trash', params: { recording_id: 1 } });
    assert.match(trash.text, /restored from there within 30 days/);
    assert.doesNotMatch(trash.text, /cannot be undone/);

    const help = await h.ok('bc_todos', 'help', { action: 'create' });
    assert.match(help.text, /## reads back as #/);
    const created = await h.ok('bc_todos', 'create', {
      todolist_id: lists.structured.items![0]!.id,
      content: 'Notes test',
      description: '## Plan\n\nRun `npm test` first.',
    });
    assert.match(created.text, /Run `npm test` first\./);
  });

  test('tools/list fits in about 9k tokens and still offers every action', async () => {
    const listed = await h.client.listTools();
    const tokens = encode(JSON.stringify(listed)).length;
    assert.ok(tokens <= 9000, `tools/list is ${tokens} tokens`);
    assert.ok(listed.tools.length <= 30);
    const direct = listed.tools.filter((tool) => !tool.inputSchema.properties?.action);
    assert.ok(direct.length >= 4 && direct.length <= 6, direct.map((tool) => tool.name).join(', '));
    for (const tool of listed.tools) {
      assert.ok(tool.title && tool.annotations, tool.name);
      assert.equal(tool.inputSchema.type, 'object');
    }
    // A dock tool's id may be replaced by the project's id, and the one-line signature says so.
    const campfires = listed.tools.find((tool) => tool.name === 'bc_campfires')!;
    assert.match(campfires.description!, /lines\(chat_id\|project_id, direction\?\)/);
    // Every action is named in its tool's enum and its description.
    const todos = listed.tools.find((tool) => tool.name === 'bc_todos')!;
    const actions = (todos.inputSchema.properties!.action as { enum: string[] }).enum;
    for (const action of ['list', 'create', 'complete', 'uncomplete'])
      assert.ok(actions.includes(action) && todos.description!.includes(`${action}(`), action);
  });
});
