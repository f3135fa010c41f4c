// A recording's events (`/recordings/{id}/events.json`) and the activity timeline read one history: after a
// change, a move and a completion, both list the same events, with the same ids, times and people.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sandboxForTests } from './sandbox-test-support.ts';

type Json = Record<string, unknown>;

describe('one history for events.json and the timeline', () => {
  const api = sandboxForTests({ today: '2026-03-10' });
  const call = async (method: string, path: string, json?: unknown) => {
    const answer = await api.call(method, path, json);
    assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${answer.text}`);
    return answer.json;
  };
  const get = <T = Json>(path: string) => call('GET', path) as Promise<T>;

  /** The timeline's events on one recording, as `{id, action, created_at, creator id}`. */
  const toldOn = async (projectId: number, recording: Json) => {
    const events: Json[] = [];
    for (let url: string | undefined = `/projects/${projectId}/timeline.json`; url;) {
      const page = await api.call('GET', url);
      events.push(...(page.json as Json[]));
      url = /<([^>]+)>;\s*rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
    }
    return events
      .filter((e) => e.url === recording.url)
      .map((e) => ({
        id: e.id,
        action: String(e.kind).replace(/^(todo|kanban_card)_/, ''),
        created_at: e.created_at,
        creator: (e.creator as Json).id,
      }));
  };
  const listed = async (recording: Json) =>
    (await get<Json[]>(`/recordings/${String(recording.id)}/events.json`)).map((e) => ({
      id: e.id,
      action: e.action,
      created_at: e.created_at,
      creator: (e.creator as Json).id,
    }));

  test('a to-do changed and completed, a card moved and completed: the same events in both', async () => {
    const projects = await get<(Json & { id: number; dock: Json[] })[]>('/projects.json');
    const project = projects.find((p) => p.dock.some((d) => d.name === 'kanban_board'))!;
    const todoset = project.dock.find((d) => d.name === 'todoset')!;
    const lists = await get<Json[]>(`/todosets/${String(todoset.id)}/todolists.json`);
    const todos = await get<Json[]>(`/todolists/${String(lists[0]!.id)}/todos.json`);
    const todo = todos[0]!;
    await call('PUT', `/todos/${String(todo.id)}.json`, { content: 'Pack the field kit' });
    await call('POST', `/todos/${String(todo.id)}/completion.json`);

    const board = project.dock.find((d) => d.name === 'kanban_board')!;
    const table = await get<{ lists: Json[] }>(`/card_tables/${String(board.id)}.json`);
    const from = table.lists.find((c) => Number(c.cards_count) > 0)!;
    const to = table.lists.find((c) => c.id !== from.id && c.type === 'Kanban::Column')!;
    const card = (await get<Json[]>(`/card_tables/lists/${String(from.id)}/cards.json`))[0]!;
    await call('POST', `/card_tables/cards/${String(card.id)}/moves.json`, { column_id: to.id, position: 1 });
    await call('POST', `/todos/${String(card.id)}/completion.json`);

    for (const [recording, actions] of [
      [todo, ['completed', 'changed', 'created']],
      [card, ['completed', 'column_changed', 'created']],
    ] as const) {
      const events = await listed(recording);
      assert.deepEqual(new Set(events.map((e) => e.action)), new Set(actions));
      assert.deepEqual(events, await toldOn(project.id, recording), String(recording.title));
    }

    const moved = (await get<Json[]>(`/recordings/${String(card.id)}/events.json`)).find(
      (e) => e.action === 'column_changed',
    )!;
    assert.equal(moved.boosts_count, 0, 'a move can be boosted, as Basecamp documents');
    await call('POST', `/recordings/${String(card.id)}/events/${String(moved.id)}/boosts.json`, {
      content: '🚀',
    });
  });
});
