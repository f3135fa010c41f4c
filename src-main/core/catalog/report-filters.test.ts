// The account-wide reports' people filters, end to end: the catalog sends `assignee_ids[]` / `people_ids[]`
// (query-arrays.test.ts), the sandbox Basecamp applies them as the OpenAPI documents, the agent sees the result.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Recording } from '../sandbox/store.ts';
import { startMcpHarness, type Answer, type McpHarness } from './mcp-harness.ts';

describe('people filters on the account-wide reports, through MCP', () => {
  let h: McpHarness;
  before(async () => {
    h = await startMcpHarness();
  });
  after(() => h?.close());

  const record = (id: number): Recording => h.env.sandbox.store.get(id)!;
  const assigneesOf = (id: number): number[] =>
    (record(id).fields.assignee_ids as number[] | undefined) ?? [];
  /** Task ids in a grouped feed (one group per project) or a flat one. */
  const taskIds = (answer: Answer, key: 'todos' | 'cards'): number[] =>
    (answer.structured.items ?? [])
      .flatMap((item) => (Array.isArray(item[key]) ? (item[key] as Array<{ id: number }>) : [item]))
      .map((task) => task.id as number)
      .sort((a, b) => a - b);
  const report = async (action: string, params: Record<string, unknown>): Promise<Answer> => {
    const answer = await h.call('bc_reports', { action, params });
    assert.ok(!answer.isError, answer.text);
    return answer;
  };
  /** Two people who hold some but not all of the given tasks. */
  const twoAssignees = (ids: number[]): number[] => {
    const people = [...new Set(ids.flatMap(assigneesOf))].sort((a, b) => a - b);
    assert.ok(people.length >= 3, `the seed assigns these tasks to several people: ${people.join(', ')}`);
    return people.slice(0, 2);
  };

  test('assignee_ids keeps the open to-dos assigned to any of those people, and only those', async () => {
    const all = taskIds(await report('todos', { filter: 'open', limit: 100 }), 'todos');
    const people = twoAssignees(all);
    const expected = all.filter((id) => assigneesOf(id).some((person) => people.includes(person)));
    const filtered = taskIds(
      await report('todos', { filter: 'open', assignee_ids: people, limit: 100 }),
      'todos',
    );
    assert.ok(filtered.length > 0 && filtered.length < all.length, `${filtered.length} of ${all.length}`);
    assert.deepEqual(filtered, expected);
  });

  test('assignee_ids narrows the overdue to-dos too, together with the due filter of the feed', async () => {
    const overdue = taskIds(await report('overdue_todos', {}), 'todos');
    const [person] = twoAssignees(overdue);
    const theirs = taskIds(await report('overdue_todos', { assignee_ids: [person] }), 'todos');
    assert.ok(theirs.length > 0 && theirs.length < overdue.length, `${theirs.length} of ${overdue.length}`);
    assert.deepEqual(
      theirs,
      overdue.filter((id) => assigneesOf(id).includes(person!)),
    );
    const dueLater = taskIds(
      await report('todos', { filter: 'open', due: 'with', assignee_ids: [person], limit: 100 }),
      'todos',
    );
    for (const id of dueLater) assert.ok(assigneesOf(id).includes(person!), `to-do ${id}`);
  });

  test('assignee_ids on cards counts the card’s own assignees, not its steps’', async () => {
    const open = taskIds(await report('cards', { filter: 'open', limit: 100 }), 'cards');
    const assigned = open.filter((id) => assigneesOf(id).length > 0);
    const person = assigneesOf(assigned[0]!)[0]!;
    // A card nobody is assigned to gets a step assigned to that person.
    const bare = open.find((id) => assigneesOf(id).length === 0)!;
    assert.ok(bare, 'the seed has an open card without assignees');
    await h.ok('bc_cards', 'add_step', { card_id: bare, title: 'Check the copy', assignee_ids: [person] });
    const theirs = taskIds(
      await report('cards', { filter: 'open', assignee_ids: [person], limit: 100 }),
      'cards',
    );
    assert.deepEqual(
      theirs,
      open.filter((id) => assigneesOf(id).includes(person)),
    );
    assert.ok(theirs.length > 0 && !theirs.includes(bare), `card ${bare} is assigned through a step only`);
  });

  test('creator_ids (people_ids[] on the wire) keeps the files those people uploaded', async () => {
    const files = (await report('files', { limit: 100 })).structured.items ?? [];
    const creatorOf = (file: Record<string, unknown>) => (file.creator as { id: number }).id;
    const creators = [...new Set(files.map(creatorOf))];
    assert.ok(creators.length >= 2, `the seed has files by several people: ${creators.join(', ')}`);
    for (const creator of creators) {
      const theirs = (await report('files', { creator_ids: [creator], limit: 100 })).structured.items ?? [];
      assert.deepEqual(
        theirs.map((file) => file.id),
        files.filter((file) => creatorOf(file) === creator).map((file) => file.id),
      );
    }
    const both = (await report('files', { creator_ids: creators, limit: 100 })).structured.items ?? [];
    assert.equal(both.length, files.length);
  });

  test('a filter naming someone with nothing assigned answers an empty list', async () => {
    const all = taskIds(await report('todos', { filter: 'open', limit: 100 }), 'todos');
    const assigned = new Set(all.flatMap(assigneesOf));
    const idle = [...h.env.sandbox.store.people.keys()].find((id) => !assigned.has(id));
    assert.ok(idle, 'the seed has someone with no open to-dos');
    const none = await report('todos', { filter: 'open', assignee_ids: [idle], limit: 100 });
    assert.deepEqual(taskIds(none, 'todos'), []);
  });
});
