// Every reading action of the catalog, run through a real MCP client against the seeded sandbox:
// each answers without an error, in text that never shows "undefined" or "[object Object]", with
// its ids and app links. A new read entry must be added to the table below (the last test says so).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { operations } from '../index.ts';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

type Params = Record<string, unknown>;

describe('every read action answers on the seeded sandbox', () => {
  let h: McpHarness;
  const calls = new Map<string, Params>();

  before(async () => {
    h = await startMcpHarness();
    const store = h.env.sandbox.store;
    const project = (prefix: string) => [...store.projects.values()].find((p) => p.name.startsWith(prefix))!;
    const [hq, harbor, mobile] = [project('Juniper'), project('Harbor'), project('Trailhead')];
    const tool = (p: { id: number }, name: string) => store.tool(p.id, name)!.id;
    const one = (
      type: string,
      where: (r: { bucketId: number; fields: Record<string, unknown> }) => boolean = () => true,
    ) => store.where((r) => r.type === type && r.status === 'active' && where(r))[0]!.id;
    const me = store.meId;
    const todolist = one('Todolist', (r) => r.bucketId === harbor.id);
    const column = store.children(tool(mobile, 'kanban_board'), 'Kanban::Column')[0]!.id;
    const question = one('Question');
    const forward = one('Inbox::Forward');
    const approval = one('Client::Approval');
    const message = one('Message');
    const upload = one('Upload');
    const entry = one('Schedule::Entry', (r) => r.bucketId === hq.id);
    const entryDay = String(store.get(entry)!.fields.starts_at).slice(0, 10).replace(/-/g, '');
    const completed = one('Todo', (r) => r.fields.completed === true);

    // Things that exist only after a write: made here through the tools themselves.
    const boost = await h.ok('bc_recordings', 'boost', { recording_id: message, content: '👍' });
    const template = (await h.ok('bc_projects', 'templates')).structured.items![0]!.id;
    const construction = await h.ok('bc_projects', 'from_template', {
      template_id: template,
      project: { name: 'Read test' },
    });
    const timeEntry = store.where((r) => r.type === 'Timesheet::Entry')[0]!;
    const needle = one('Gauge::Needle');
    const messageType = (await h.ok('bc_messages', 'types', { project_id: harbor.id })).structured.items![0]!
      .id;
    const chatbot = (
      await h.ok('bc_campfires', 'chatbots', { project_id: hq.id, campfire_id: tool(hq, 'chat') })
    ).structured.items![0]!.id;
    const webhook = (await h.ok('bc_webhooks', 'list', { project_id: harbor.id })).structured.items![0]!.id;
    const folder = (await h.ok('bc_projects', 'folders')).structured.items![0]!.id;
    const forwardReply = store.children(forward, 'Inbox::Forward::Reply')[0]!.id;
    const clientReply = store.children(approval, 'Client::Reply')[0]!.id;
    const answer = one('Question::Answer');
    const events = await h.ok('bc_recordings', 'events', { recording_id: completed });
    const completion = events.structured.items!.find((e) => e.action === 'completed')!.id;

    const table: Record<string, Params> = {
      'account.whoami': {},
      'account.search': { query: 'homepage' },
      'account.search_types': {},
      'account.get': {},
      'projects.list': {},
      'projects.get': { project_id: harbor.id },
      'projects.templates': {},
      'projects.template': { template_id: template },
      'projects.construction': { template_id: template, construction_id: construction.structured.id },
      'projects.tool': { tool_id: tool(harbor, 'todoset') },
      'projects.folders': {},
      'projects.folder': { folder_id: folder },
      'people.list': {},
      'people.in_project': { project_id: harbor.id },
      'people.pingable': {},
      'people.get': { person_id: me },
      'todos.todoset': { todoset_id: tool(harbor, 'todoset') },
      'todos.lists': { todoset_id: tool(harbor, 'todoset') },
      'todos.get_list': { todolist_id: todolist },
      'todos.groups': { todolist_id: todolist },
      'todos.list': { todolist_id: todolist },
      'todos.get': { todo_id: one('Todo') },
      'todos.hill_chart': { todoset_id: tool(mobile, 'todoset') },
      'messages.list': { board_id: tool(harbor, 'message_board') },
      'messages.get': { message_id: message },
      'messages.board': { board_id: tool(harbor, 'message_board') },
      'messages.types': { project_id: harbor.id },
      'messages.type': { project_id: harbor.id, type_id: messageType },
      'comments.list': { recording_id: store.where((r) => r.type === 'Comment')[0]!.parentId },
      'comments.get': { comment_id: one('Comment') },
      'campfires.list': {},
      'campfires.get': { chat_id: tool(hq, 'chat') },
      'campfires.lines': { chat_id: tool(hq, 'chat') },
      'campfires.line': {
        chat_id: tool(hq, 'chat'),
        line_id: store.children(tool(hq, 'chat'), 'Chat::Lines::Text')[0]!.id,
      },
      'campfires.uploads': { chat_id: tool(hq, 'chat') },
      'campfires.chatbots': { project_id: hq.id, campfire_id: tool(hq, 'chat') },
      'campfires.chatbot': { project_id: hq.id, campfire_id: tool(hq, 'chat'), chatbot_id: chatbot },
      'my.assignments': {},
      'my.completed': {},
      'my.due': { scope: 'overdue' },
      'my.notifications': {},
      'my.bubble_ups': {},
      'my.drafts': {},
      'my.bookmarks': {},
      'my.note': {},
      'my.preferences': {},
      'my.out_of_office': { person_id: me },
      'cards.table': { card_table_id: tool(mobile, 'kanban_board') },
      'cards.list': { column_id: column },
      'cards.get': { card_id: one('Kanban::Card') },
      'cards.column': { column_id: column },
      'cards.step': { step_id: one('Kanban::Step') },
      'files.folder': { vault_id: tool(harbor, 'vault') },
      'files.folders': { vault_id: tool(harbor, 'vault') },
      'files.documents': { vault_id: tool(harbor, 'vault') },
      'files.document': { document_id: one('Document') },
      'files.uploads': { vault_id: tool(harbor, 'vault') },
      'files.upload': { upload_id: upload },
      'files.versions': { upload_id: upload },
      'files.cloud_file': { cloud_file_id: one('CloudFile') },
      'files.google_document': { google_document_id: one('GoogleDocument') },
      'schedules.get': { schedule_id: tool(hq, 'schedule') },
      'schedules.entries': { schedule_id: tool(hq, 'schedule') },
      'schedules.entry': { entry_id: entry },
      'schedules.occurrence': { entry_id: entry, date: entryDay },
      'schedules.calendar': { calendar_id: tool(hq, 'schedule') },
      'schedules.markers': {},
      'checkins.questionnaire': { questionnaire_id: tool(hq, 'questionnaire') },
      'checkins.questions': { questionnaire_id: tool(hq, 'questionnaire') },
      'checkins.question': { question_id: question },
      'checkins.answers': { question_id: question },
      'checkins.answerers': { question_id: question },
      'checkins.answers_by': { question_id: question, person_id: store.get(answer)!.creatorId },
      'checkins.answer': { answer_id: answer },
      'checkins.reminders': {},
      'inbox.get': { inbox_id: tool(harbor, 'inbox') },
      'inbox.forwards': { inbox_id: tool(harbor, 'inbox') },
      'inbox.forward': { forward_id: forward },
      'inbox.replies': { forward_id: forward },
      'inbox.reply': { forward_id: forward, reply_id: forwardReply },
      'clients.approvals': { project_id: harbor.id },
      'clients.approval': { approval_id: approval },
      'clients.correspondences': { project_id: harbor.id },
      'clients.correspondence': { correspondence_id: one('Client::Correspondence') },
      'clients.replies': { project_id: harbor.id, recording_id: approval },
      'clients.reply': { project_id: harbor.id, recording_id: approval, reply_id: clientReply },
      'recordings.list': { type: 'Document' },
      'recordings.events': { recording_id: completed },
      'recordings.boosts': { recording_id: message },
      'recordings.event_boosts': { recording_id: completed, event_id: completion },
      'recordings.get_boost': { boost_id: boost.structured.id },
      'recordings.subscription': { recording_id: message },
      'recordings.bookmark': { recording_id: message },
      'reports.todos': { filter: 'no_due_date' },
      'reports.overdue_todos': {},
      'reports.cards': { filter: 'open' },
      'reports.overdue_cards': {},
      'reports.feed': { kind: 'messages' },
      'reports.files': { kind: 'pdfs' },
      'reports.overdue': {},
      'reports.assignable_people': {},
      'reports.assigned': { person_id: me, group_by: 'date' },
      'reports.upcoming': { window_starts_on: '2026-11-20', window_ends_on: '2026-12-31' },
      'reports.activity': {},
      'reports.project_activity': { project_id: harbor.id },
      'reports.person_activity': { person_id: me },
      'reports.gauges': {},
      'reports.gauge_updates': { project_id: harbor.id },
      'reports.gauge_update': { needle_id: needle },
      'reports.timesheet': {},
      'reports.project_timesheet': { project_id: harbor.id },
      'reports.item_timesheet': { recording_id: timeEntry.parentId },
      'reports.time_entry': { entry_id: timeEntry.id },
      'webhooks.list': { project_id: harbor.id },
      'webhooks.get': { webhook_id: webhook },
    };
    for (const [id, params] of Object.entries(table)) calls.set(id, params);
  });
  after(() => h.close());

  test('each read answers cleanly, with ids and links', async () => {
    const problems: string[] = [];
    for (const [id, params] of calls) {
      const [domain, action] = id.split('.') as [string, string];
      const answer = await h.call(`bc_${domain}`, { action, params });
      if (answer.isError) problems.push(`${id}: ${answer.text}`);
      else if (/\bundefined\b|\[object Object\]|\bNaN\b/.test(answer.text))
        problems.push(`${id}: text shows a missing value: ${answer.text.slice(0, 300)}`);
      else if (answer.text.trim().length === 0) problems.push(`${id}: empty text`);
    }
    assert.deepEqual(problems, []);
  });

  test('the table lists every read action of the catalog', () => {
    const reads = operations.filter((op) => op.kind === 'read' && !op.run).map((op) => op.id);
    const missing = reads.filter((id) => !calls.has(id));
    assert.deepEqual(missing, [], 'add these reads to the table');
  });
});
