// The writes the focused domain tests do not already walk through, each run through a real MCP
// client against the sandbox and checked in the sandbox's data afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminState } from '../../sandbox/routes/admin.ts';
import type { AccountStore } from '../../sandbox/store.ts';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

describe('more writes on the sandbox', () => {
  let h: McpHarness;
  let store: AccountStore;
  const project = (prefix: string) => [...store.projects.values()].find((p) => p.name.startsWith(prefix))!;
  const tool = (prefix: string, name: string) => store.tool(project(prefix).id, name)!.id;
  const id = (answer: { structured: Record<string, unknown> }) => answer.structured.id as number;

  before(async () => {
    h = await startMcpHarness();
    store = h.env.sandbox.store;
  });
  after(() => h.close());

  test('templates: create, update, trash behind confirm', async () => {
    const created = await h.ok('bc_projects', 'create_template', {
      name: 'Retainer',
      description: 'Monthly work',
    });
    await h.ok('bc_projects', 'update_template', { template_id: id(created), name: 'Monthly retainer' });
    assert.equal(adminState(store).templates.get(id(created))?.name, 'Monthly retainer');
    await h.ok('bc_projects', 'delete_template', { template_id: id(created), confirm: true });
    assert.equal(adminState(store).templates.get(id(created))?.status, 'trashed');
  });

  test('dock tools: add a second to-do set, move it first, delete it behind confirm', async () => {
    const harbor = project('Harbor');
    const added = await h.ok('bc_projects', 'add_tool', {
      project_id: harbor.id,
      tool_type: 'Todoset',
      title: 'Post-launch',
    });
    const moved = await h.ok('bc_projects', 'move_tool', { tool_id: id(added), position: 1 });
    assert.equal(moved.structured.position ?? harbor.dock.find((t) => t.id === id(added))?.position, 1);
    await h.ok('bc_projects', 'delete_tool', { tool_id: id(added), confirm: true });
    assert.ok(!harbor.dock.some((t) => t.id === id(added)));
  });

  test('folders of projects: create and delete behind confirm', async () => {
    const folder = await h.ok('bc_projects', 'create_folder', {
      name: 'Archive me',
      project_ids: [project('Harbor').id],
    });
    await h.ok('bc_projects', 'delete_folder', { folder_id: id(folder), confirm: true });
    assert.ok(!adminState(store).folders.has(id(folder)));
  });

  test('to-do groups, reordering lists and groups, a to-do straight in a to-do set', async () => {
    const harbor = project('Harbor');
    const todoset = tool('Harbor', 'todoset');
    const lists = store.children(todoset, 'Todolist');
    const group = await h.ok('bc_todos', 'create_group', { todolist_id: lists[0]!.id, name: 'Before DNS' });
    const second = await h.ok('bc_todos', 'create_group', { todolist_id: lists[0]!.id, name: 'After DNS' });
    await h.ok('bc_todos', 'move_group', { group_id: id(second), position: 1 });
    assert.equal(store.get(id(second))?.position, 1);
    assert.equal(store.get(id(group))?.position, 2);
    await h.ok('bc_todos', 'move_list', { todolist_id: lists.at(-1)!.id, position: 1 });
    assert.equal(store.get(lists.at(-1)!.id)?.position, 1);
    const loose = await h.ok('bc_todos', 'create_in_set', {
      project_id: harbor.id,
      todoset_id: todoset,
      content: 'Renew the SSL certificate',
    });
    assert.equal(store.get(id(loose))?.parentId, todoset);
  });

  test('message types and chatbots change; a Campfire line is edited', async () => {
    const harbor = project('Harbor');
    const type = [...adminState(store).messageTypes.values()].find((t) => t.bucketId === harbor.id)!;
    await h.ok('bc_messages', 'update_type', { project_id: harbor.id, type_id: type.id, icon: '📌' });
    assert.equal(type.icon, '📌');
    await h.ok('bc_messages', 'delete_type', { project_id: harbor.id, type_id: type.id, confirm: true });
    assert.ok(!adminState(store).messageTypes.has(type.id));
    const hq = project('Juniper');
    const bot = [...adminState(store).chatbots.values()][0]!;
    await h.ok('bc_campfires', 'update_chatbot', {
      project_id: hq.id,
      campfire_id: bot.chatId,
      chatbot_id: bot.id,
      service_name: 'shipit',
    });
    assert.equal(bot.serviceName, 'shipit');
    const posted = await h.ok('bc_campfires', 'post', { chat_id: bot.chatId, content: 'Deploy at 5' });
    await h.ok('bc_campfires', 'edit_line', {
      chat_id: bot.chatId,
      line_id: id(posted),
      content: 'Deploy at 6',
    });
    assert.match(String(store.get(id(posted))?.fields.content), /Deploy at 6/);
  });

  test('card columns: create, rename, move, color, on hold and back, watch and unwatch; steps and wormholes', async () => {
    const table = tool('Trailhead', 'kanban_board');
    const bucket = project('Trailhead').id;
    const column = await h.ok('bc_cards', 'create_column', { card_table_id: table, title: 'QA' });
    await h.ok('bc_cards', 'update_column', { column_id: id(column), title: 'Quality' });
    await h.ok('bc_cards', 'move_column', {
      card_table_id: table,
      source_id: id(column),
      target_id: table,
      position: 1,
    });
    assert.equal(store.get(id(column))?.position, 1);
    const colored = await h.ok('bc_cards', 'column_color', {
      project_id: bucket,
      column_id: id(column),
      color: 'purple',
    });
    assert.equal(colored.structured.color, 'purple');
    await h.ok('bc_cards', 'hold_column', { project_id: bucket, column_id: id(column) });
    assert.ok(store.get(id(column))?.fields.on_hold);
    await h.ok('bc_cards', 'unhold_column', { project_id: bucket, column_id: id(column) });
    assert.equal(store.get(id(column))?.fields.on_hold, null);
    await h.ok('bc_cards', 'watch_column', { column_id: id(column) });
    await h.ok('bc_cards', 'unwatch_column', { column_id: id(column) });

    const card = await h.ok('bc_cards', 'create', { column_id: id(column), title: 'Regression pass' });
    const first = await h.ok('bc_cards', 'add_step', { card_id: id(card), title: 'iOS' });
    const second = await h.ok('bc_cards', 'add_step', { card_id: id(card), title: 'Android' });
    await h.ok('bc_cards', 'update_step', { step_id: id(first), title: 'iOS 18' });
    assert.equal(store.get(id(first))?.title, 'iOS 18');
    await h.ok('bc_cards', 'move_step', { card_id: id(card), source_id: id(second), position: 0 });
    assert.equal(store.get(id(second))?.position, 1);
    const other = store.children(table, 'Kanban::Column').find((c) => c.id !== id(column))!;
    const hole = await h.ok('bc_cards', 'create_wormhole', {
      project_id: bucket,
      card_table_id: table,
      destination_recording_id: id(column),
    });
    await h.ok('bc_cards', 'update_wormhole', {
      project_id: bucket,
      wormhole_id: id(hole),
      destination_recording_id: other.id,
    });
    assert.equal(store.get(id(hole))?.fields.destination_recording_id, other.id);
  });

  test('files, calendars, markers, check-in questions and answers, subscribers, gauges, preferences, Up next order', async () => {
    const harbor = project('Harbor');
    const upload = store.where((r) => r.type === 'Upload')[0]!;
    await h.ok('bc_files', 'update_upload', { upload_id: upload.id, base_name: 'brand-book' });
    assert.equal(store.get(upload.id)?.fields.filename, 'brand-book.pdf');
    const doc = store.where((r) => r.type === 'GoogleDocument')[0]!;
    await h.ok('bc_files', 'update_google_document', {
      google_document_id: doc.id,
      url: 'https://docs.google.com/document/d/new',
      document_type: 'document',
      title: 'Launch plan v2',
    });
    assert.equal(store.get(doc.id)?.title, 'Launch plan v2');

    const calendar = await h.ok('bc_schedules', 'color_calendar', {
      calendar_id: tool('Juniper', 'schedule'),
      calendar: { color: 'green' },
    });
    assert.match(calendar.text, /green/);
    await h.ok('bc_schedules', 'create_marker', { name: 'Soft launch', date: '2026-12-15' });
    const marker = [...adminState(store).markers.values()].find((m) => m.name === 'Soft launch')!;
    await h.ok('bc_schedules', 'update_marker', { marker_id: marker.id, date: '2026-12-16' });
    assert.equal(marker.date, '2026-12-16');

    const question = await h.ok('bc_checkins', 'create_question', {
      questionnaire_id: tool('Juniper', 'questionnaire'),
      title: 'Any blockers?',
      schedule: { frequency: 'every_week', days: [1], hour: 9, minute: 0 },
    });
    await h.ok('bc_checkins', 'update_question', {
      question_id: id(question),
      title: 'Anything blocking you?',
    });
    assert.equal(store.get(id(question))?.title, 'Anything blocking you?');
    const answer = await h.ok('bc_checkins', 'create_answer', {
      question_id: id(question),
      content: 'Waiting on DNS',
    });
    await h.ok('bc_checkins', 'update_answer', { answer_id: id(answer), content: 'DNS is done' });
    assert.match(String(store.get(id(answer))?.fields.content), /DNS is done/);

    const message = store.where((r) => r.type === 'Message' && r.bucketId === harbor.id)[0]!;
    const subs = await h.ok('bc_recordings', 'update_subscribers', {
      recording_id: message.id,
      subscriptions: [store.meId],
    });
    assert.equal(subs.structured.subscribed, true);
    const done = store.where(
      (r) => r.type === 'Todo' && r.fields.completed === true && r.status === 'active',
    )[0]!;
    const events = await h.ok('bc_recordings', 'events', { recording_id: done.id });
    const completion = events.structured.items!.find((e) => e.action === 'completed')!;
    await h.ok('bc_recordings', 'boost_event', {
      recording_id: done.id,
      event_id: completion.id,
      content: '🙌',
    });
    const refused = await h.call('bc_recordings', {
      action: 'boost_event',
      params: {
        recording_id: done.id,
        event_id: events.structured.items!.find((e) => e.action === 'created')!.id,
        content: '🙌',
      },
    });
    assert.equal(refused.isError, true, 'only completions and moves can be boosted');

    await h.ok('bc_reports', 'toggle_gauge', { project_id: harbor.id, gauge: { enabled: true } });
    const needle = store.where((r) => r.type === 'Gauge::Needle')[0]!;
    await h.ok('bc_reports', 'edit_gauge_update', {
      needle_id: needle.id,
      gauge_needle: { description: 'Back on track' },
    });
    assert.equal(store.get(needle.id)?.fields.description, 'Back on track');

    const prefs = await h.ok('bc_my', 'update_preferences', { person: { time_format: 'twenty_four_hour' } });
    assert.match(prefs.text, /twenty_four_hour/);
    const assignments = await h.ok('bc_my', 'assignments');
    const priorities = assignments.structured.priorities as { id: number }[];
    const top = store.where((r) => r.fields.priority === true)[0]!;
    await h.ok('bc_my', 'reorder_priorities', { source_id: top.id, position: priorities.length });
    assert.equal(store.get(top.id)?.fields.priority_position, priorities.length);

    await h.ok('bc_projects', 'archive', { project_id: harbor.id, confirm: true });
    assert.equal(harbor.status, 'archived');
    await h.ok('bc_projects', 'unarchive', { project_id: harbor.id });
    assert.equal(harbor.status, 'active');
  });
});
