import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from './server.ts';

const UA = 'Sandbox tests (tests@example.com)';

type Json = Record<string, unknown> & { id: number };

describe('sandbox bc3 API', () => {
  let sandbox: Sandbox;
  let token: string;
  let base: string;

  const call = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers({
      Authorization: `Bearer ${token}`,
      'User-Agent': UA,
      ...Object.fromEntries(new Headers(init.headers)),
    });
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('Content-Type', 'application/json; charset=utf-8');
      body = JSON.stringify(init.json);
    }
    return fetch(path.startsWith('http') ? path : `${base}${path}`, { ...init, headers, body });
  };
  const get = async <T = Json>(path: string): Promise<T> => {
    const response = await call(path);
    assert.equal(response.status, 200, `GET ${path}`);
    return (await response.json()) as T;
  };
  const nextLink = (response: Response) =>
    /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;

  /** Follow `Link: rel="next"` to the end; returns every item and each page's size. */
  const all = async (path: string) => {
    const sizes: number[] = [];
    const items: Json[] = [];
    let url: string | null = path;
    let total: string | null = null;
    while (url) {
      const response = await call(url);
      assert.equal(response.status, 200);
      const page = (await response.json()) as Json[];
      sizes.push(page.length);
      items.push(...page);
      total = response.headers.get('x-total-count');
      url = nextLink(response);
    }
    return { items, sizes, total: Number(total) };
  };

  const project = async (prefix: string) => {
    const projects = await get<Json[]>('/projects.json');
    const found = projects.find((p) => String(p.name).startsWith(prefix));
    assert.ok(found, `project ${prefix}`);
    return found as Json & { dock: { name: string; id: number; url: string; enabled: boolean }[] };
  };
  const launchList = async () => {
    const harbor = await project('Harbor');
    const todoset = harbor.dock.find((d) => d.name === 'todoset')!;
    const lists = await get<Json[]>(`/buckets/${harbor.id}/todosets/${todoset.id}/todolists.json`);
    return { harbor, list: lists.find((l) => l.title === 'Launch checklist')! };
  };

  before(async () => {
    sandbox = await startSandbox({ today: '2026-03-10' });
    token = (await sandbox.issueTokens()).access_token;
    base = sandbox.accounts[0]!.href;
  });
  after(() => sandbox.close());

  test('geared pagination: 15, 30, then the rest, with X-Total-Count and exact totals', async () => {
    const { list } = await launchList();
    const open = await all(`/todolists/${list.id}/todos.json`);
    const completed = await all(`/todolists/${list.id}/todos.json?completed=true`);
    assert.ok(open.items.length >= 65, 'the long list spans several pages');
    assert.deepEqual(open.sizes, [15, 30, open.items.length - 45]);
    assert.equal(open.total, open.items.length);
    assert.equal(new Set(open.items.map((t) => t.id)).size, open.items.length, 'no item twice');
    assert.ok(open.items.every((t) => t.completed === false));
    assert.ok(completed.items.length > 0 && completed.items.every((t) => t.completed === true));
    assert.equal(
      String(list.completed_ratio),
      `${completed.items.length}/${open.items.length + completed.items.length}`,
    );
    const first = await call(`/todolists/${list.id}/todos.json?completed=false`);
    assert.match(nextLink(first)!, /completed=false&page=2$/, 'the next link keeps the query');
  });

  test('page 4 and on hold 100 items', async () => {
    const { list } = await launchList();
    for (let i = 0; i < 130; i++)
      sandbox.store.add({
        type: 'Todo',
        bucketId: list.id === 0 ? 0 : sandbox.store.get(list.id)!.bucketId,
        parentId: list.id,
        creatorId: sandbox.store.meId,
        title: `Extra ${i}`,
        fields: { content: `Extra ${i}`, completed: false },
      });
    const open = await all(`/todolists/${list.id}/todos.json`);
    assert.deepEqual(open.sizes.slice(0, 4), [15, 30, 50, 100]);
    assert.equal(
      open.sizes.reduce((a, b) => a + b, 0),
      open.total,
    );
    for (const todo of sandbox.store.children(list.id, 'Todo'))
      if (todo.title.startsWith('Extra ')) sandbox.store.update(todo.id, { status: 'trashed' });
  });

  test('ETag and Last-Modified: 304 while unchanged, 200 with a new ETag after a write', async () => {
    const { list } = await launchList();
    const path = `/todolists/${list.id}.json`;
    const first = await call(path);
    const etag = first.headers.get('etag');
    const lastModified = first.headers.get('last-modified');
    assert.ok(etag && lastModified);
    const cached = await call(path, { headers: { 'If-None-Match': etag } });
    assert.equal(cached.status, 304);
    assert.equal(await cached.text(), '');
    assert.equal((await call(path, { headers: { 'If-Modified-Since': lastModified } })).status, 304);

    await call(`/todolists/${list.id}/todos.json`, { method: 'POST', json: { content: 'Cache buster' } });
    const changed = await call(path, { headers: { 'If-None-Match': etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
  });

  test('400 without User-Agent, 401 without a token or with an unknown one', async () => {
    // fetch() always sends its own User-Agent, so this one request goes through node:http.
    const noAgent = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${base}/projects.json`,
        { headers: { Authorization: `Bearer ${token}` } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(noAgent.status, 400);
    assert.match(noAgent.body, /User-Agent/);
    const noToken = await fetch(`${base}/projects.json`, { headers: { 'User-Agent': UA } });
    assert.equal(noToken.status, 401);
    assert.equal(noToken.headers.get('www-authenticate'), 'Bearer realm="Basecamp"');
    const unknown = await fetch(`${base}/projects.json`, {
      headers: { 'User-Agent': UA, Authorization: 'Bearer nope' },
    });
    assert.equal(unknown.status, 401);
  });

  test('415 for a JSON write without the JSON content type; 404 for unknown ids, routes and accounts', async () => {
    const { list } = await launchList();
    const plain = await call(`/todolists/${list.id}/todos.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ content: 'x' }),
    });
    assert.equal(plain.status, 415);
    assert.equal((await call('/todos/1.json')).status, 404);
    assert.equal((await call('/nothing/here.json')).status, 404);
    const otherAccount = await fetch(`${sandbox.url}/999/projects.json`, {
      headers: { Authorization: `Bearer ${token}`, 'User-Agent': UA },
    });
    assert.equal(otherAccount.status, 404);
    const invalid = await call(`/todolists/${list.id}/todos.json`, {
      method: 'POST',
      json: { content: '  ' },
    });
    assert.equal(invalid.status, 422);
  });

  test('flat and /buckets/{id}/ routes return the same body; the wrong bucket is a 404', async () => {
    const { harbor, list } = await launchList();
    const flat = await get(`/todolists/${list.id}.json`);
    const bucketed = await get(`/buckets/${harbor.id}/todolists/${list.id}.json`);
    assert.deepEqual(flat, bucketed);
    const mobile = await project('Trailhead');
    assert.equal((await call(`/buckets/${mobile.id}/todolists/${list.id}.json`)).status, 404);
    const viaUrl = await get(String(flat.url));
    assert.equal(viaUrl.id, list.id, 'url fields point back at the sandbox');
  });

  test('to-do writes: create, update (PUT replaces), complete, uncomplete, reposition, trash', async () => {
    const { list } = await launchList();
    const people = await get<Json[]>('/people.json');
    const created = await call(`/todolists/${list.id}/todos.json`, {
      method: 'POST',
      json: {
        content: 'Write launch tweet',
        description: '<div>Short and <strong>sweet</strong></div>',
        assignee_ids: [people[1]!.id],
        due_on: '2026-03-20',
      },
    });
    assert.equal(created.status, 201);
    const todo = (await created.json()) as Json & { assignees: Json[] };
    assert.equal(todo.content, 'Write launch tweet');
    assert.equal(todo.due_on, '2026-03-20');
    assert.deepEqual(
      todo.assignees.map((p) => p.id),
      [people[1]!.id],
    );
    assert.ok(String(todo.app_url).includes(`/todos/${todo.id}`));
    assert.equal((await get(`/todos/${todo.id}.json`)).content, 'Write launch tweet');

    const updated = await call(`/todos/${todo.id}.json`, {
      method: 'PUT',
      json: { content: 'Write the launch tweet' },
    });
    const afterPut = (await updated.json()) as Json & { assignees: Json[] };
    assert.equal(afterPut.content, 'Write the launch tweet');
    assert.deepEqual(afterPut.assignees, [], 'omitted assignee_ids clears them');
    assert.equal(afterPut.due_on, null);

    const complete = await call(`/todos/${todo.id}/completion.json`, { method: 'POST' });
    assert.equal(complete.status, 204);
    assert.equal(await complete.text(), '');
    const done = await get(`/todos/${todo.id}.json`);
    assert.equal(done.completed, true);
    assert.ok((done.completion as { creator: Json }).creator.id);
    const completedIds = (await all(`/todolists/${list.id}/todos.json?completed=true`)).items.map(
      (t) => t.id,
    );
    assert.ok(completedIds.includes(todo.id));
    assert.equal((await call(`/todos/${todo.id}/completion.json`, { method: 'DELETE' })).status, 204);
    assert.equal((await get(`/todos/${todo.id}.json`)).completed, false);

    assert.equal(
      (await call(`/todos/${todo.id}/position.json`, { method: 'PUT', json: { position: 1 } })).status,
      204,
    );
    assert.equal((await get<Json[]>(`/todolists/${list.id}/todos.json`))[0]!.id, todo.id);

    assert.equal((await call(`/recordings/${todo.id}/status/trashed.json`, { method: 'PUT' })).status, 204);
    assert.ok(!(await all(`/todolists/${list.id}/todos.json`)).items.some((t) => t.id === todo.id));
    assert.ok(
      (await all(`/todolists/${list.id}/todos.json?status=trashed`)).items.some((t) => t.id === todo.id),
    );
    assert.equal((await get(`/todos/${todo.id}.json`)).status, 'trashed');
  });

  test('projects have a full dock; messages, comments and Campfire lines can be read and written', async () => {
    const hq = await project('Juniper');
    assert.deepEqual(
      hq.dock.map((d) => d.name),
      ['message_board', 'todoset', 'vault', 'chat', 'schedule', 'questionnaire', 'inbox', 'kanban_board'],
    );
    const board = hq.dock.find((d) => d.name === 'message_board')!;
    const messages = await get<Json[]>(`/message_boards/${board.id}/messages.json`);
    assert.ok(messages.length >= 2);
    assert.match(String(messages[0]!.content), /<div>/);

    const draft = await call(`/message_boards/${board.id}/messages.json`, {
      method: 'POST',
      json: { subject: 'Draft only' },
    });
    assert.equal(((await draft.json()) as Json).status, 'drafted');
    const posted = await call(`/message_boards/${board.id}/messages.json`, {
      method: 'POST',
      json: { subject: 'Hello', content: '<div>Hi all</div>', status: 'active' },
    });
    const message = (await posted.json()) as Json;
    const subjects = (await get<Json[]>(`/message_boards/${board.id}/messages.json`)).map((m) => m.subject);
    assert.ok(subjects.includes('Hello') && !subjects.includes('Draft only'));

    const comment = await call(`/recordings/${message.id}/comments.json`, {
      method: 'POST',
      json: { content: '<div>Welcome!</div>' },
    });
    assert.equal(comment.status, 201);
    assert.ok(comment.headers.get('location'));
    const comments = await get<Json[]>(`/buckets/${hq.id}/recordings/${message.id}/comments.json`);
    assert.deepEqual(
      comments.map((c) => c.content),
      ['<div>Welcome!</div>'],
    );
    assert.equal((await get(`/messages/${message.id}.json`)).comments_count, 1);

    const chat = hq.dock.find((d) => d.name === 'chat')!;
    const lines = await all(`/chats/${chat.id}/lines.json`);
    assert.ok(lines.total > 15 && lines.sizes.length === 2);
    const line = await call(`/chats/${chat.id}/lines.json`, {
      method: 'POST',
      json: { content: '<em>hi</em>', content_type: 'text/html' },
    });
    assert.equal(((await line.json()) as Json).type, 'Chat::Lines::RichText');
    assert.equal((await get<Json[]>(`/chats/${chat.id}/lines.json`))[0]!.content, '<em>hi</em>');
  });

  test('card table, documents, schedule entries and search', async () => {
    const mobile = await project('Trailhead');
    const tableTool = mobile.dock.find((d) => d.name === 'kanban_board')!;
    const table = await get<Json & { lists: Json[] }>(`/card_tables/${tableTool.id}.json`);
    assert.deepEqual(
      table.lists.map((c) => c.type),
      ['Kanban::Triage', 'Kanban::NotNowColumn', 'Kanban::Column', 'Kanban::Column', 'Kanban::DoneColumn'],
    );
    const inProgress = table.lists.find((c) => c.title === 'In progress')!;
    const cards = await get<Json[]>(`/card_tables/lists/${inProgress.id}/cards.json`);
    assert.ok(cards.length >= 2 && Array.isArray(cards[0]!.steps));
    const review = table.lists.find((c) => c.title === 'Review')!;
    assert.equal(
      (
        await call(`/card_tables/cards/${cards[0]!.id}/moves.json`, {
          method: 'POST',
          json: { column_id: review.id },
        })
      ).status,
      204,
    );
    assert.ok(
      (await get<Json[]>(`/card_tables/lists/${review.id}/cards.json`)).some((c) => c.id === cards[0]!.id),
    );

    const hq = await project('Juniper');
    const vault = hq.dock.find((d) => d.name === 'vault')!;
    const docs = await get<Json[]>(`/vaults/${vault.id}/documents.json`);
    assert.ok(docs.some((d) => d.title === 'Onboarding guide'));
    const schedule = hq.dock.find((d) => d.name === 'schedule')!;
    const entries = await get<Json[]>(`/schedules/${schedule.id}/entries.json`);
    assert.ok(entries.length >= 3 && entries.every((e) => typeof e.starts_at === 'string'));

    const hits = await get<Json[]>('/search.json?q=homepage');
    assert.ok(hits.length > 0);
    assert.ok(hits.every((h) => String(h.plain_text_content).toLowerCase().includes('<em>homepage</em>')));
    assert.equal((await call('/search.json')).status, 400);
  });

  test('my assignments, and the documented 400 for an invalid scope', async () => {
    const mine = await get<{ priorities: Json[]; non_priorities: Json[] }>('/my/assignments.json');
    assert.ok(mine.priorities.length > 0 && mine.non_priorities.length > 0);
    const overdue = await get<Json[]>('/my/assignments/due.json?scope=overdue');
    assert.ok(overdue.length > 0 && overdue.every((a) => String(a.due_on) < '2026-03-10'));
    const bad = await call('/my/assignments/due.json?scope=someday');
    assert.equal(bad.status, 400);
    assert.match(
      ((await bad.json()) as { error: string }).error,
      /^Invalid scope 'someday'\. Valid options: overdue,/,
    );
  });
});
