// The tool layer against the real sandbox Basecamp and the real HTTP client: what an agent sees
// for each foundation action, and that bad input, read-only mode and unconfirmed deletes never
// reach Basecamp.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { defineOperation, type BasecampRecord } from './operation.ts';
import { executeOperation } from './executor.ts';
import { id } from './params.ts';
import { startSandboxContext, type SandboxContext } from './test-context.ts';
import { buildTools, type ToolCallAnswer, type ToolDefinition } from './tools.ts';

type Structured = Record<string, unknown> & { items?: BasecampRecord[] };

describe('foundation actions on the sandbox', () => {
  let env: SandboxContext;
  let tools: ToolDefinition[];
  let project: BasecampRecord;
  let dock: { name: string; id: number }[];

  const call = async (name: string, args: unknown): Promise<ToolCallAnswer & { structured: Structured }> => {
    const tool = tools.find((candidate) => candidate.name === name);
    assert.ok(tool, `no tool ${name}`);
    const answer = await tool.call(args);
    return answer as ToolCallAnswer & { structured: Structured };
  };
  const ok = async (name: string, args: unknown) => {
    const answer = await call(name, args);
    assert.notEqual(answer.isError, true, answer.text);
    return answer;
  };
  const dockId = (name: string) => dock.find((tool) => tool.name === name)!.id;

  before(async () => {
    env = await startSandboxContext();
    tools = buildTools(env.ctx);
    const projects = await ok('bc_list_projects', {});
    project = projects.structured.items![0]!;
    const detail = await ok('bc_get_project', { project_id: project.id });
    dock = detail.structured.dock as { name: string; id: number }[];
  });
  after(() => env.close());

  test('whoami names the person and the accounts', async () => {
    const answer = await ok('bc_whoami', {});
    const me = answer.structured.person as BasecampRecord;
    assert.equal(typeof me.id, 'number');
    assert.match(answer.text, new RegExp(String(me.name)));
    assert.deepEqual(
      (answer.structured.accounts as { id: number }[]).map((a) => a.id),
      env.sandbox.accounts.map((a) => a.id),
    );
  });

  test('a project answer carries its dock with tool ids', async () => {
    const answer = await ok('bc_get_project', { project_id: project.id });
    assert.match(answer.text, /Tools in this project \(dock\)/);
    assert.ok(dock.some((tool) => tool.name === 'todoset'));
    assert.match(answer.text, new RegExp(`todoset id ${dockId('todoset')}`));
  });

  test('project_id stands in for a dock id: the executor looks the tool up in the dock', async () => {
    const byProject = await ok('bc_todos', { action: 'lists', params: { project_id: project.id } });
    const byTodoset = await ok('bc_todos', { action: 'lists', params: { todoset_id: dockId('todoset') } });
    assert.deepEqual(
      byProject.structured.items!.map((item) => item.id),
      byTodoset.structured.items!.map((item) => item.id),
    );
    const lines = await ok('bc_campfires', { action: 'lines', params: { project_id: project.id, limit: 3 } });
    assert.ok(Array.isArray(lines.structured.items));
    const neither = await call('bc_messages', { action: 'list', params: {} });
    assert.equal(neither.isError, true);
    assert.match(neither.text, /board_id: is required \(or pass project_id/);
  });

  test('lists page with limit and cursor, say total and has_more, and never cut silently', async () => {
    const first = await ok('bc_list_projects', { limit: 1 });
    const total = first.structured.total as number;
    assert.ok(total >= 2, 'the seed has several projects');
    assert.equal(first.structured.items!.length, 1);
    assert.equal(first.structured.has_more, true);
    assert.equal(typeof first.structured.next_cursor, 'string');
    assert.match(first.text, /More projects exist: call again with cursor/);

    const seen = new Set<unknown>(first.structured.items!.map((item) => item.id));
    let cursor = first.structured.next_cursor as string | undefined;
    while (cursor) {
      const next = await ok('bc_list_projects', { limit: 1, cursor });
      for (const item of next.structured.items!) seen.add(item.id);
      cursor = next.structured.next_cursor as string | undefined;
      assert.equal(next.structured.has_more, cursor !== undefined);
    }
    assert.equal(seen.size, total);
  });

  test('to-do lifecycle: create with Markdown, read, complete, reopen, update keeps assignees', async () => {
    const lists = await ok('bc_todos', { action: 'lists', params: { todoset_id: dockId('todoset') } });
    const listId = lists.structured.items![0]!.id;
    const me = (await ok('bc_whoami', {})).structured.person as BasecampRecord;

    const created = await ok('bc_todos', {
      action: 'create',
      params: {
        todolist_id: listId,
        content: 'Write the release notes',
        description: 'Include **breaking changes** and [the changelog](https://example.com/changelog)',
        assignee_ids: [me.id],
        due_on: '2026-12-24',
      },
    });
    const todoId = created.structured.id as number;
    assert.match(created.text, /Write the release notes/);

    // Stored as Basecamp HTML, shown back as Markdown.
    const client = await env.ctx.clientFor();
    const stored = await client.request<BasecampRecord>({ method: 'GET', path: `/todos/${todoId}.json` });
    assert.match(String(stored.data.description), /<strong>breaking changes<\/strong>/);
    const read = await ok('bc_todos', { action: 'get', params: { todo_id: todoId } });
    assert.match(read.text, /\*\*breaking changes\*\*/);
    assert.match(read.text, /\[the changelog\]\(https:\/\/example\.com\/changelog\)/);

    const done = await ok('bc_todos', { action: 'complete', params: { todo_id: todoId } });
    assert.equal(done.structured.completed, true);
    const reopened = await ok('bc_todos', { action: 'uncomplete', params: { todo_id: todoId } });
    assert.equal(reopened.structured.completed, false);

    const updated = await ok('bc_todos', {
      action: 'update',
      params: { todo_id: todoId, content: 'Write and post the release notes' },
    });
    assert.equal(updated.structured.content, 'Write and post the release notes');
    // The PUT replaces the whole to-do: the executor sent the current assignees and due date back.
    assert.deepEqual(
      (updated.structured.assignees as BasecampRecord[]).map((p) => p.id),
      [me.id],
    );
    assert.equal(updated.structured.due_on, '2026-12-24');

    const listed = await ok('bc_todos', { action: 'list', params: { todolist_id: listId, limit: 100 } });
    assert.ok(listed.structured.items!.some((item) => item.id === todoId));
  });

  test('comments: add one in Markdown and list it', async () => {
    const lists = await ok('bc_todos', { action: 'lists', params: { todoset_id: dockId('todoset') } });
    const todos = await ok('bc_todos', {
      action: 'list',
      params: { todolist_id: lists.structured.items![0]!.id },
    });
    const todoId = todos.structured.items![0]!.id;
    const added = await ok('bc_comments', {
      action: 'create',
      params: { recording_id: todoId, content: 'Looks _good_ to me' },
    });
    const listed = await ok('bc_comments', { action: 'list', params: { recording_id: todoId } });
    assert.ok(listed.structured.items!.some((item) => item.id === added.structured.id));
    assert.match(added.text, /Looks _good_ to me/);
  });

  test('a <@person_id> mention becomes a Basecamp mention; an unknown person is refused before posting', async () => {
    const me = (await ok('bc_whoami', {})).structured.person as BasecampRecord;
    const lists = await ok('bc_todos', { action: 'lists', params: { todoset_id: dockId('todoset') } });
    const todos = await ok('bc_todos', {
      action: 'list',
      params: { todolist_id: lists.structured.items![0]!.id },
    });
    const todoId = todos.structured.items![0]!.id;
    const added = await ok('bc_comments', {
      action: 'create',
      params: {
        recording_id: todoId,
        content: `Over to you <@${String(me.id)}>`,
      },
    });
    const client = await env.ctx.clientFor();
    const stored = await client.request<BasecampRecord>({
      method: 'GET',
      path: `/comments/${String(added.structured.id)}.json`,
    });
    assert.match(
      String(stored.data.content),
      new RegExp(
        `<bc-attachment sgid="${String(me.attachable_sgid)}" content-type="application/vnd.basecamp.mention">`,
      ),
    );

    const commentsBefore = await ok('bc_comments', {
      action: 'list',
      params: { recording_id: todoId, limit: 200 },
    });
    const refused = await call('bc_comments', {
      action: 'create',
      params: { recording_id: todoId, content: 'Hi <@999999999>' },
    });
    assert.equal(refused.isError, true);
    assert.match(refused.text, /No person with id 999999999/);
    const commentsAfter = await ok('bc_comments', {
      action: 'list',
      params: { recording_id: todoId, limit: 200 },
    });
    assert.equal(commentsAfter.structured.items!.length, commentsBefore.structured.items!.length);
  });

  test('messages are drafts unless publish is true, and publishing without subscriptions says who is notified', async () => {
    const board = dockId('message_board');
    const draft = await ok('bc_messages', {
      action: 'create',
      params: { board_id: board, subject: 'Proposal', content: '## Plan\n\n- one' },
    });
    assert.equal(draft.structured.status, 'drafted');
    assert.match(draft.text, /draft/i);
    const published = await ok('bc_messages', {
      action: 'create',
      params: { board_id: board, subject: 'Go', publish: true },
    });
    assert.equal(published.structured.status, 'active');
    assert.match(published.text, /everyone on the project was notified/);
    const read = await ok('bc_messages', { action: 'get', params: { message_id: draft.structured.id } });
    assert.match(read.text, /Plan/);
    const listed = await ok('bc_messages', { action: 'list', params: { board_id: board, limit: 50 } });
    assert.ok(listed.structured.items!.some((item) => item.id === published.structured.id));
  });

  test('Campfire: post a line and read it back; deleting needs confirm', async () => {
    const chat = dockId('chat');
    const posted = await ok('bc_campfires', {
      action: 'post',
      params: { chat_id: chat, content: 'Standup in **5**' },
    });
    const lines = await ok('bc_campfires', { action: 'lines', params: { chat_id: chat, limit: 5 } });
    assert.ok(lines.structured.items!.some((item) => item.id === posted.structured.id));

    const before = env.requests();
    const refused = await call('bc_campfires', {
      action: 'delete_line',
      params: { chat_id: chat, line_id: posted.structured.id },
    });
    assert.equal(refused.isError, true);
    assert.match(refused.text, /confirm: true/);
    assert.equal(env.requests(), before, 'nothing sent without confirm');
    await ok('bc_campfires', {
      action: 'delete_line',
      params: { chat_id: chat, line_id: posted.structured.id, confirm: true },
    });
    const after = await ok('bc_campfires', { action: 'lines', params: { chat_id: chat, limit: 50 } });
    assert.ok(!after.structured.items!.some((item) => item.id === posted.structured.id));
  });

  test('projects: create, update keeps the description, trash needs confirm', async () => {
    const created = await ok('bc_projects', {
      action: 'create',
      params: { name: 'Spring fair', description: 'Booths and volunteers' },
    });
    const projectId = created.structured.id;
    const renamed = await ok('bc_projects', {
      action: 'update',
      params: { project_id: projectId, name: 'Spring fair 2027' },
    });
    assert.equal(renamed.structured.name, 'Spring fair 2027');
    assert.equal(renamed.structured.description, 'Booths and volunteers');
    const refused = await call('bc_projects', { action: 'trash', params: { project_id: projectId } });
    assert.match(refused.text, /confirm: true/);
    await ok('bc_projects', { action: 'trash', params: { project_id: projectId, confirm: true } });
    const trashed = await ok('bc_projects', { action: 'get', params: { project_id: projectId } });
    assert.equal(trashed.structured.status, 'trashed');
  });

  test('to-do lists: create by project, read, rename keeps the description', async () => {
    const created = await ok('bc_todos', {
      action: 'create_list',
      params: { project_id: project.id, name: 'Launch prep', description: 'Everything for **launch day**' },
    });
    const listId = created.structured.id;
    const renamed = await ok('bc_todos', {
      action: 'update_list',
      params: { todolist_id: listId, name: 'Launch prep (final)' },
    });
    assert.equal(renamed.structured.name, 'Launch prep (final)');
    const read = await ok('bc_todos', { action: 'get_list', params: { todolist_id: listId } });
    assert.match(read.text, /\*\*launch day\*\*/);
    const set = await ok('bc_todos', { action: 'todoset', params: { project_id: project.id } });
    assert.equal(set.structured.id, dockId('todoset'));
  });

  test('people, message edits and pins, comment edits, Campfire reads', async () => {
    const people = await ok('bc_people', { action: 'list', params: {} });
    const me = (await ok('bc_whoami', {})).structured.person as BasecampRecord;
    assert.ok(people.structured.items!.some((person) => person.id === me.id && person.title === me.name));
    const person = await ok('bc_people', { action: 'get', params: { person_id: me.id } });
    assert.match(person.text, new RegExp(String(me.name)));

    const messages = await ok('bc_messages', { action: 'list', params: { project_id: project.id } });
    const messageId = messages.structured.items![0]!.id;
    const edited = await ok('bc_messages', {
      action: 'update',
      params: { message_id: messageId, subject: 'Beta build notes' },
    });
    assert.equal(edited.structured.subject, 'Beta build notes');
    await ok('bc_messages', { action: 'pin', params: { message_id: messageId } });
    await ok('bc_messages', { action: 'unpin', params: { message_id: messageId } });

    const comment = await ok('bc_comments', {
      action: 'create',
      params: { recording_id: messageId, content: 'First draft' },
    });
    const updated = await ok('bc_comments', {
      action: 'update',
      params: { comment_id: comment.structured.id, content: 'Second draft' },
    });
    assert.match(updated.text, /Second draft/);
    const read = await ok('bc_comments', { action: 'get', params: { comment_id: comment.structured.id } });
    assert.match(read.text, /Second draft/);

    const chat = await ok('bc_campfires', { action: 'get', params: { project_id: project.id } });
    assert.equal(chat.structured.id, dockId('chat'));
    const posted = await ok('bc_campfires', {
      action: 'post',
      params: { project_id: project.id, content: 'Ping' },
    });
    const line = await ok('bc_campfires', {
      action: 'line',
      params: { chat_id: chat.structured.id, line_id: posted.structured.id },
    });
    assert.match(line.text, /Ping/);
  });

  test('search finds seeded items and pages', async () => {
    const answer = await ok('bc_search', { query: 'launch', limit: 2 });
    assert.ok(answer.structured.items!.length > 0);
    assert.equal(typeof answer.structured.has_more, 'boolean');
  });

  test('a pasted Basecamp link resolves to its record', async () => {
    const answer = await ok('bc_resolve_url', { url: String(project.app_url) });
    assert.equal(answer.structured.projectId ?? answer.structured.recordId, project.id);
    const bad = await call('bc_resolve_url', { url: 'https://example.com/not/basecamp' });
    assert.equal(bad.isError, true);
  });

  test('bad input never reaches Basecamp and says what is wrong', async () => {
    const before = env.requests();
    const cases: [string, unknown, RegExp][] = [
      ['bc_get_project', { project_id: -4 }, /project_id: must be a positive Basecamp id/],
      ['bc_get_project', { project_id: 'abc' }, /project_id/],
      ['bc_get_project', {}, /project_id: is required/],
      ['bc_list_projects', { limit: -1 }, /limit: must be at least 1/],
      ['bc_list_projects', { status: 'deleted' }, /status: must be one of archived, trashed/],
      [
        'bc_todos',
        { action: 'create', params: { todolist_id: 1, content: 'x'.repeat(5000) } },
        /content: must be at most 1000 characters/,
      ],
      [
        'bc_todos',
        { action: 'create', params: { todolist_id: 1, content: 'ok', due_on: '2026-02-31x' } },
        /due_on/,
      ],
      [
        'bc_comments',
        { action: 'create', params: { recording_id: 1, content: 'hi', colour: 'red' } },
        /unknown parameter colour/,
      ],
      ['bc_todos', { action: 'get', params: { todo_id: 0 } }, /todo_id/],
      ['bc_get_project', { project_id: 1, account: 999 }, /Account 999 is not one you are signed in to/],
    ];
    for (const [name, args, expected] of cases) {
      const answer = await call(name, args);
      assert.equal(answer.isError, true, `${name} ${JSON.stringify(args)}`);
      assert.match(answer.text, expected);
    }
    assert.equal(env.requests(), before, 'no request reached the sandbox');
  });

  test('Basecamp errors come back as isError with the sentence', async () => {
    const answer = await call('bc_get_project', { project_id: 999_999_999 });
    assert.equal(answer.isError, true);
    assert.match(answer.text, /Not found or no access/);
    assert.equal((answer.structured.error as { code: string }).code, 'not_found');
  });

  test('a write Basecamp answers OK but ignores is reported, not passed off as done', async () => {
    // Basecamp ignores fields a PUT does not accept and still answers 200 (basecamp-cli #724 is this class of bug).
    const ignored = defineOperation({
      id: 'todos.mark_done_by_put',
      domain: 'todos',
      action: 'mark_done_by_put',
      title: 'Mark done through a PUT',
      summary: 'Test-only entry: sends a field the to-do PUT does not accept.',
      method: 'PUT',
      path: '/todos/{todo_id}.json',
      params: z.object({
        todo_id: id('The to-do id'),
        completed: z.boolean().describe('Ignored by Basecamp'),
      }),
      kind: 'write',
      replace: { path: '/todos/{todo_id}.json', writable: (todo) => ({ content: todo.content }) },
    });
    const lists = await ok('bc_todos', { action: 'lists', params: { todoset_id: dockId('todoset') } });
    const todos = await ok('bc_todos', {
      action: 'list',
      params: { todolist_id: lists.structured.items![0]!.id },
    });
    const open = todos.structured.items!.find((item) => item.completed === false)!;
    const answer = await executeOperation(ignored, { todo_id: open.id, completed: true }, env.ctx);
    assert.equal(answer.isError, true);
    assert.match(answer.text, /did not change completed/);
  });
});

describe('read-only mode on the sandbox', () => {
  let env: SandboxContext;
  before(async () => {
    env = await startSandboxContext({ readOnly: true });
  });
  after(() => env.close());

  test('reads work, writes are refused before any request', async () => {
    const tools = buildTools(env.ctx);
    const projects = await tools.find((tool) => tool.name === 'bc_list_projects')!.call({});
    assert.notEqual(projects.isError, true);
    const before = env.requests();
    const comments = tools.find((tool) => tool.name === 'bc_comments')!;
    const refused = await comments.call({ action: 'create', params: { recording_id: 1, content: 'hello' } });
    assert.equal(refused.isError, true);
    assert.match(refused.text, /read-only mode/);
    assert.equal(env.requests(), before);
  });
});

describe('two accounts on the sandbox', () => {
  let env: SandboxContext;
  before(async () => {
    env = await startSandboxContext({ bc3Accounts: 2 });
  });
  after(() => env.close());

  test('account picks which Basecamp a call goes to', async () => {
    const tools = buildTools(env.ctx);
    const list = tools.find((tool) => tool.name === 'bc_list_projects')!;
    const [first, second] = env.sandbox.accounts;
    assert.ok(first && second);
    const mine = await list.call({});
    const theirs = await list.call({ account: second.id });
    assert.notEqual(theirs.isError, true, theirs.text);
    const ids = (answer: ToolCallAnswer) =>
      ((answer.structured as Structured).items ?? []).map((item) => item.id);
    assert.ok(ids(theirs).length > 0);
    assert.ok(
      !ids(theirs).some((value) => ids(mine).includes(value)),
      'different accounts, different projects',
    );
    assert.equal(env.sandbox.counters.byAccount.get(second.id) ?? 0, 1);

    const whoami = await tools.find((tool) => tool.name === 'bc_whoami')!.call({});
    assert.match(whoami.text, /Pass `account`/);
  });
});
