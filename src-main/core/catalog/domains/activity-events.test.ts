// The activity timeline through a real MCP client on the sandbox: completing and changing a to-do, moving a
// card and posting a message each show up, told as Basecamp tells them (its `title` line, the item as the
// summary, the message's subject), and a draft stays out until it is published.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

type Json = Record<string, unknown>;

describe('activity timeline events', () => {
  let h: McpHarness;
  let project: { id: number; dock: Json[] };
  let events: Json[];
  let text: string;
  let todo: Json;
  let card: Json;
  let review: Json;
  let me: string;

  before(async () => {
    h = await startMcpHarness();
    const client = await h.env.ctx.clientFor();
    const get = async <T>(path: string) => (await client.request<T>({ method: 'GET', path })).data;
    const projects = await get<Json[]>('/projects.json');
    project = projects.find((p) => String(p.name).startsWith('Trailhead')) as unknown as typeof project;
    const todos = await get<Json[]>(`/projects/recordings.json?type=Todo&bucket=${project.id}`);
    todo = todos.find((t) => t.completed === false)!;
    const tableTool = project.dock.find((d) => d.name === 'kanban_board')!;
    const table = await get<{ lists: Json[] }>(`/card_tables/${String(tableTool.id)}.json`);
    const inProgress = table.lists.find((c) => c.title === 'In progress')!;
    review = table.lists.find((c) => c.title === 'Review')!;
    card = (await get<Json[]>(`/card_tables/lists/${String(inProgress.id)}/cards.json`))[0]!;
    const name = String(((await h.call('bc_whoami', {})).structured.person as Json).name);
    me = `${name.split(' ')[0]} ${name.split(' ').at(-1)![0]}.`;

    await h.ok('bc_todos', 'complete', { todo_id: todo.id });
    await h.ok('bc_todos', 'update', { todo_id: todo.id, due_on: '2026-12-24' });
    await h.ok('bc_cards', 'move', { card_id: card.id, column_id: review.id });
    await h.ok('bc_messages', 'create', {
      project_id: project.id,
      subject: 'Release notes for 2.4',
      content: 'The list is in.',
      publish: true,
    });
    await h.ok('bc_messages', 'create', {
      project_id: project.id,
      subject: 'Secret draft plan',
      content: 'wip',
    });

    const answer = await h.ok('bc_reports', 'project_activity', { project_id: project.id, limit: 50 });
    events = answer.structured.items!;
    text = answer.text;
  });
  after(() => h.close());

  const kinds = () => events.map((e) => e.kind);
  const lineWith = (needle: string) => text.split('\n').find((line) => line.includes(needle));

  test('a completion is a todo_completed event, told on its list with the to-do as the summary', () => {
    assert.ok(kinds().includes('todo_completed'), String(kinds()));
    const line = lineWith(`, ${me} completed`);
    assert.ok(line?.includes(` · ${String(todo.title)} · `), line ?? text);
  });

  test('an update and a card move are events too', () => {
    const changed = events.find((e) => e.kind === 'todo_changed');
    assert.ok(changed, String(kinds()));
    assert.equal(changed.action, `${me} changed a to-do`);
    const moved = events.find((e) => e.kind === 'kanban_card_column_changed');
    assert.ok(moved, String(kinds()));
    assert.equal(moved.target, review.title);
    const line = lineWith(`On “${String(review.title)}”, ${me} moved`);
    assert.ok(line?.includes(String(card.title)), line ?? text);
  });

  test("a message event shows the message's subject; a draft has no event", () => {
    const line = lineWith('Release notes for 2.4');
    assert.ok(line?.startsWith(`- **${me} posted “Release notes for 2.4”**`), line ?? text);
    assert.ok(line?.includes('The list is in.'), line);
    assert.doesNotMatch(text, /Secret draft plan|created Message/);
  });

  test("a person's progress lists what they did, including on others' recordings", async () => {
    const whoami = (await h.call('bc_whoami', {})).structured.person as Json;
    const progress = await h.ok('bc_reports', 'person_activity', { person_id: whoami.id });
    assert.match(progress.text, new RegExp(`, ${me} completed`));
  });
});
