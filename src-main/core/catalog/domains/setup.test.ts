// Setting things up through a real MCP client against the sandbox: webhooks, templates and projects
// made from them, dock tools, people on a project (removal behind confirm), message types,
// chatbots, hill charts and the account.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminState } from '../../sandbox/routes/admin.ts';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

describe('setup actions on the sandbox', () => {
  let h: McpHarness;
  let harborId: number;
  let dock: { name: string; id: number }[];

  before(async () => {
    h = await startMcpHarness();
    const projects = await h.ok('bc_projects', 'list');
    harborId = projects.structured.items!.find((p) => String(p.title).startsWith('Harbor'))!.id as number;
    dock = (await h.ok('bc_projects', 'get', { project_id: harborId })).structured.dock as typeof dock;
  });
  after(() => h.close());

  test('webhooks: HTTPS only (refused before any request), create, list, delete behind confirm', async () => {
    const before = h.env.requests();
    const plain = await h.call('bc_webhooks', {
      action: 'create',
      params: { project_id: harborId, payload_url: 'http://hooks.example.com/x' },
    });
    assert.equal(plain.isError, true);
    assert.match(plain.text, /https/);
    assert.equal(h.env.requests(), before);
    const hook = await h.ok('bc_webhooks', 'create', {
      project_id: harborId,
      payload_url: 'https://hooks.example.com/new',
      types: ['Todo'],
    });
    const list = await h.ok('bc_webhooks', 'list', { project_id: harborId });
    assert.ok(list.structured.items!.some((w) => w.id === hook.structured.id));
    const paused = await h.ok('bc_webhooks', 'update', { webhook_id: hook.structured.id, active: false });
    assert.equal(paused.structured.active, false);
    assert.equal(
      (await h.call('bc_webhooks', { action: 'delete', params: { webhook_id: hook.structured.id } })).isError,
      true,
    );
    await h.ok('bc_webhooks', 'delete', { webhook_id: hook.structured.id, confirm: true });
    assert.equal(
      (await h.call('bc_webhooks', { action: 'get', params: { webhook_id: hook.structured.id } })).isError,
      true,
    );
  });

  test('a project from a template: started, then ready', async () => {
    const templates = await h.ok('bc_projects', 'templates');
    const template = templates.structured.items![0]!;
    const started = await h.ok('bc_projects', 'from_template', {
      template_id: template.id,
      project: { name: 'Coastline site' },
    });
    const ready = await h.ok('bc_projects', 'construction', {
      template_id: template.id,
      construction_id: started.structured.id,
    });
    assert.equal(ready.structured.status, 'completed');
    assert.match(ready.text, /ready/);
  });

  test('dock tools: hide one (read back), show it again, rename it', async () => {
    const chat = dock.find((t) => t.name === 'chat')!;
    const hidden = await h.ok('bc_projects', 'disable_tool', { tool_id: chat.id });
    assert.equal(hidden.structured.enabled, false);
    const shown = await h.ok('bc_projects', 'enable_tool', { tool_id: chat.id });
    assert.equal(shown.structured.enabled, true);
    const renamed = await h.ok('bc_projects', 'rename_tool', { tool_id: chat.id, title: 'Studio chat' });
    assert.equal(renamed.structured.title, 'Studio chat');
  });

  test('people on a project: add by id, remove only with confirm', async () => {
    const store = h.env.sandbox.store;
    // Invite someone new (they join the project), take them off, then add them back by id.
    await h.ok('bc_projects', 'grant_access', {
      project_id: harborId,
      create: [{ name: 'Noor Haddad', email_address: 'noor@example.com' }],
    });
    const newcomer = [...store.people.values()].find((p) => p.email_address === 'noor@example.com')!;
    assert.ok(store.projects.get(harborId)!.people.includes(newcomer.id));
    await h.ok('bc_projects', 'revoke_access', {
      project_id: harborId,
      revoke: [newcomer.id],
      confirm: true,
    });
    await h.ok('bc_projects', 'grant_access', { project_id: harborId, grant: [newcomer.id] });
    assert.ok(store.projects.get(harborId)!.people.includes(newcomer.id));
    const refused = await h.call('bc_projects', {
      action: 'revoke_access',
      params: { project_id: harborId, revoke: [newcomer.id] },
    });
    assert.equal(refused.isError, true);
    assert.ok(store.projects.get(harborId)!.people.includes(newcomer.id), 'still on the project');
    await h.ok('bc_projects', 'revoke_access', {
      project_id: harborId,
      revoke: [newcomer.id],
      confirm: true,
    });
    assert.ok(!store.projects.get(harborId)!.people.includes(newcomer.id));
  });

  test('message types, chatbots, hill chart and the account', async () => {
    const type = await h.ok('bc_messages', 'create_type', {
      project_id: harborId,
      name: 'Heads up',
      icon: '📣',
    });
    const types = await h.ok('bc_messages', 'types', { project_id: harborId });
    assert.ok(types.structured.items!.some((t) => t.id === type.structured.id));
    const board = await h.ok('bc_messages', 'board', {
      board_id: dock.find((t) => t.name === 'message_board')!.id,
    });
    assert.match(board.text, /message board/);

    const chat = dock.find((t) => t.name === 'chat')!;
    const bot = await h.ok('bc_campfires', 'create_chatbot', {
      project_id: harborId,
      campfire_id: chat.id,
      service_name: 'standup',
    });
    assert.match(String(bot.structured.lines_url ?? bot.text), /integrations/);
    await h.ok('bc_campfires', 'delete_chatbot', {
      project_id: harborId,
      campfire_id: chat.id,
      chatbot_id: bot.structured.id,
      confirm: true,
    });

    const todoset = dock.find((t) => t.name === 'todoset')!;
    const lists = await h.ok('bc_todos', 'lists', { todoset_id: todoset.id });
    const hill = await h.ok('bc_todos', 'track_on_hill', {
      todoset_id: todoset.id,
      tracked: [lists.structured.items![0]!.id],
    });
    assert.match(hill.text, new RegExp(String(lists.structured.items![0]!.title)));

    const account = await h.ok('bc_account', 'get');
    assert.match(account.text, /Juniper & Pine/);
    const renamed = await h.ok('bc_account', 'rename', { name: 'Juniper & Pine Studio' });
    assert.equal(renamed.structured.title, 'Juniper & Pine Studio');
  });
});

describe('account logo on the sandbox', () => {
  let h: McpHarness;
  before(async () => {
    h = await startMcpHarness();
  });
  after(() => h.close());

  test('a PNG goes up as the multipart field Basecamp wants; other files are refused before sending', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const account = adminState(h.env.sandbox.store).account;
    const removed = await h.ok('bc_account', 'remove_logo', { confirm: true });
    assert.match(removed.text, /^Done/);
    assert.equal(account.logo, false);
    const set = await h.ok('bc_account', 'set_logo', {
      content_base64: png.toString('base64'),
      name: 'studio.png',
    });
    assert.match(set.text, /studio\.png/);
    assert.equal(account.logo, true, 'the sandbox parsed the multipart field "logo"');
    const before = h.env.requests();
    const pdf = await h.call('bc_account', {
      action: 'set_logo',
      params: { content_base64: png.toString('base64'), name: 'studio.pdf' },
    });
    assert.equal(pdf.isError, true);
    assert.match(pdf.text, /PNG, JPEG/);
    assert.equal(h.env.requests(), before);
  });
});
