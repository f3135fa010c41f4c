// The sandbox speaks Basecamp: a representative GET of every endpoint family the catalog uses is
// checked against the response schema the official openapi.json gives for that operation (required
// fields and types, nested objects and list items). The schemas are the committed, derived
// catalog/openapi-schemas.json, so this runs without the reference copy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { checkSchema, type Schema } from './schema-check.ts';
import { startSandbox, type Sandbox } from './server.ts';

interface ReferenceOperation {
  operationId: string;
  method: string;
  success: { status: number; schema?: string };
}

const catalogDir = new URL('../catalog/', import.meta.url);
const reference = JSON.parse(readFileSync(new URL('openapi-operations.json', catalogDir), 'utf8')) as {
  operations: ReferenceOperation[];
};
const { schemas } = JSON.parse(readFileSync(new URL('openapi-schemas.json', catalogDir), 'utf8')) as {
  schemas: Record<string, Schema>;
};

type Json = Record<string, unknown> & { id: number };

describe('sandbox responses match the OpenAPI schemas', () => {
  let sandbox: Sandbox;
  let base: string;
  let token: string;

  async function get(path: string): Promise<unknown> {
    const response = await fetch(`${base}${path}`, {
      headers: { Authorization: `Bearer ${token}`, 'User-Agent': 'Contract test (https://example.invalid)' },
    });
    assert.equal(
      response.status,
      200,
      `GET ${path} answered ${response.status}: ${await response.clone().text()}`,
    );
    return response.json();
  }
  async function post(path: string, body: unknown): Promise<Json> {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'User-Agent': 'Contract test (https://example.invalid)',
        'Content-Type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 201, `POST ${path} answered ${response.status}`);
    return (await response.json()) as Json;
  }
  const list = async (path: string) => (await get(path)) as Json[];
  const one = async (path: string) => (await get(path)) as Json;
  const first = async (path: string) => {
    const items = await list(path);
    assert.ok(items.length > 0, `GET ${path} is empty in the seed: nothing to check`);
    return items[0]!;
  };

  /** operationId → a concrete path with ids found by walking the seeded account. */
  const paths = new Map<string, string>();

  before(async () => {
    sandbox = await startSandbox({ today: '2026-12-03' });
    token = (await sandbox.issueTokens()).access_token;
    base = `${sandbox.url}/${sandbox.accounts[0]!.id}`;

    const projects = await list('/projects.json');
    const named = (prefix: string) => {
      const found = projects.find((p) => String(p.name).startsWith(prefix));
      assert.ok(found, `no seeded project named ${prefix}…`);
      return found;
    };
    const dock = (project: Json, name: string) => {
      const tool = (project.dock as Json[]).find((t) => t.name === name);
      assert.ok(tool, `project ${String(project.name)} has no ${name} in its dock`);
      return tool.id;
    };
    const [hq, harbor, mobile] = [named('Juniper'), named('Harbor'), named('Trailhead')];
    const me = await one('/my/profile.json');
    const todoset = dock(harbor, 'todoset');
    const todolist = await first(`/todosets/${todoset}/todolists.json`);
    const todo = await first(`/todolists/${todolist.id}/todos.json`);
    const board = dock(harbor, 'message_board');
    const message = await first(`/message_boards/${board}/messages.json`);
    const chat = dock(hq, 'chat');
    const vault = dock(harbor, 'vault');
    const upload = await first(`/vaults/${vault}/uploads.json`);
    const schedule = dock(hq, 'schedule');
    const entry = await first(`/schedules/${schedule}/entries.json`);
    const questionnaire = dock(hq, 'questionnaire');
    const question = await first(`/questionnaires/${questionnaire}/questions.json`);
    const answer = await first(`/questions/${question.id}/answers.json`);
    const inbox = dock(harbor, 'inbox');
    const forward = await first(`/inboxes/${inbox}/inbox_forwards.json`);
    const forwardReply = await first(`/inbox_forwards/${forward.id}/replies.json`);
    const approval = await first(`/buckets/${harbor.id}/client/approvals.json`);
    const correspondence = await first(`/buckets/${harbor.id}/client/correspondences.json`);
    const clientReply = await first(`/buckets/${harbor.id}/client/recordings/${approval.id}/replies.json`);
    const cardTable = await one(`/card_tables/${dock(mobile, 'kanban_board')}.json`);
    const column = (cardTable.lists as Json[])[0]!;
    const cardColumn = (cardTable.lists as Json[]).find((c) => Number(c.cards_count) > 0)!;
    const card = await first(`/card_tables/lists/${cardColumn.id}/cards.json`);
    const step = sandbox.store.where((r) => r.type === 'Kanban::Step' && r.status === 'active');
    const needle = await first(`/projects/${harbor.id}/gauge/needles.json`);
    const timeEntry = await first(`/projects/${harbor.id}/timesheet.json`);
    const template = await first('/templates.json');
    const folder = ((await get('/stacks.json')) as Json[])[0]!;
    const messageType = await first(`/buckets/${harbor.id}/categories.json`);
    const chatbot = await first(`/buckets/${hq.id}/chats/${chat}/integrations.json`);
    const webhook = await first(`/buckets/${harbor.id}/webhooks.json`);
    const store = sandbox.store;
    const cloudFile = store.where((r) => r.type === 'CloudFile')[0]!;
    const googleDocument = store.where((r) => r.type === 'GoogleDocument')[0]!;
    const line = await first(`/chats/${chat}/lines.json`);
    const commented = store.where((r) => r.type === 'Comment' && r.status === 'active')[0]!.parentId!;
    const comment = await first(`/recordings/${commented}/comments.json`);
    const document = await first(`/vaults/${vault}/documents.json`);
    const done = store.where(
      (r) => r.type === 'Todo' && r.fields.completed === true && r.status === 'active',
    )[0]!;
    const completion = ((await get(`/recordings/${done.id}/events.json`)) as Json[]).find(
      (e) => e.action === 'completed',
    )!;
    const boost = await post(`/recordings/${message.id}/boosts.json`, { content: '👏' });
    await post(`/recordings/${done.id}/events/${completion.id}/boosts.json`, { content: '🎉' });
    await post(`/recordings/${message.id}/bookmark.json`, {});
    const construction = await post(`/templates/${template.id}/project_constructions.json`, {
      project: { name: 'Contract check' },
    });
    const entryDay = String(entry.starts_at).slice(0, 10).replace(/-/g, '');
    await post(`/chats/${chat}/lines.json`, { content: 'a line for the uploads list' });

    const table: Record<string, string> = {
      GetAccount: '/account.json',
      GetMyProfile: '/my/profile.json',
      ListPeople: '/people.json',
      GetPerson: `/people/${me.id}.json`,
      ListProjects: '/projects.json',
      GetProject: `/projects/${harbor.id}.json`,
      GetTodoset: `/todosets/${todoset}.json`,
      ListTodolists: `/todosets/${todoset}/todolists.json`,
      ListTodos: `/todolists/${todolist.id}/todos.json`,
      GetTodo: `/todos/${todo.id}.json`,
      GetHillChart: `/todosets/${dock(mobile, 'todoset')}/hill.json`,
      GetMessageBoard: `/message_boards/${board}.json`,
      GetMessage: `/messages/${message.id}.json`,
      ListMessageTypes: `/buckets/${harbor.id}/categories.json`,
      GetMessageType: `/buckets/${harbor.id}/categories/${messageType.id}.json`,
      ListCampfires: '/chats.json',
      ListChatbots: `/buckets/${hq.id}/chats/${chat}/integrations.json`,
      GetChatbot: `/buckets/${hq.id}/chats/${chat}/integrations/${chatbot.id}.json`,
      GetCardTable: `/card_tables/${cardTable.id}.json`,
      GetCardColumn: `/card_tables/columns/${column.id}.json`,
      ListCards: `/card_tables/lists/${cardColumn.id}/cards.json`,
      GetCard: `/card_tables/cards/${card.id}.json`,
      GetCardStep: `/card_tables/steps/${step[0]!.id}.json`,
      GetVault: `/vaults/${vault}.json`,
      ListUploads: `/vaults/${vault}/uploads.json`,
      GetUpload: `/uploads/${upload.id}.json`,
      ListUploadVersions: `/uploads/${upload.id}/versions.json`,
      GetSchedule: `/schedules/${schedule}.json`,
      GetScheduleEntry: `/schedule_entries/${entry.id}.json`,
      GetCalendar: `/calendars/${schedule}.json`,
      ListLineupMarkers: '/lineup/markers.json',
      GetQuestionnaire: `/questionnaires/${questionnaire}.json`,
      ListQuestions: `/questionnaires/${questionnaire}/questions.json`,
      GetQuestion: `/questions/${question.id}.json`,
      ListAnswers: `/questions/${question.id}/answers.json`,
      GetAnswer: `/question_answers/${answer.id}.json`,
      ListQuestionAnswerers: `/questions/${question.id}/answers/by.json`,
      GetInbox: `/inboxes/${inbox}.json`,
      ListForwards: `/inboxes/${inbox}/inbox_forwards.json`,
      GetForward: `/inbox_forwards/${forward.id}.json`,
      GetForwardReply: `/inbox_forwards/${forward.id}/replies/${forwardReply.id}.json`,
      ListClientApprovals: `/buckets/${harbor.id}/client/approvals.json`,
      GetClientApproval: `/client/approvals/${approval.id}.json`,
      GetClientCorrespondence: `/client/correspondences/${correspondence.id}.json`,
      GetClientReply: `/buckets/${harbor.id}/client/recordings/${approval.id}/replies/${clientReply.id}.json`,
      ListRecordings: '/projects/recordings.json?type=Todo',
      ListEvents: `/recordings/${todo.id}/events.json`,
      GetSubscription: `/recordings/${message.id}/subscription.json`,
      GetMyAssignments: '/my/assignments.json',
      GetMyNotifications: '/my/readings.json',
      ListMyDrafts: '/my/drafts.json',
      GetMyNote: '/my/notes.json',
      GetMyPreferences: '/my/preferences.json',
      GetOutOfOffice: `/people/${me.id}/out_of_office.json`,
      GetEverythingOpenTodos: '/todos/open.json',
      GetEverythingOverdueTodos: '/todos/overdue.json',
      GetEverythingOpenCards: '/cards/open.json',
      GetEverythingMessages: '/messages.json',
      GetEverythingFiles: '/files.json',
      GetOverdueTodos: '/reports/todos/overdue.json',
      ListAssignablePeople: '/reports/todos/assigned.json',
      GetAssignedTodos: `/reports/todos/assigned/${me.id}.json`,
      GetUpcomingSchedule:
        '/reports/schedules/upcoming.json?window_starts_on=2026-11-01&window_ends_on=2026-12-31',
      GetProgressReport: '/reports/progress.json',
      GetProjectTimeline: `/projects/${harbor.id}/timeline.json`,
      GetPersonProgress: `/reports/users/progress/${me.id}.json`,
      ListGauges: '/reports/gauges.json',
      ListGaugeNeedles: `/projects/${harbor.id}/gauge/needles.json`,
      GetGaugeNeedle: `/gauge_needles/${needle.id}.json`,
      GetTimesheetReport: '/reports/timesheet.json',
      GetTimesheetEntry: `/timesheet_entries/${timeEntry.id}.json`,
      ListTemplates: '/templates.json',
      GetTemplate: `/templates/${template.id}.json`,
      ListFolders: '/stacks.json',
      GetFolder: `/stacks/${folder.id}.json`,
      GetTool: `/dock/tools/${todoset}.json`,
      ListWebhooks: `/buckets/${harbor.id}/webhooks.json`,
      GetWebhook: `/webhooks/${webhook.id}.json`,
      GetQuestionReminders: '/my/question_reminders.json',
      GetBoost: `/boosts/${boost.id}.json`,
      ListRecordingBoosts: `/recordings/${message.id}/boosts.json`,
      ListEventBoosts: `/recordings/${done.id}/events/${completion.id}/boosts.json`,
      GetBookmark: `/recordings/${message.id}/bookmark.json`,
      ListMyBookmarks: '/my/bookmarks.json',
      ListClientCorrespondences: `/buckets/${harbor.id}/client/correspondences.json`,
      ListClientReplies: `/buckets/${harbor.id}/client/recordings/${approval.id}/replies.json`,
      GetEverythingCompletedCards: '/cards/completed.json',
      GetEverythingNoDueDateCards: '/cards/no_due_date.json',
      GetEverythingNotNowCards: '/cards/not_now.json',
      GetEverythingOverdueCards: '/cards/overdue.json',
      GetEverythingUnassignedCards: '/cards/unassigned.json',
      GetEverythingCompletedTodos: '/todos/completed.json',
      GetEverythingNoDueDateTodos: '/todos/no_due_date.json',
      GetEverythingUnassignedTodos: '/todos/unassigned.json',
      GetEverythingCheckins: '/checkins.json',
      GetEverythingComments: '/comments.json',
      GetEverythingForwards: '/forwards.json',
      GetCampfire: `/chats/${chat}.json`,
      ListCampfireLines: `/chats/${chat}/lines.json`,
      GetCampfireLine: `/chats/${chat}/lines/${line.id}.json`,
      ListCampfireUploads: `/chats/${chat}/uploads.json`,
      ListPingablePeople: '/circles/people.json',
      ListProjectPeople: `/projects/${harbor.id}/people.json`,
      GetCloudFile: `/cloud_files/${cloudFile.id}.json`,
      GetGoogleDocument: `/google_documents/${googleDocument.id}.json`,
      GetComment: `/comments/${comment.id}.json`,
      ListComments: `/recordings/${commented}/comments.json`,
      ListDocuments: `/vaults/${vault}/documents.json`,
      GetDocument: `/documents/${document.id}.json`,
      ListVaults: `/vaults/${vault}/vaults.json`,
      ListForwardReplies: `/inbox_forwards/${forward.id}/replies.json`,
      ListMessages: `/message_boards/${board}/messages.json`,
      GetMyCompletedAssignments: '/my/assignments/completed.json',
      GetMyDueAssignments: '/my/assignments/due.json',
      GetBubbleUps: '/my/readings/bubble_ups.json',
      GetProjectTimesheet: `/projects/${harbor.id}/timesheet.json`,
      GetRecordingTimesheet: `/recordings/${(timeEntry.parent as Json).id}/timesheet.json`,
      GetAnswersByPerson: `/questions/${question.id}/answers/by/${(answer.creator as Json).id}.json`,
      GetScheduleEntryOccurrence: `/schedule_entries/${entry.id}/occurrences/${entryDay}.json`,
      ListScheduleEntries: `/schedules/${schedule}/entries.json`,
      Search: '/search.json?q=homepage',
      GetSearchMetadata: '/searches/metadata.json',
      GetProjectConstruction: `/templates/${template.id}/project_constructions/${construction.id}.json`,
      GetTodolistOrGroup: `/todolists/${todolist.id}.json`,
      ListTodolistGroups: `/todolists/${todolist.id}/groups.json`,
    };
    for (const [id, path] of Object.entries(table)) paths.set(id, path);
  });

  after(() => sandbox?.close());

  test('the table reaches many families and every entry names a GET of the OpenAPI document', () => {
    assert.ok(paths.size >= 120, `${paths.size} operations checked`);
    const gets = reference.operations.filter((o) => o.method === 'GET' && o.success.schema);
    const unchecked = gets.filter((o) => !paths.has(o.operationId)).map((o) => o.operationId);
    assert.deepEqual(unchecked, [], 'every GET of the OpenAPI document is checked');
    for (const id of paths.keys()) {
      const op = reference.operations.find((o) => o.operationId === id);
      assert.ok(op, `${id} is not in openapi-operations.json`);
      assert.equal(op.method, 'GET', id);
      assert.ok(op.success.schema, `${id} has no response schema`);
    }
  });

  test('every checked response fits its schema', async () => {
    const problems: string[] = [];
    for (const [id, path] of paths) {
      const op = reference.operations.find((o) => o.operationId === id)!;
      const body = await get(path);
      for (const problem of checkSchema(body, { $ref: op.success.schema! }, schemas))
        problems.push(`${id} GET ${path}: ${problem}`);
    }
    assert.deepEqual(problems, []);
  });

  test('the check itself catches a missing field and a wrong type', () => {
    assert.notDeepEqual(checkSchema({ id: 'x' }, { $ref: 'LineupMarker' }, schemas), []);
    assert.deepEqual(
      checkSchema(
        { id: 1, name: 'Launch', date: '2026-12-24', created_at: 'now', updated_at: 'now' },
        { $ref: 'LineupMarker' },
        schemas,
      ),
      [],
    );
  });
});
