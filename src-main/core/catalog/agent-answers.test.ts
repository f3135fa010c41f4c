// What an agent reads in a few answers, through the real MCP client against the sandbox: trash and archive
// name the item and say how it comes back, gone records say so, reminders carry the id the next call takes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { authHarness } from '../auth/auth-test-support.ts';
import { startMcpServer } from '../mcp/server.ts';
import { startMcpHarness, type McpHarness } from './mcp-harness.ts';

describe('trash and archive answers', () => {
  let h: McpHarness;

  before(async () => {
    h = await startMcpHarness();
  });
  after(() => h.close());

  test('trashing a project: the question and the answer give its name and id, and the way back', async () => {
    const created = await h.ok('bc_projects', 'create', { name: 'Autumn fair' });
    const projectId = created.structured.id as number;
    const refused = await h.call('bc_projects', { action: 'trash', params: { project_id: projectId } });
    assert.equal(refused.isError, true);
    assert.match(refused.text, new RegExp(`^Trash a project: “Autumn fair” \\(id ${projectId}\\)\\.`));
    assert.match(refused.text, /confirm: true\. Nothing was changed\./);
    assert.equal(h.env.sandbox.store.projects.get(projectId)?.status, 'active');

    const done = await h.ok('bc_projects', 'trash', { project_id: projectId, confirm: true });
    assert.match(done.text, new RegExp(`^Done — Trash a project: “Autumn fair” \\(id ${projectId}\\)\\.`));
    assert.match(done.text, /restored from the trash for 30 days/);
    assert.equal(h.env.sandbox.store.projects.get(projectId)?.status, 'trashed');
  });

  test('archiving a project says it can be restored', async () => {
    const created = await h.ok('bc_projects', 'create', { name: 'Winter market' });
    const projectId = created.structured.id as number;
    const done = await h.ok('bc_projects', 'archive', { project_id: projectId, confirm: true });
    assert.match(
      done.text,
      new RegExp(`^Done — Archive a project: “Winter market” \\(id ${projectId}\\)\\. It can be restored`),
    );
  });

  test('trashing any item names it by id when no single read names it, and says how it comes back', async () => {
    const todos = await h.ok('bc_recordings', 'list', { type: 'Todo', limit: 1 });
    const todoId = todos.structured.items![0]!.id as number;
    const refused = await h.call('bc_recordings', { action: 'trash', params: { recording_id: todoId } });
    assert.match(refused.text, new RegExp(`^Trash an item: item ${todoId}\\. This moves it to the trash`));
    const done = await h.ok('bc_recordings', 'trash', { recording_id: todoId, confirm: true });
    assert.match(
      done.text,
      new RegExp(`^Done — Trash an item: item ${todoId}\\. It can be restored from the trash for 30 days\\.`),
    );
    await h.ok('bc_recordings', 'restore', { recording_id: todoId });
  });
});

describe('trashed and archived records say so in their text', () => {
  let h: McpHarness;

  before(async () => {
    h = await startMcpHarness();
  });
  after(() => h.close());

  test('a trashed to-do reads as trashed, and reads as before once restored', async () => {
    const todos = await h.ok('bc_recordings', 'list', { type: 'Todo', limit: 1 });
    const todoId = todos.structured.items![0]!.id as number;
    const live = await h.ok('bc_todos', 'get', { todo_id: todoId });
    assert.doesNotMatch(live.text.split('\n')[1]!, /trashed/);
    await h.ok('bc_recordings', 'trash', { recording_id: todoId, confirm: true });
    const trashed = await h.ok('bc_todos', 'get', { todo_id: todoId });
    assert.equal(trashed.structured.status, 'trashed');
    assert.match(trashed.text.split('\n')[1]!, /^trashed · (open|done)/);
    await h.ok('bc_recordings', 'restore', { recording_id: todoId });
    assert.doesNotMatch((await h.ok('bc_todos', 'get', { todo_id: todoId })).text, /trashed/);
  });

  test('an archived message says archived once, in the get and in a list line', async () => {
    const messages = await h.ok('bc_recordings', 'list', { type: 'Message', limit: 1 });
    const messageId = messages.structured.items![0]!.id as number;
    await h.ok('bc_recordings', 'archive', { recording_id: messageId, confirm: true });
    const read = await h.ok('bc_messages', 'get', { message_id: messageId });
    assert.match(read.text.split('\n')[1]!, /^archived · /);
    const listed = await h.ok('bc_recordings', 'list', { type: 'Message', status: 'archived' });
    const line = listed.text.split('\n').find((l) => l.includes(`id ${messageId}`))!;
    assert.equal(line.match(/archived/g)?.length, 1, line);
  });

  test('an archived project says archived once', async () => {
    const created = await h.ok('bc_projects', 'create', { name: 'Old fair' });
    await h.ok('bc_projects', 'archive', { project_id: created.structured.id, confirm: true });
    const read = await h.ok('bc_projects', 'get', { project_id: created.structured.id });
    assert.equal(read.text.split('\n')[1]!.match(/archived/g)?.length, 1, read.text);
  });
});

describe('check-in reminders', () => {
  let h: McpHarness;

  before(async () => {
    h = await startMcpHarness();
  });
  after(() => h.close());

  test('each reminder line carries the question_id that create_answer takes, and answering with it works', async () => {
    const reminders = await h.ok('bc_checkins', 'reminders');
    const first = reminders.structured.items![0]!;
    const questionId = (first.question as { id: number }).id;
    const line = reminders.text.split('\n').find((l) => l.startsWith('- '))!;
    const shown = /question_id (\d+)/.exec(line);
    assert.ok(shown, line);
    assert.equal(Number(shown[1]), questionId);
    const answered = await h.call('bc_checkins', {
      action: 'create_answer',
      params: { question_id: Number(shown[1]), content: 'Shipped the hero images.' },
    });
    assert.equal(answered.isError, false, answered.text);
  });
});

describe('the read-only refusal names the way out that applies', () => {
  for (const [source, wayOut, not] of [
    ['flag', /restart it without --read-only/, /settings/],
    ['settings', /turn read-only mode off in the companion's settings/, /--read-only/],
  ] as const) {
    test(`read-only from ${source}`, async () => {
      const h = await startMcpHarness({ readOnly: true, readOnlySource: source });
      try {
        const refused = await h.call('bc_todos', {
          action: 'create',
          params: { todolist_id: 1, content: 'x' },
        });
        assert.equal(refused.isError, true);
        assert.match(refused.text, /read-only mode, so "[^"]+" is not available/);
        assert.match(refused.text, wayOut);
        assert.doesNotMatch(refused.text, not);
      } finally {
        await h.close();
      }
    });
  }
});

describe('several accounts and none chosen', () => {
  let h: McpHarness;

  before(async () => {
    h = await startMcpHarness({ bc3Accounts: 2, noDefaultAccount: true });
  });
  after(() => h.close());

  test('bc_whoami answers with every account and its id, and says to pass account', async () => {
    const [first, second] = h.env.sandbox.accounts;
    const who = await h.call('bc_whoami', {});
    assert.equal(who.isError, false, who.text);
    assert.match(who.text, /none is chosen/);
    for (const account of [first!, second!])
      assert.match(who.text, new RegExp(`\\(account ${account.id}\\)`));
    assert.match(who.text, new RegExp(`Pass \`account\`.*"account": ${first!.id}`));
    const listed = who.structured.accounts as { id: number }[];
    assert.deepEqual(
      listed.map((a) => a.id),
      [first!.id, second!.id],
    );
    const there = await h.call('bc_whoami', { account: second!.id });
    assert.equal(there.isError, false, there.text);
    assert.match(there.text, /^You are \*\*/);
  });

  test('a data tool asks for the account without telling the user to sign in again', async () => {
    const refused = await h.call('bc_list_projects', {});
    assert.equal(refused.isError, true);
    assert.match(refused.text, /several Basecamp accounts .* none is chosen: pass the account ID/);
    assert.doesNotMatch(refused.text, /Sign in again/);
    const named = await h.call('bc_list_projects', { account: h.env.sandbox.accounts[0]!.id });
    assert.equal(named.isError, false, named.text);
  });
});

test('signed out: a tool call says how to sign in once', async (t) => {
  // The app's wiring: the account comes from the real Auth, which has never signed in here.
  const signedOut = await authHarness();
  t.after(() => signedOut.close());
  const server = await startMcpServer({
    port: 0,
    context: {
      clientFor: async (accountId) => {
        signedOut.auth.resolveAccount(accountId);
        throw new Error('resolveAccount should have refused');
      },
      accounts: () => signedOut.auth.status().accounts,
      readOnly: false,
      disabledDomains: [],
    },
    verifyClientToken: (token) =>
      token === 'signed-out-test-token-0a1b2c3d' ? { name: 't', kind: 'test' } : undefined,
  });
  t.after(() => server.close());
  const client = new Client({ name: 'signed-out-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: { headers: { Authorization: 'Bearer signed-out-test-token-0a1b2c3d' } },
    }),
  );
  t.after(() => client.close());
  const result = await client.callTool({ name: 'bc_whoami', arguments: {} });
  const text = (result.content as { text: string }[]).map((part) => part.text).join('\n');
  assert.equal(result.isError, true);
  assert.match(text, /^Not signed in\./);
  // A `serve --dashboard` run has a window but no tray: name both, in plain words.
  assert.match(
    text,
    /Sign in from Basecamp Companion \(its window or tray menu\), or run basecamp-companion login\./,
  );
  assert.doesNotMatch(text, /`/);
  assert.equal(text.match(/sign in/gi)?.length, 1, text);
});

describe('invalid params are named as the agent called them, one fault per param', () => {
  let h: McpHarness;

  before(async () => {
    h = await startMcpHarness();
  });
  after(() => h.close());

  test('the direct tool and the domain tool action are named, never the operation id', async () => {
    const direct = await h.call('bc_search', { query: '' });
    assert.equal(direct.isError, true);
    assert.match(direct.text, /^Invalid parameters for bc_search: query: must not be empty\./);
    const viaDomain = await h.call('bc_account', { action: 'search', params: { query: '' } });
    assert.match(viaDomain.text, /^Invalid parameters for bc_account search: query: /);
    assert.doesNotMatch(direct.text + viaDomain.text, /account\.search/);
  });

  for (const [due, fault] of [
    ['2026-02-30', 'must be a real calendar date'],
    ['next friday', 'must be a date like 2026-12-31'],
  ] as const) {
    test(`a bad date (${due}) gets one message`, async () => {
      const before = h.env.requests();
      const answer = await h.call('bc_todos', {
        action: 'create',
        params: { todolist_id: 1, content: 'Book the venue', due_on: due },
      });
      assert.equal(answer.isError, true);
      assert.equal(answer.text.match(/due_on:/g)?.length, 1, answer.text);
      assert.match(answer.text, new RegExp(`due_on: ${fault}\\.`));
      assert.equal(h.env.requests(), before, 'nothing reached Basecamp');
    });
  }
});

describe('a draft points at the way to publish it, never at creating it again', () => {
  let h: McpHarness;
  let projectId: number;
  let vaultId: number;

  before(async () => {
    h = await startMcpHarness();
    const projects = await h.ok('bc_projects', 'list');
    projectId = projects.structured.items!.find((p) => String(p.title).startsWith('Harbor'))!.id as number;
    const project = await h.ok('bc_projects', 'get', { project_id: projectId });
    vaultId = (project.structured.dock as { name: string; id: number }[]).find((t) => t.name === 'vault')!.id;
  });
  after(() => h.close());

  test('a draft message names bc_messages publish with its id; following it publishes that draft, no copy', async () => {
    const subject = 'Dock opening times';
    const draft = await h.ok('bc_messages', 'create', { project_id: projectId, subject });
    const draftId = draft.structured.id as number;
    assert.equal(draft.structured.status, 'drafted');
    assert.doesNotMatch(draft.text, /call again with publish/);
    const hint = new RegExp(`call bc_messages (\\w+) with message_id: ${draftId}\\b`).exec(draft.text);
    assert.ok(hint, draft.text);

    const published = await h.ok('bc_messages', hint[1]!, { message_id: draftId });
    assert.match(published.text, /^Done — Publish a draft message\./);
    const read = await h.ok('bc_messages', 'get', { message_id: draftId });
    assert.equal(read.structured.status, 'active');
    const copies = h.env.sandbox.store.where((r) => r.type === 'Message' && r.title === subject);
    assert.equal(copies.length, 1, 'one message, published');
    const drafts = await h.ok('bc_my', 'drafts');
    assert.ok(!drafts.structured.items!.some((d) => d.id === draftId), 'no longer a draft');
  });

  test('publish takes only a draft: a published or trashed message is refused and left as it was', async () => {
    const live = await h.ok('bc_messages', 'create', {
      project_id: projectId,
      subject: 'Live',
      publish: true,
    });
    const gone = await h.ok('bc_messages', 'create', { project_id: projectId, subject: 'Gone' });
    await h.ok('bc_recordings', 'trash', { recording_id: gone.structured.id, confirm: true });
    for (const [message, status] of [
      [live, 'active'],
      [gone, 'trashed'],
    ] as const) {
      const id = message.structured.id as number;
      const answer = await h.call('bc_messages', { action: 'publish', params: { message_id: id } });
      assert.equal(answer.isError, true, answer.text);
      assert.match(answer.text, new RegExp(`message ${id} is not a draft \\(it is ${status}\\)`));
      assert.match(answer.text, /Nothing was changed/);
      const read = await h.ok('bc_messages', 'get', { message_id: id });
      assert.equal(read.structured.status, status);
    }
  });

  test('a draft document says a person publishes it in Basecamp (the API cannot)', async () => {
    const draft = await h.ok('bc_files', 'create_document', { vault_id: vaultId, title: 'Berth rules' });
    assert.equal(draft.structured.status, 'drafted');
    assert.match(draft.text, /a person publishes it in Basecamp/);
    assert.doesNotMatch(draft.text, /publish: true/);
  });
});

describe('overdue to-dos say so (today is the harness day, 2026-12-03)', () => {
  let h: McpHarness;
  let listId: number;
  const made: Record<string, number> = {};

  before(async () => {
    h = await startMcpHarness();
    const me = (await h.call('bc_whoami', {})).structured.person as { id: number };
    listId = h.env.sandbox.store.where((r) => r.type === 'Todolist' && r.status === 'active')[0]!.id;
    for (const [name, due] of [
      ['Late invoice', '2026-11-27'],
      ['Due today', '2026-12-03'],
      ['Done late', '2026-11-20'],
    ] as const) {
      const created = await h.ok('bc_todos', 'create', {
        todolist_id: listId,
        content: name,
        due_on: due,
        assignee_ids: [me.id],
      });
      made[name] = created.structured.id as number;
    }
    await h.ok('bc_todos', 'complete', { todo_id: made['Done late'] });
  });
  after(() => h.close());

  const lineOf = (text: string, id: number) => text.split('\n').find((l) => l.includes(`id ${id}`)) ?? '';

  test('a to-do list marks an open to-do due before today, not one due today or a completed one', async () => {
    const open = await h.ok('bc_todos', 'list', { todolist_id: listId, limit: 200 });
    assert.match(lineOf(open.text, made['Late invoice']!), /due 2026-11-27 \(overdue\)/);
    assert.match(lineOf(open.text, made['Due today']!), /due 2026-12-03(?! \(overdue\))/);
    const done = await h.ok('bc_todos', 'list', { todolist_id: listId, completed: true, limit: 200 });
    const doneLine = lineOf(done.text, made['Done late']!);
    assert.match(doneLine, /due 2026-11-20/);
    assert.doesNotMatch(doneLine, /overdue/);
  });

  test('bc_my_assignments marks it too', async () => {
    const mine = await h.call('bc_my_assignments', {});
    assert.equal(mine.isError, false, mine.text);
    assert.match(lineOf(mine.text, made['Late invoice']!), /due 2026-11-27 \(overdue\)/);
    assert.doesNotMatch(lineOf(mine.text, made['Due today']!), /overdue/);
  });
});

test('Markdown lists read back as `- item` and `1. item`, nested ones indented under their item', async (t) => {
  const h = await startMcpHarness();
  t.after(() => h.close());
  const projects = await h.ok('bc_projects', 'list');
  const projectId = projects.structured.items![0]!.id as number;
  const content = 'Before the fair:\n\n- tents\n- tables\n  - folding ones\n\n1. book\n2. pay';
  const created = await h.ok('bc_messages', 'create', { project_id: projectId, subject: 'Lists', content });
  const read = await h.ok('bc_messages', 'get', { message_id: created.structured.id });
  assert.match(read.text, /^- tents\n- tables\n {2}- folding ones$/m);
  assert.match(read.text, /^1\. book\n2\. pay$/m);
  assert.doesNotMatch(read.text, /^\s*(-|\d+\.) {2,}\S/m);
});

test('a comment list on a to-do says "to-do" in its header, as everything else does', async (t) => {
  const h = await startMcpHarness();
  t.after(() => h.close());
  const todos = await h.ok('bc_recordings', 'list', { type: 'Todo', limit: 1 });
  const todo = todos.structured.items![0]!;
  for (const content of ['First', 'Second'])
    await h.ok('bc_comments', 'create', { recording_id: todo.id, content });
  const listed = await h.ok('bc_comments', 'list', { recording_id: todo.id });
  const header = listed.text.split('\n')[0]!;
  assert.match(header, new RegExp(`comments in to-do “[^”]+” \\(id ${String(todo.id)}\\)`));
  assert.doesNotMatch(header, /\btodo\b/);
});
