import { z } from 'zod';
import type { BasecampRecord, RecordView } from '../operation.ts';
import { defineDomain, defineOperation } from '../operation.ts';
import { date, id, line, markdown } from '../params.ts';
import { renderLine } from '../shapers.ts';
import { day, due, listSections, names, obj, preview, str, when } from '../facts.ts';
import { ASSIGNMENT_DUE_SCOPES } from '../../basecamp/vocabulary.ts';

const assignmentView: RecordView = {
  noun: 'assignment',
  title: (r) => str(r.content) ?? str(r.title),
  facts: (r) => [
    str(r.type),
    r.completed === true && 'done',
    due(r),
    str(obj(r.bucket)?.name) && `in ${str(obj(r.bucket)?.name)}`,
    names(r.assignees) && `assigned to ${names(r.assignees)}`,
  ],
  keep: ['content', 'type', 'due_on', 'completed', 'bucket', 'parent', 'assignees'],
};

const assignmentLine = (r: BasecampRecord) => renderLine(r, assignmentView);

const assignmentsView: RecordView = {
  noun: 'assignments',
  title: () => 'Your assignments',
  facts: (r) => [
    Array.isArray(r.priorities) && `${r.priorities.length} in Up next`,
    Array.isArray(r.non_priorities) && `${r.non_priorities.length} others`,
  ],
  sections: listSections(
    { priorities: 'Up next (your priorities)', non_priorities: 'Everything else' },
    assignmentLine,
  ),
  keep: ['priorities', 'non_priorities'],
};

const notificationView: RecordView = {
  noun: 'notification',
  facts: (r) => [
    str(r.section),
    str(r.bucket_name),
    str(obj(r.creator)?.name),
    when(r.unread_at) && 'unread',
    preview(r.content_excerpt),
  ],
  keep: ['type', 'section', 'bucket_name', 'readable_sgid', 'unread_at', 'read_at', 'creator'],
};

// The sgid is what mark_read takes; it is too long for a fact, so it ends the line in full.
const notificationLine = (r: BasecampRecord) =>
  `${renderLine(r, notificationView)}${str(r.readable_sgid) ? ` · readable_sgid ${str(r.readable_sgid)}` : ''}`;

const readingsView: RecordView = {
  noun: 'notifications',
  title: () => 'Your notifications (Hey!)',
  facts: (r) => [
    Array.isArray(r.unreads) && `${r.unreads.length} unread`,
    typeof r.bubble_ups_count === 'number' && `${r.bubble_ups_count} bubble-ups`,
  ],
  sections: listSections({ unreads: 'Unread', bubble_ups: 'Bubbled up', reads: 'Read' }, notificationLine),
  keep: ['unreads', 'reads', 'bubble_ups', 'bubble_ups_count'],
};

const draftView: RecordView = {
  noun: 'draft',
  facts: (r) => [
    str(r.type),
    str(obj(r.bucket)?.name) && `in ${str(obj(r.bucket)?.name)}`,
    day(r.updated_at),
    preview(r.excerpt),
  ],
  keep: ['type', 'bucket', 'parent', 'excerpt', 'updated_at', 'scheduled_posting_at'],
};

const bookmarkView: RecordView = {
  noun: 'bookmark',
  title: (r) => str(obj(r.recording)?.title) ?? str(r.title),
  facts: (r) => [str(obj(r.recording)?.type), day(r.created_at)],
  keep: ['recording', 'created_at'],
};

const noteView: RecordView = {
  noun: 'note',
  title: () => 'Your private note',
  richText: ['content'],
  keep: ['updated_at'],
};

const preferencesView: RecordView = {
  noun: 'preferences',
  title: () => 'Your preferences',
  facts: (r) => [
    str(r.time_zone_name),
    str(r.first_week_day) && `week starts ${str(r.first_week_day)}`,
    str(r.time_format),
  ],
  keep: ['time_zone_name', 'first_week_day', 'time_format'],
};

const outOfOfficeView: RecordView = {
  noun: 'out of office',
  title: (r) =>
    `${str(obj(r.person)?.name) ?? 'This person'} is ${r.enabled === true ? 'out of office' : 'not out of office'}`,
  facts: (r) => [
    r.enabled === true && `${str(r.start_date)} → ${str(r.end_date)}`,
    str(r.back_on_date) && `back on ${str(r.back_on_date)}`,
  ],
  keep: ['person', 'enabled', 'ongoing', 'start_date', 'end_date', 'back_on_date'],
};

export default defineDomain({
  name: 'my',
  title: 'My work',
  summary:
    'Your own things: assignments and your Up next priorities, notifications (Hey!) and marking them read, drafts, bookmarks, your private note, profile and preferences.',
  operations: [
    defineOperation({
      id: 'my.assignments',
      domain: 'my',
      action: 'assignments',
      title: 'My assignments',
      summary: 'Every open to-do, card and step assigned to you, your Up next priorities first.',
      method: 'GET',
      path: '/my/assignments.json',
      params: z.object({}),
      kind: 'read',
      openapi: ['GetMyAssignments'],
      view: assignmentsView,
      direct: { name: 'bc_my_assignments', title: 'My Basecamp assignments' },
    }),
    defineOperation({
      id: 'my.completed',
      domain: 'my',
      action: 'completed',
      title: 'My completed assignments',
      summary: 'What you completed recently.',
      method: 'GET',
      path: '/my/assignments/completed.json',
      params: z.object({}),
      kind: 'read',
      openapi: ['GetMyCompletedAssignments'],
      view: assignmentView,
    }),
    defineOperation({
      id: 'my.due',
      domain: 'my',
      action: 'due',
      title: 'My assignments by due date',
      summary: 'Your assignments that are overdue, due today, tomorrow, later this week, next week or later.',
      method: 'GET',
      path: '/my/assignments/due.json',
      params: z.object({
        scope: z.enum(ASSIGNMENT_DUE_SCOPES).optional().describe('Which due window (default: all)'),
      }),
      query: ['scope'],
      kind: 'read',
      openapi: ['GetMyDueAssignments'],
      view: assignmentView,
    }),
    defineOperation({
      id: 'my.prioritize',
      domain: 'my',
      action: 'prioritize',
      title: 'Add to Up next',
      summary: 'Put one of your assignments into your Up next priorities.',
      method: 'POST',
      path: '/my/priorities.json',
      // recording_id like deprioritize and every other recording action; Basecamp calls it id.
      params: z.object({ recording_id: id('The to-do, card or step id') }),
      wireNames: { recording_id: 'id' },
      kind: 'write',
      idempotent: true,
      openapi: ['PrioritizeAssignment'],
    }),
    defineOperation({
      id: 'my.deprioritize',
      domain: 'my',
      action: 'deprioritize',
      title: 'Remove from Up next',
      summary: 'Take an assignment out of your Up next priorities (it stays assigned to you).',
      method: 'DELETE',
      path: '/my/priorities/{recording_id}.json',
      params: z.object({ recording_id: id('The to-do, card or step id') }),
      kind: 'write',
      openapi: ['DeprioritizeAssignment'],
    }),
    defineOperation({
      id: 'my.reorder_priorities',
      domain: 'my',
      action: 'reorder_priorities',
      title: 'Reorder Up next',
      summary: 'Move an assignment to another place in your Up next list.',
      method: 'POST',
      path: '/my/priority_moves.json',
      params: z.object({
        source_id: id('The prioritized assignment to move'),
        position: z.number().int().min(1).describe('New place, 1 = top'),
      }),
      kind: 'write',
      idempotent: true,
      openapi: ['ReorderUpNext'],
    }),
    defineOperation({
      id: 'my.notifications',
      domain: 'my',
      action: 'notifications',
      title: 'My notifications',
      summary: 'Your Hey! menu: unread notifications, bubbled-up items and recent reads.',
      method: 'GET',
      path: '/my/readings.json',
      params: z.object({
        limit_bubble_ups: z.boolean().optional().describe('Show only the two current bubble-ups'),
      }),
      query: ['limit_bubble_ups'],
      kind: 'read',
      openapi: ['GetMyNotifications'],
      view: readingsView,
    }),
    defineOperation({
      id: 'my.bubble_ups',
      domain: 'my',
      action: 'bubble_ups',
      title: 'My bubble-ups',
      summary: 'Items you asked Basecamp to bring back to your attention.',
      method: 'GET',
      path: '/my/readings/bubble_ups.json',
      params: z.object({}),
      kind: 'read',
      paginated: true,
      openapi: ['GetBubbleUps'],
      view: notificationView,
    }),
    defineOperation({
      id: 'my.mark_read',
      domain: 'my',
      action: 'mark_read',
      title: 'Mark notifications read',
      summary: 'Mark notifications as read, by their readable_sgid from notifications.',
      method: 'PUT',
      path: '/my/unreads.json',
      params: z.object({
        readables: z
          .array(line('A readable_sgid'))
          .min(1)
          .max(200)
          .describe('The readable_sgid of each notification'),
      }),
      kind: 'write',
      idempotent: true,
      openapi: ['MarkAsRead'],
    }),
    defineOperation({
      id: 'my.drafts',
      domain: 'my',
      action: 'drafts',
      title: 'My drafts',
      summary: 'Messages, documents and other items you saved as drafts and have not published.',
      method: 'GET',
      path: '/my/drafts.json',
      params: z.object({}),
      kind: 'read',
      paginated: true,
      openapi: ['ListMyDrafts'],
      view: draftView,
    }),
    defineOperation({
      id: 'my.bookmarks',
      domain: 'my',
      action: 'bookmarks',
      title: 'My bookmarks',
      summary: 'Everything you bookmarked.',
      method: 'GET',
      path: '/my/bookmarks.json',
      params: z.object({}),
      kind: 'read',
      paginated: true,
      openapi: ['ListMyBookmarks'],
      view: bookmarkView,
    }),
    defineOperation({
      id: 'my.note',
      domain: 'my',
      action: 'note',
      title: 'My private note',
      summary: 'Your private scratch note in Basecamp.',
      method: 'GET',
      path: '/my/notes.json',
      params: z.object({}),
      kind: 'read',
      openapi: ['GetMyNote'],
      view: noteView,
    }),
    defineOperation({
      id: 'my.update_note',
      domain: 'my',
      action: 'update_note',
      title: 'Replace my private note',
      summary: 'Replace the whole text of your private note.',
      method: 'PUT',
      path: '/my/notes.json',
      params: z.object({
        note: z.object({ content: markdown('The new note, replacing the old one') }).describe('The note'),
      }),
      kind: 'write',
      openapi: ['UpdateMyNote'],
      view: noteView,
    }),
    defineOperation({
      id: 'my.update_profile',
      domain: 'my',
      action: 'update_profile',
      title: 'Update my profile',
      summary:
        'Change your name, e-mail, title, bio, location or time zone; fields you leave out stay as they are.',
      method: 'PUT',
      path: '/my/profile.json',
      params: z.object({
        name: line('Your name').optional(),
        email_address: z.email().optional().describe('Your e-mail address'),
        title: line('Your job title').optional(),
        bio: line('A short bio').optional(),
        location: line('Where you are').optional(),
        time_zone_name: line('A time zone, e.g. London or Eastern Time (US & Canada)').optional(),
      }),
      kind: 'write',
      idempotent: true,
      openapi: ['UpdateMyProfile'],
      readBack: {
        path: '/my/profile.json',
        check: (me, p) => {
          const unchanged = ['name', 'email_address', 'title', 'bio', 'location'].filter(
            (k) => p[k] !== undefined && me[k] !== p[k],
          );
          return unchanged.length
            ? `Basecamp answered OK but ${unchanged.join(', ')} did not change.`
            : undefined;
        },
      },
    }),
    defineOperation({
      id: 'my.preferences',
      domain: 'my',
      action: 'preferences',
      title: 'My preferences',
      summary: 'Your time zone, first day of the week and time format.',
      method: 'GET',
      path: '/my/preferences.json',
      params: z.object({}),
      kind: 'read',
      openapi: ['GetMyPreferences'],
      view: preferencesView,
    }),
    defineOperation({
      id: 'my.update_preferences',
      domain: 'my',
      action: 'update_preferences',
      title: 'Change my preferences',
      summary: 'Change your time zone, first day of the week or time format.',
      method: 'PUT',
      path: '/my/preferences.json',
      params: z.object({
        person: z
          .object({
            time_zone_name: line('A time zone, e.g. London or UTC').optional(),
            first_week_day: z
              .enum(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'])
              .optional()
              .describe('First day of the week'),
            time_format: z
              .enum(['twelve_hour', 'twenty_four_hour'])
              .optional()
              .describe('12- or 24-hour clock'),
          })
          .describe('The preferences to change'),
      }),
      kind: 'write',
      idempotent: true,
      openapi: ['UpdateMyPreferences'],
      view: preferencesView,
    }),
    defineOperation({
      id: 'my.out_of_office',
      domain: 'my',
      action: 'out_of_office',
      title: 'Out of office',
      summary: 'Whether a person (you or someone else) is out of office, and until when.',
      method: 'GET',
      path: '/people/{person_id}/out_of_office.json',
      params: z.object({ person_id: id('The person id (yours is in whoami)') }),
      kind: 'read',
      openapi: ['GetOutOfOffice'],
      view: outOfOfficeView,
    }),
    defineOperation({
      id: 'my.set_out_of_office',
      domain: 'my',
      action: 'set_out_of_office',
      title: 'Set out of office',
      summary: 'Mark a person out of office between two dates (yourself, or others if you are an admin).',
      method: 'POST',
      path: '/people/{person_id}/out_of_office.json',
      params: z.object({
        person_id: id('The person id (yours is in whoami)'),
        out_of_office: z
          .object({ start_date: date('First day away'), end_date: date('Last day away') })
          .describe('When they are away'),
      }),
      kind: 'write',
      idempotent: true,
      openapi: ['EnableOutOfOffice'],
      readBack: {
        path: '/people/{person_id}/out_of_office.json',
        check: (o) => (o.enabled === true ? undefined : 'Basecamp answered OK but out of office is not on.'),
      },
      view: outOfOfficeView,
    }),
    defineOperation({
      id: 'my.end_out_of_office',
      domain: 'my',
      action: 'end_out_of_office',
      title: 'End out of office',
      summary: 'Turn out of office off for a person.',
      method: 'DELETE',
      path: '/people/{person_id}/out_of_office.json',
      params: z.object({ person_id: id('The person id') }),
      kind: 'write',
      openapi: ['DisableOutOfOffice'],
      readBack: {
        path: '/people/{person_id}/out_of_office.json',
        check: (o) =>
          o.enabled === true ? 'Basecamp answered OK but out of office is still on.' : undefined,
      },
      view: outOfOfficeView,
    }),
  ],
});
