import { z } from 'zod';
import type { BasecampRecord, RecordView } from '../operation.ts';
import { defineDomain, defineOperation } from '../operation.ts';
import { date, id, ids, line } from '../params.ts';
import { renderLine } from '../shapers.ts';
import { by, day, inProject, listSections, names, obj, preview, str, when } from '../facts.ts';

const taskView: RecordView = {
  noun: 'task',
  title: (r) => str(r.content) ?? str(r.title),
  facts: (r) => [
    str(r.type),
    r.completed === true && 'done',
    day(r.due_on) && `due ${day(r.due_on)}`,
    names(r.assignees) && `assigned to ${names(r.assignees)}`,
    inProject(r),
  ],
  keep: ['content', 'type', 'completed', 'due_on', 'assignees', 'parent', 'bucket'],
};
const taskLine = (r: BasecampRecord) => renderLine(r, taskView);

/** The account-wide to-do and card feeds answer one group per project. */
const groupView = (key: 'todos' | 'cards'): RecordView => ({
  noun: 'project',
  title: (r) => str(obj(r.bucket)?.name) ?? 'A project',
  facts: (r) => {
    const items = Array.isArray(r[key]) ? (r[key] as unknown[]) : [];
    // Titles are plain text (a card's content is rich text, its title is not).
    return [
      `${items.length} ${key}`,
      ...items.map((item) => `${str(obj(item)?.title) ?? str(obj(item)?.content)} #${String(obj(item)?.id)}`),
    ];
  },
  keep: ['bucket', key],
});

const feedView: RecordView = {
  noun: 'item',
  facts: (r) => [str(r.type), by(r), day(r.updated_at ?? r.created_at), inProject(r)],
  keep: ['type', 'creator', 'created_at', 'updated_at', 'parent', 'bucket'],
};

const fileView: RecordView = {
  noun: 'file',
  title: (r) => str(r.filename) ?? str(r.title),
  facts: (r) => [str(r.content_type), by(r), day(r.created_at), inProject(r)],
  keep: [
    'filename',
    'content_type',
    'byte_size',
    'attachable_sgid',
    'creator',
    'created_at',
    'parent',
    'bucket',
  ],
};

const timelineView: RecordView = {
  noun: 'event',
  // Basecamp's own line ("On “Launch”, Ada L. completed"; its action already names who), then what it was.
  title: (r) =>
    str(r.title) ?? ([str(r.action), str(r.target)].filter(Boolean).join(': ') || str(obj(r.creator)?.name)),
  facts: (r) => [preview(r.summary_excerpt), when(r.created_at), inProject(r)],
  keep: ['kind', 'action', 'target', 'title', 'created_at', 'creator', 'bucket', 'parent_recording_id'],
};

const personProgressView: RecordView = {
  noun: 'progress',
  title: (r) => `What ${str(obj(r.person)?.name) ?? 'this person'} did`,
  sections: listSections({ events: 'Activity' }, (r) => renderLine(r, timelineView)),
  keep: ['person', 'events'],
};

const overdueView: RecordView = {
  noun: 'overdue report',
  title: () => 'Overdue to-dos',
  sections: listSections(
    {
      under_a_week_late: 'Under a week late',
      over_a_week_late: 'Over a week late',
      over_a_month_late: 'Over a month late',
      over_three_months_late: 'Over three months late',
    },
    taskLine,
  ),
  keep: ['under_a_week_late', 'over_a_week_late', 'over_a_month_late', 'over_three_months_late'],
};

const assignedView: RecordView = {
  noun: 'assigned to-dos',
  title: (r) => `To-dos assigned to ${str(obj(r.person)?.name) ?? 'this person'}`,
  sections: listSections({ todos: 'To-dos' }, taskLine),
  keep: ['person', 'grouped_by', 'todos'],
};

const upcomingView: RecordView = {
  noun: 'upcoming schedule',
  title: () => 'Coming up',
  sections: listSections(
    {
      schedule_entries: 'Events',
      recurring_schedule_entry_occurrences: 'Repeating events',
      assignables: 'Due to-dos and cards',
    },
    (r) =>
      renderLine(r, {
        noun: 'item',
        title: (x) => str(x.summary) ?? str(x.content),
        facts: (x) => [when(x.starts_at) ?? day(x.due_on), inProject(x)],
      }),
  ),
  keep: ['schedule_entries', 'recurring_schedule_entry_occurrences', 'assignables'],
};

const personView: RecordView = {
  noun: 'person',
  facts: (r) => [str(r.email_address), str(r.title)],
  keep: ['name', 'email_address'],
};

const gaugeView: RecordView = {
  noun: 'gauge',
  facts: (r) => [
    typeof r.last_needle_position === 'number' && `at ${r.last_needle_position}%`,
    str(r.last_needle_color),
    r.enabled === false && 'off',
    inProject(r),
  ],
  keep: ['enabled', 'last_needle_position', 'last_needle_color', 'previous_needle_position', 'bucket'],
};

const needleView: RecordView = {
  noun: 'gauge update',
  title: (r) => `${typeof r.position === 'number' ? r.position : '?'}% (${str(r.color) ?? 'green'})`,
  facts: (r) => [by(r), day(r.created_at)],
  richText: ['description'],
  keep: ['position', 'color', 'creator', 'created_at', 'bucket'],
};

const timesheetView: RecordView = {
  noun: 'time entry',
  title: (r) => `${str(r.hours) ?? '?'} h — ${str(obj(r.person)?.name) ?? ''}`,
  facts: (r) => [
    str(r.date),
    str(r.description),
    str(obj(r.parent)?.title) && `on ${str(obj(r.parent)?.title)}`,
    inProject(r),
  ],
  keep: ['date', 'hours', 'description', 'person', 'parent', 'bucket'],
};

const timesheetFilters = {
  from: date('First day (default: a month ago)').optional(),
  to: date('Last day').optional(),
  person_id: id('Only this person’s time').optional(),
};

const hours = z
  .string()
  .regex(/^\d+(\.\d+)?$|^\d+:\d{2}$/, 'must be hours like 1.5 or 1:30')
  .describe('Hours spent, e.g. 1.5 or 1:30');

// The filters the account-wide to-do and card reports share.
const dueFilter = z
  .enum(['with', 'without', 'overdue'])
  .optional()
  .describe('Only those with a due date, without, or overdue');
const assigneeFilter = ids('Only those assigned to at least one of these people (person ids)').optional();

export default defineDomain({
  name: 'reports',
  title: 'Reports & tracking',
  summary:
    'Account-wide views: to-dos and cards across all projects, overdue and assigned reports, what is coming up, activity timelines, gauges (project progress) and timesheets.',
  operations: [
    defineOperation({
      id: 'reports.todos',
      domain: 'reports',
      action: 'todos',
      title: 'To-dos across all projects',
      summary: 'Every project’s to-dos in one list: open, completed, without a due date, or unassigned.',
      method: 'GET',
      path: '/todos/{filter}.json',
      params: z.object({
        filter: z.enum(['open', 'completed', 'no_due_date', 'unassigned']).describe('Which to-dos'),
        due: dueFilter,
        assignee_ids: assigneeFilter,
      }),
      query: ['due', 'assignee_ids'],
      wireNames: { assignee_ids: 'assignee_ids[]' },
      kind: 'read',
      paginated: true,
      openapi: [
        'GetEverythingOpenTodos',
        'GetEverythingCompletedTodos',
        'GetEverythingNoDueDateTodos',
        'GetEverythingUnassignedTodos',
      ],
      view: groupView('todos'),
    }),
    defineOperation({
      id: 'reports.overdue_todos',
      domain: 'reports',
      action: 'overdue_todos',
      title: 'Overdue to-dos across all projects',
      summary: 'Every overdue to-do in the account, most overdue first.',
      method: 'GET',
      path: '/todos/overdue.json',
      params: z.object({
        assignee_ids: assigneeFilter,
      }),
      query: ['assignee_ids'],
      wireNames: { assignee_ids: 'assignee_ids[]' },
      kind: 'read',
      openapi: ['GetEverythingOverdueTodos'],
      view: taskView,
    }),
    defineOperation({
      id: 'reports.cards',
      domain: 'reports',
      action: 'cards',
      title: 'Cards across all projects',
      summary:
        'Every card table’s cards in one list: open, completed, not now, without a due date, or unassigned.',
      method: 'GET',
      path: '/cards/{filter}.json',
      params: z.object({
        filter: z.enum(['open', 'completed', 'not_now', 'no_due_date', 'unassigned']).describe('Which cards'),
        due: dueFilter,
        assignee_ids: assigneeFilter,
      }),
      query: ['due', 'assignee_ids'],
      wireNames: { assignee_ids: 'assignee_ids[]' },
      kind: 'read',
      paginated: true,
      openapi: [
        'GetEverythingOpenCards',
        'GetEverythingCompletedCards',
        'GetEverythingNotNowCards',
        'GetEverythingNoDueDateCards',
        'GetEverythingUnassignedCards',
      ],
      view: groupView('cards'),
    }),
    defineOperation({
      id: 'reports.overdue_cards',
      domain: 'reports',
      action: 'overdue_cards',
      title: 'Overdue cards across all projects',
      summary: 'Every overdue card in the account.',
      method: 'GET',
      path: '/cards/overdue.json',
      params: z.object({
        assignee_ids: assigneeFilter,
      }),
      query: ['assignee_ids'],
      wireNames: { assignee_ids: 'assignee_ids[]' },
      kind: 'read',
      openapi: ['GetEverythingOverdueCards'],
      view: taskView,
    }),
    defineOperation({
      id: 'reports.feed',
      domain: 'reports',
      action: 'feed',
      title: 'Latest items across all projects',
      summary:
        'The newest messages, comments, e-mail forwards or check-in answers from every project, in one list.',
      method: 'GET',
      path: '/{kind}.json',
      params: z.object({
        kind: z.enum(['messages', 'comments', 'forwards', 'checkins']).describe('Which kind of item'),
      }),
      kind: 'read',
      paginated: true,
      openapi: [
        'GetEverythingMessages',
        'GetEverythingComments',
        'GetEverythingForwards',
        'GetEverythingCheckins',
      ],
      view: feedView,
    }),
    defineOperation({
      id: 'reports.files',
      domain: 'reports',
      action: 'files',
      title: 'Files across all projects',
      summary: 'Every uploaded file in the account, newest first; filter by kind.',
      method: 'GET',
      path: '/files.json',
      params: z.object({
        kind: z
          .enum(['all', 'images', 'pdfs', 'documents', 'videos'])
          .optional()
          .describe('Which kind of file (default all)'),
        creator_ids: ids('Only files uploaded by these people (person ids)').optional(),
      }),
      query: ['kind', 'creator_ids'],
      wireNames: { creator_ids: 'people_ids[]' },
      kind: 'read',
      paginated: true,
      openapi: ['GetEverythingFiles'],
      view: fileView,
    }),
    defineOperation({
      id: 'reports.overdue',
      domain: 'reports',
      action: 'overdue',
      title: 'Overdue report',
      summary: 'Overdue to-dos grouped by how late they are.',
      method: 'GET',
      path: '/reports/todos/overdue.json',
      params: z.object({}),
      kind: 'read',
      openapi: ['GetOverdueTodos'],
      view: overdueView,
    }),
    defineOperation({
      id: 'reports.assignable_people',
      domain: 'reports',
      action: 'assignable_people',
      title: 'People with assignments',
      summary: 'The people who can have to-dos assigned (use their id with assigned).',
      method: 'GET',
      path: '/reports/todos/assigned.json',
      params: z.object({}),
      kind: 'read',
      openapi: ['ListAssignablePeople'],
      view: personView,
    }),
    defineOperation({
      id: 'reports.assigned',
      domain: 'reports',
      action: 'assigned',
      title: 'Someone’s assigned to-dos',
      summary: 'The open to-dos assigned to one person, grouped by project or by date.',
      method: 'GET',
      path: '/reports/todos/assigned/{person_id}.json',
      params: z.object({
        person_id: id('The person id'),
        group_by: z.enum(['bucket', 'date']).optional().describe('Group by project (bucket) or by due date'),
      }),
      query: ['group_by'],
      kind: 'read',
      openapi: ['GetAssignedTodos'],
      view: assignedView,
    }),
    defineOperation({
      id: 'reports.upcoming',
      domain: 'reports',
      action: 'upcoming',
      title: 'Coming up',
      summary: 'Events and due to-dos across all projects between two dates.',
      method: 'GET',
      path: '/reports/schedules/upcoming.json',
      params: z.object({ window_starts_on: date('First day'), window_ends_on: date('Last day') }),
      query: ['window_starts_on', 'window_ends_on'],
      kind: 'read',
      openapi: ['GetUpcomingSchedule'],
      view: upcomingView,
    }),
    defineOperation({
      id: 'reports.activity',
      domain: 'reports',
      action: 'activity',
      title: 'Latest activity',
      summary: 'What happened lately across all projects, newest first.',
      method: 'GET',
      path: '/reports/progress.json',
      params: z.object({}),
      kind: 'read',
      paginated: true,
      openapi: ['GetProgressReport'],
      newestFirst: { field: 'created_at' },
      view: timelineView,
    }),
    defineOperation({
      id: 'reports.project_activity',
      domain: 'reports',
      action: 'project_activity',
      title: 'Project timeline',
      summary: 'What happened lately in one project, newest first.',
      method: 'GET',
      path: '/projects/{project_id}/timeline.json',
      params: z.object({ project_id: id('The project id') }),
      kind: 'read',
      paginated: true,
      openapi: ['GetProjectTimeline'],
      newestFirst: { field: 'created_at' },
      view: timelineView,
    }),
    defineOperation({
      id: 'reports.person_activity',
      domain: 'reports',
      action: 'person_activity',
      title: 'What someone did',
      summary: 'One person’s latest activity across all projects (the first page, newest first).',
      method: 'GET',
      path: '/reports/users/progress/{person_id}.json',
      params: z.object({ person_id: id('The person id') }),
      kind: 'read',
      openapi: ['GetPersonProgress'],
      view: personProgressView,
    }),
    defineOperation({
      id: 'reports.gauges',
      domain: 'reports',
      action: 'gauges',
      title: 'Project gauges',
      summary: 'How far along each project is, from its gauge (progress 0-100% with a color).',
      method: 'GET',
      path: '/reports/gauges.json',
      params: z.object({
        project_ids: z
          .string()
          .regex(/^\d+(,\d+)*$/, 'must be project ids separated by commas, e.g. 12,34')
          .optional()
          .describe('Only these projects: ids separated by commas'),
      }),
      query: ['project_ids'],
      wireNames: { project_ids: 'bucket_ids' },
      kind: 'read',
      paginated: true,
      openapi: ['ListGauges'],
      view: gaugeView,
    }),
    defineOperation({
      id: 'reports.gauge_updates',
      domain: 'reports',
      action: 'gauge_updates',
      title: 'Gauge updates of a project',
      summary: 'The history of a project’s gauge: each position change with its note.',
      method: 'GET',
      path: '/projects/{project_id}/gauge/needles.json',
      params: z.object({ project_id: id('The project id') }),
      kind: 'read',
      paginated: true,
      openapi: ['ListGaugeNeedles'],
      view: needleView,
    }),
    defineOperation({
      id: 'reports.gauge_update',
      domain: 'reports',
      action: 'gauge_update',
      title: 'Get a gauge update',
      summary: 'One gauge position change.',
      method: 'GET',
      path: '/gauge_needles/{needle_id}.json',
      params: z.object({ needle_id: id('The gauge update (needle) id') }),
      kind: 'read',
      openapi: ['GetGaugeNeedle'],
      view: needleView,
    }),
    defineOperation({
      id: 'reports.move_gauge',
      domain: 'reports',
      action: 'move_gauge',
      title: 'Update a project’s gauge',
      summary: 'Set how far along a project is (0-100) with a color and a note.',
      method: 'POST',
      path: '/projects/{project_id}/gauge/needles.json',
      params: z.object({
        project_id: id('The project id'),
        gauge_needle: z
          .object({
            position: z.number().int().min(0).max(100).describe('How far along, 0-100'),
            color: z
              .enum(['green', 'yellow', 'red'])
              .optional()
              .describe('green = on track (default), yellow, red'),
            description: z
              .string()
              .max(10_000)
              .optional()
              .describe('A note about the progress (HTML allowed)'),
          })
          .describe('The new gauge position'),
        subscriptions: ids('Who is notified (person ids)').optional(),
      }),
      kind: 'write',
      openapi: ['CreateGaugeNeedle'],
      view: needleView,
    }),
    defineOperation({
      id: 'reports.edit_gauge_update',
      domain: 'reports',
      action: 'edit_gauge_update',
      title: 'Edit a gauge update’s note',
      summary: 'Change the note of a gauge update.',
      method: 'PUT',
      path: '/gauge_needles/{needle_id}.json',
      params: z.object({
        needle_id: id('The gauge update id'),
        gauge_needle: z
          .object({ description: z.string().max(10_000).describe('The note (HTML allowed)') })
          .describe('What to change'),
      }),
      kind: 'write',
      openapi: ['UpdateGaugeNeedle'],
      view: needleView,
    }),
    defineOperation({
      id: 'reports.delete_gauge_update',
      domain: 'reports',
      action: 'delete_gauge_update',
      title: 'Delete a gauge update',
      summary: 'Remove a gauge position change from the history.',
      method: 'DELETE',
      path: '/gauge_needles/{needle_id}.json',
      params: z.object({ needle_id: id('The gauge update id') }),
      kind: 'destructive',
      openapi: ['DestroyGaugeNeedle'],
    }),
    defineOperation({
      id: 'reports.toggle_gauge',
      domain: 'reports',
      action: 'toggle_gauge',
      title: 'Turn a project’s gauge on or off',
      summary: 'Show or hide the progress gauge of a project.',
      method: 'PUT',
      path: '/projects/{project_id}/gauge.json',
      params: z.object({
        project_id: id('The project id'),
        gauge: z
          .object({ enabled: z.boolean().describe('true = show the gauge') })
          .describe('The gauge setting'),
      }),
      kind: 'write',
      idempotent: true,
      openapi: ['ToggleGauge'],
      view: gaugeView,
    }),
    defineOperation({
      id: 'reports.timesheet',
      domain: 'reports',
      action: 'timesheet',
      title: 'Timesheet report',
      summary: 'Time logged across the account (default: the last month); filter by dates and person.',
      method: 'GET',
      path: '/reports/timesheet.json',
      params: z.object(timesheetFilters),
      query: ['from', 'to', 'person_id'],
      kind: 'read',
      openapi: ['GetTimesheetReport'],
      view: timesheetView,
    }),
    defineOperation({
      id: 'reports.project_timesheet',
      domain: 'reports',
      action: 'project_timesheet',
      title: 'Project timesheet',
      summary: 'Time logged in one project.',
      method: 'GET',
      path: '/projects/{project_id}/timesheet.json',
      params: z.object({ project_id: id('The project id'), ...timesheetFilters }),
      query: ['from', 'to', 'person_id'],
      kind: 'read',
      paginated: true,
      openapi: ['GetProjectTimesheet'],
      view: timesheetView,
    }),
    defineOperation({
      id: 'reports.item_timesheet',
      domain: 'reports',
      action: 'item_timesheet',
      title: 'Time logged on an item',
      summary: 'Time logged on one to-do or other item.',
      method: 'GET',
      path: '/recordings/{recording_id}/timesheet.json',
      params: z.object({ recording_id: id('The to-do (or other item) id'), ...timesheetFilters }),
      query: ['from', 'to', 'person_id'],
      kind: 'read',
      paginated: true,
      openapi: ['GetRecordingTimesheet'],
      view: timesheetView,
    }),
    defineOperation({
      id: 'reports.time_entry',
      domain: 'reports',
      action: 'time_entry',
      title: 'Get a time entry',
      summary: 'One timesheet entry.',
      method: 'GET',
      path: '/timesheet_entries/{entry_id}.json',
      params: z.object({ entry_id: id('The timesheet entry id') }),
      kind: 'read',
      openapi: ['GetTimesheetEntry'],
      view: timesheetView,
    }),
    defineOperation({
      id: 'reports.log_time',
      domain: 'reports',
      action: 'log_time',
      title: 'Log time',
      summary: 'Log time spent on a to-do or other item (the project’s timesheet must be on).',
      method: 'POST',
      path: '/recordings/{recording_id}/timesheet/entries.json',
      params: z.object({
        recording_id: id('The to-do (or other item) the time was spent on'),
        date: date('The day the work was done'),
        hours,
        description: line('What was done').optional(),
        person_id: id('Who did it (default: you)').optional(),
      }),
      kind: 'write',
      openapi: ['CreateTimesheetEntry'],
      view: timesheetView,
    }),
    defineOperation({
      id: 'reports.update_time_entry',
      domain: 'reports',
      action: 'update_time_entry',
      title: 'Change a time entry',
      summary: 'Change the date, hours, note or person of a time entry.',
      method: 'PUT',
      path: '/timesheet_entries/{entry_id}.json',
      params: z.object({
        entry_id: id('The timesheet entry id'),
        date: date('The day the work was done').optional(),
        hours: hours.optional(),
        description: line('What was done').optional(),
        person_id: id('Who did it').optional(),
      }),
      kind: 'write',
      openapi: ['UpdateTimesheetEntry'],
      // Basecamp answers hours in its own format ("2.0" for "2", "1.5" for "1:30"): compare as numbers.
      readBack: {
        path: '/timesheet_entries/{entry_id}.json',
        check: (entry, p) => {
          const asNumber = (v: unknown) => {
            const [h, m] = String(v).split(':');
            return m === undefined ? Number(h) : Number(h) + Number(m) / 60;
          };
          if (p.hours !== undefined && asNumber(entry.hours) !== asNumber(p.hours))
            return `Basecamp answered OK but the entry still has ${String(entry.hours)} hours.`;
          if (p.date !== undefined && entry.date !== p.date)
            return `Basecamp answered OK but the entry is still dated ${String(entry.date)}.`;
          return undefined;
        },
      },
      view: timesheetView,
    }),
    defineOperation({
      id: 'reports.delete_time_entry',
      domain: 'reports',
      action: 'delete_time_entry',
      title: 'Delete a time entry',
      summary: 'Remove a time entry from the timesheet.',
      method: 'DELETE',
      path: '/timesheet_entries/{entry_id}.json',
      params: z.object({ entry_id: id('The timesheet entry id') }),
      kind: 'destructive',
      openapi: ['DestroyTimesheetEntry'],
    }),
  ],
});
