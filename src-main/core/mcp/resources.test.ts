// Resources and prompts through a real MCP client (SDK v1 over Streamable HTTP) against the real endpoint
// and the sandbox Basecamp: what the listing offers, what a read returns, and what a bad URI says.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMcpHarness, type McpHarness } from '../catalog/mcp-harness.ts';
import { PROJECTS_PER_PAGE, RECORDING_TYPES } from '../catalog/resources.ts';

let h: McpHarness;
let project: { id: number; title: string; app_url: string };
let todo: { id: number; title: string; app_url: string };

before(async () => {
  h = await startMcpHarness();
  const projects = await h.call('bc_list_projects', { limit: 200 });
  project = (projects.structured.items as (typeof project)[])[0]!;
  const lists = await h.ok('bc_todos', 'lists', { project_id: project.id });
  const list = (lists.structured.items as { id: number }[])[0]!;
  const todos = await h.call('bc_todos', { action: 'list', params: { todolist_id: list.id } });
  todo = (todos.structured.items as (typeof todo)[])[0]!;
});

after(() => h?.close());

function textOf(result: { contents: unknown[] }): string {
  return (result.contents as { text?: string }[]).map((part) => part.text ?? '').join('\n');
}

describe('resources', () => {
  test('resources/list offers the fixed resources and every project, with Markdown', async () => {
    const { resources, nextCursor } = await h.client.listResources();
    const uris = resources.map((resource) => resource.uri);
    assert.ok(uris.includes('basecamp://projects'));
    assert.ok(uris.includes('basecamp://my/assignments'));
    const projects = await h.call('bc_list_projects', { limit: 200 });
    const ids = (projects.structured.items as { id: number }[]).map((p) => p.id);
    assert.ok(ids.length <= PROJECTS_PER_PAGE, 'the seed fits one page');
    assert.equal(nextCursor, undefined, 'no cursor when every project is listed');
    for (const id of ids) assert.ok(uris.includes(`basecamp://projects/${id}`), `project ${id} listed`);
    const listed = resources.find((resource) => resource.uri === `basecamp://projects/${project.id}`);
    assert.equal(listed?.title, project.title);
    for (const resource of resources) assert.equal(resource.mimeType, 'text/markdown');
  });

  test('resources/templates/list names the project and recording templates', async () => {
    const { resourceTemplates } = await h.client.listResourceTemplates();
    const templates = resourceTemplates.map((template) => template.uriTemplate);
    assert.deepEqual(templates, [
      'basecamp://projects/{project_id}',
      'basecamp://projects/{project_id}/{type}/{recording_id}',
    ]);
    for (const template of resourceTemplates) {
      assert.ok(template.description && template.title);
      assert.equal(template.mimeType, 'text/markdown');
    }
  });

  test('a project reads as Markdown with its dock ids, like bc_get_project', async () => {
    const read = await h.client.readResource({ uri: `basecamp://projects/${project.id}` });
    const content = read.contents[0] as { uri: string; mimeType: string; text: string };
    assert.equal(content.mimeType, 'text/markdown');
    assert.equal(content.uri, `basecamp://projects/${project.id}`);
    const tool = await h.ok('bc_projects', 'get', { project_id: project.id });
    assert.equal(content.text, tool.text, 'the same shaper as the tool');
    assert.match(content.text, new RegExp(project.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const dock = tool.structured.dock as { name: string; id: number }[];
    const todoset = dock.find((entry) => entry.name === 'todoset')!;
    assert.match(content.text, new RegExp(`todoset id ${todoset.id}`));
  });

  test('a to-do reads with its content, link and comments', async () => {
    const remark = `Resource comment ${Date.now()}`;
    await h.call('bc_comments', { action: 'create', params: { recording_id: todo.id, content: remark } });
    const uri = `basecamp://projects/${project.id}/todos/${todo.id}`;
    const text = textOf(await h.client.readResource({ uri }));
    assert.ok(text.includes(todo.title), text);
    assert.ok(text.includes(todo.app_url), 'the app link is kept');
    assert.match(text, /## Comments \(\d+ of \d+\)/);
    assert.ok(text.includes(remark), 'the new comment is shown');
    assert.doesNotMatch(text, /<[a-z]+[^>]*>/, 'no HTML left');
  });

  test('a message reads through the generic template, HTML turned to Markdown', async () => {
    const messages = await h.ok('bc_messages', 'list', { project_id: project.id });
    const message = (messages.structured.items as { id: number; title: string }[])[0]!;
    const text = textOf(
      await h.client.readResource({ uri: `basecamp://projects/${project.id}/messages/${message.id}` }),
    );
    assert.ok(text.includes(message.title));
    assert.doesNotMatch(text, /<\/?(div|p|strong|br)\b/);
  });

  test('my assignments and the project list read as Markdown', async () => {
    const mine = textOf(await h.client.readResource({ uri: 'basecamp://my/assignments' }));
    assert.match(mine, /^# My assignments/);
    const all = textOf(await h.client.readResource({ uri: 'basecamp://projects' }));
    assert.ok(all.includes(project.title));
  });

  test('an item from another project, unknown and malformed URIs give clear errors', async () => {
    const projects = (await h.call('bc_list_projects', {})).structured.items as { id: number }[];
    const other = projects.find((p) => p.id !== project.id)!;
    const cases: [string, RegExp][] = [
      [`basecamp://projects/${other.id}/todos/${todo.id}`, new RegExp(`is in project ${project.id}`)],
      ['basecamp://projects/999999999', /not found|No .*project|404/i],
      [`basecamp://projects/${project.id}/widgets/1`, /Unknown item type "widgets".*todos/],
      ['basecamp://projects/abc', /project_id must be a number/],
      [`basecamp://projects/${project.id}/todos`, /needs the item id/],
      ['https://example.com/x', /only basecamp:\/\/ resources/],
      ['basecamp://nothing/here', /No resource at .*Known forms/],
      ['basecamp://projects/%E0%A4%A', /is not a URI/],
      [`basecamp://projects/${project.id}/todos/%ZZ%E0`, /is not a URI/],
    ];
    for (const [uri, message] of cases) {
      await assert.rejects(h.client.readResource({ uri }), (error: Error & { code?: number }) => {
        assert.match(error.message, message, uri);
        assert.equal(error.code, -32602, uri);
        return true;
      });
    }
  });

  test('completion suggests item types and project ids', async () => {
    const types = await h.client.complete({
      ref: { type: 'ref/resource', uri: 'basecamp://projects/{project_id}/{type}/{recording_id}' },
      argument: { name: 'type', value: 'to' },
    });
    assert.deepEqual(
      types.completion.values,
      RECORDING_TYPES.filter((type) => type.startsWith('to')),
    );
    const ids = await h.client.complete({
      ref: { type: 'ref/prompt', name: 'catch_up' },
      argument: { name: 'project_id', value: project.title.slice(0, 4) },
    });
    assert.ok(ids.completion.values.includes(String(project.id)));
  });
});

describe('prompts', () => {
  test('prompts/list has the four workflows, each argument described', async () => {
    const { prompts } = await h.client.listPrompts();
    assert.deepEqual(prompts.map((prompt) => prompt.name).sort(), [
      'catch_up',
      'draft_checkin_answer',
      'plan_project',
      'weekly_recap',
    ]);
    for (const prompt of prompts) {
      assert.ok(prompt.title && prompt.description, prompt.name);
      for (const arg of prompt.arguments ?? []) assert.ok(arg.description, `${prompt.name}.${arg.name}`);
    }
    const plan = prompts.find((prompt) => prompt.name === 'plan_project')!;
    assert.deepEqual(
      plan.arguments?.filter((arg) => arg.required).map((arg) => arg.name),
      ['project_id', 'goal'],
    );
  });

  test("catch_up names our tools in order with the project's real dock ids", async () => {
    const tool = await h.ok('bc_projects', 'get', { project_id: project.id });
    const dock = tool.structured.dock as { name: string; id: number }[];
    const board = dock.find((entry) => entry.name === 'message_board')!;
    const got = await h.client.getPrompt({
      name: 'catch_up',
      arguments: { project_id: String(project.id), since: '2026-11-01' },
    });
    const text = (got.messages[0]!.content as { text: string }).text;
    assert.ok(text.includes(project.title));
    assert.ok(text.includes('since 2026-11-01'));
    assert.ok(text.includes(`"board_id": ${board.id}`), text);
    const order = ['project_activity', 'bc_messages', 'bc_campfires', 'bc_my_assignments'].map((name) =>
      text.indexOf(name),
    );
    assert.ok(
      order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!)),
      text,
    );
  });

  test('plan_project asks before creating; draft_checkin_answer posts only after approval', async () => {
    const plan = await h.client.getPrompt({
      name: 'plan_project',
      arguments: { project_id: String(project.id), goal: 'Launch the new website' },
    });
    const planText = (plan.messages[0]!.content as { text: string }).text;
    assert.match(planText, /Launch the new website/);
    assert.match(planText, /Create nothing until the user says yes/);
    assert.ok(planText.indexOf('STOP') < planText.indexOf('create_list'));
    const draft = await h.client.getPrompt({
      name: 'draft_checkin_answer',
      arguments: { question_id: '42' },
    });
    const draftText = (draft.messages[0]!.content as { text: string }).text;
    assert.ok(draftText.indexOf('STOP') < draftText.indexOf('create_answer'));
    assert.match(draftText, /"question_id": 42/);
  });

  test('a bad argument is refused with what it must be', async () => {
    await assert.rejects(
      h.client.getPrompt({ name: 'catch_up', arguments: { project_id: 'my project' } }),
      /project id/,
    );
  });
});

describe('read-only and disabled domains', () => {
  test('read-only: prompts say nothing can be created; a disabled domain hides its resources', async () => {
    const ro = await startMcpHarness({ readOnly: true });
    try {
      const plan = await ro.client.getPrompt({
        name: 'plan_project',
        arguments: { project_id: String(project.id), goal: 'Anything' },
      });
      const text = (plan.messages[0]!.content as { text: string }).text;
      assert.match(text, /read-only mode/);
      assert.doesNotMatch(text, /create_list/);
      ro.env.ctx.disabledDomains = ['projects'];
      const { resources } = await ro.client.listResources();
      assert.deepEqual(
        resources.map((resource) => resource.uri),
        ['basecamp://my/assignments'],
      );
      await assert.rejects(
        ro.client.readResource({ uri: `basecamp://projects/${project.id}` }),
        /switched off/,
      );
      const { prompts } = await ro.client.listPrompts();
      assert.ok(!prompts.some((prompt) => prompt.name === 'catch_up'));
    } finally {
      await ro.close();
    }
  });
});

describe('every prompt switched off', () => {
  test('prompts/list answers with an empty list, and getting one says why it is unavailable', async () => {
    const off = await startMcpHarness({ disabledDomains: ['reports', 'projects', 'checkins'] });
    try {
      const { prompts } = await off.client.listPrompts();
      assert.deepEqual(prompts, []);
      await assert.rejects(
        off.client.getPrompt({ name: 'catch_up', arguments: { project_id: '1' } }),
        /switched off/,
      );
    } finally {
      await off.close();
    }
  });
});

describe('many projects', () => {
  test('resources/list pages with a cursor, and basecamp://projects says more exist', async () => {
    const big = await startMcpHarness();
    try {
      for (let i = 0; i < PROJECTS_PER_PAGE; i += 1) {
        await big.ok('bc_projects', 'create', { name: `Paging project ${i}` });
      }
      const first = await big.client.listResources();
      assert.ok(first.nextCursor, 'a cursor when more projects exist');
      const second = await big.client.listResources({ cursor: first.nextCursor });
      const projectUris = [...first.resources, ...second.resources]
        .map((resource) => resource.uri)
        .filter((uri) => /^basecamp:\/\/projects\/\d+$/.test(uri));
      const all = await big.call('bc_list_projects', { limit: 200 });
      assert.equal(projectUris.length, (all.structured.items ?? []).length, 'every project, once');
      assert.equal(new Set(projectUris).size, projectUris.length);
      assert.ok(!second.resources.some((resource) => resource.uri === 'basecamp://projects'));
      const text = textOf(await big.client.readResource({ uri: 'basecamp://projects' }));
      assert.match(text, /More projects exist: call bc_list_projects with cursor "[^"]+"/);
      await assert.rejects(big.client.listResources({ cursor: 'not-a-cursor' }), /cursor/);
    } finally {
      await big.close();
    }
  });
});
