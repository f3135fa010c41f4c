// Completing a card through a real MCP client on the sandbox. Basecamp completes a card like a to-do (the
// card's `completion_url` is `/todos/{card id}/completion.json`), so bc_todos complete/uncomplete take a
// card id; the read-back shows the card, and the timeline gets a kanban_card_completed event.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

type Json = Record<string, unknown>;

describe('completing a card', () => {
  let h: McpHarness;
  let projectId: number;
  let card: Json;

  before(async () => {
    h = await startMcpHarness();
    const client = await h.env.ctx.clientFor();
    const get = async <T>(path: string) => (await client.request<T>({ method: 'GET', path })).data;
    const projects = await get<(Json & { id: number; dock: Json[] })[]>('/projects.json');
    const project = projects.find((p) => String(p.name).startsWith('Trailhead'))!;
    projectId = project.id;
    const tableTool = project.dock.find((d) => d.name === 'kanban_board')!;
    const table = await get<{ lists: Json[] }>(`/card_tables/${String(tableTool.id)}.json`);
    const column = table.lists.find((c) => Number(c.cards_count) > 0 && c.type === 'Kanban::Column')!;
    const cards = await get<Json[]>(`/card_tables/lists/${String(column.id)}/cards.json`);
    card = cards.find((c) => c.completed === false)!;
    assert.ok(card, 'the seed has an open card');
  });
  after(() => h.close());

  const activity = () => h.ok('bc_reports', 'project_activity', { project_id: projectId, limit: 50 });

  test('bc_todos complete on a card marks it done and reads the card back', async () => {
    const done = await h.ok('bc_todos', 'complete', { todo_id: card.id });
    assert.match(done.text, /^Done/);
    assert.equal(done.structured.completed, true);
    const read = await h.ok('bc_cards', 'get', { card_id: card.id });
    assert.equal(read.structured.completed, true);
  });

  test('the completion is a kanban_card_completed event with the card as its summary', async () => {
    const answer = await activity();
    const event = answer.structured.items!.find((e) => e.kind === 'kanban_card_completed');
    assert.ok(event, 'a kanban_card_completed event');
    const line = answer.text
      .split('\n')
      .find((l) => / completed\b/.test(l) && l.includes(String(card.title)));
    assert.ok(line, answer.text);
  });

  test('uncompleting reopens the card and its completion leaves the timeline', async () => {
    const reopened = await h.ok('bc_todos', 'uncomplete', { todo_id: card.id });
    assert.equal(reopened.structured.completed, false);
    const kinds = (await activity()).structured.items!.map((e) => e.kind);
    assert.ok(!kinds.includes('kanban_card_completed'), String(kinds));
  });
});
