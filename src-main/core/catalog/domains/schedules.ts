import { z } from 'zod';
import type { RecordView } from '../operation.ts';
import { defineDomain, defineOperation } from '../operation.ts';
import { date, dateTime, id, ids, line, markdown } from '../params.ts';
import { count, inProject, names, str, when } from '../facts.ts';
import { BASECAMP_COLORS } from '../../basecamp/vocabulary.ts';

const scheduleView: RecordView = {
  noun: 'schedule',
  facts: (r) => [
    count(r.entries_count, 'entry'),
    r.include_due_assignments === true && 'shows due to-dos',
    inProject(r),
  ],
  keep: ['title', 'entries_count', 'include_due_assignments', 'bucket'],
};

const entryView: RecordView = {
  noun: 'event',
  title: (r) => str(r.summary) ?? str(r.title),
  facts: (r) => [
    r.all_day === true
      ? `${str(r.starts_at)?.slice(0, 10)} (all day)`
      : `${when(r.starts_at)} → ${when(r.ends_at)}`,
    names(r.participants) && `with ${names(r.participants)}`,
    inProject(r),
  ],
  richText: ['description'],
  keep: ['summary', 'starts_at', 'ends_at', 'all_day', 'participants', 'parent', 'bucket'],
};

const calendarView: RecordView = {
  noun: 'calendar',
  facts: (r) => [str(r.color)],
  keep: ['name', 'color', 'schedule_url'],
};
const markerView: RecordView = { noun: 'Lineup marker', facts: (r) => [str(r.date)], keep: ['name', 'date'] };

const entryFields = {
  description: markdown('Details of the event').optional(),
  participant_ids: ids('People taking part (person ids)').optional(),
  all_day: z.boolean().optional().describe('An all-day event (times are ignored)'),
  notify: z.boolean().optional().describe('Notify the participants'),
  url: z.url().optional().describe('A link for the event, e.g. a video call'),
  highlighted: z.boolean().optional().describe('Highlight the event on the schedule'),
};

export default defineDomain({
  name: 'schedules',
  title: 'Schedules',
  summary:
    'Project schedules and their events (one-off and repeating occurrences), calendars, and the account-wide Lineup markers.',
  operations: [
    defineOperation({
      id: 'schedules.get',
      domain: 'schedules',
      action: 'get',
      title: 'Get a schedule',
      summary: "A project's schedule; its id is in the project's dock, name schedule.",
      method: 'GET',
      path: '/schedules/{schedule_id}.json',
      params: z.object({ schedule_id: id("The schedule id from the project's dock") }),
      kind: 'read',
      openapi: ['GetSchedule'],
      view: scheduleView,
    }),
    defineOperation({
      id: 'schedules.settings',
      domain: 'schedules',
      action: 'settings',
      title: 'Change schedule settings',
      summary: 'Choose whether to-dos with due dates show up on the schedule.',
      method: 'PUT',
      path: '/schedules/{schedule_id}.json',
      params: z.object({
        schedule_id: id('The schedule id'),
        include_due_assignments: z.boolean().describe('Show to-dos and cards with due dates on the schedule'),
      }),
      kind: 'write',
      openapi: ['UpdateScheduleSettings'],
      readBack: {
        path: '/schedules/{schedule_id}.json',
        check: (s, p) =>
          s.include_due_assignments === p.include_due_assignments
            ? undefined
            : 'Basecamp answered OK but the setting did not change.',
      },
      view: scheduleView,
    }),
    defineOperation({
      id: 'schedules.entries',
      domain: 'schedules',
      action: 'entries',
      title: 'List events',
      summary: 'The events on a schedule.',
      method: 'GET',
      path: '/schedules/{schedule_id}/entries.json',
      params: z.object({
        schedule_id: id('The schedule id'),
        status: z
          .enum(['archived', 'trashed'])
          .optional()
          .describe('Show archived or trashed events instead'),
      }),
      query: ['status'],
      kind: 'read',
      paginated: true,
      openapi: ['ListScheduleEntries'],
      view: entryView,
    }),
    defineOperation({
      id: 'schedules.entry',
      domain: 'schedules',
      action: 'entry',
      title: 'Get an event',
      summary: 'One schedule event; a repeating one answers with its first occurrence.',
      method: 'GET',
      path: '/schedule_entries/{entry_id}.json',
      params: z.object({ entry_id: id('The event (schedule entry) id') }),
      kind: 'read',
      openapi: ['GetScheduleEntry'],
      view: entryView,
    }),
    defineOperation({
      id: 'schedules.occurrence',
      domain: 'schedules',
      action: 'occurrence',
      title: 'Get one occurrence of a repeating event',
      summary: 'A repeating event on one date.',
      method: 'GET',
      path: '/schedule_entries/{entry_id}/occurrences/{date}.json',
      params: z.object({
        entry_id: id('The repeating event id'),
        date: z
          .string()
          .regex(/^\d{8}$/, 'must be a date like 20261231')
          .describe('The occurrence date, YYYYMMDD'),
      }),
      kind: 'read',
      openapi: ['GetScheduleEntryOccurrence'],
      view: entryView,
    }),
    defineOperation({
      id: 'schedules.create_entry',
      domain: 'schedules',
      action: 'create_entry',
      title: 'Create an event',
      summary: 'Add an event to a schedule.',
      method: 'POST',
      path: '/schedules/{schedule_id}/entries.json',
      params: z.object({
        schedule_id: id('The schedule id'),
        summary: line('What the event is'),
        starts_at: dateTime('When it starts'),
        ends_at: dateTime('When it ends'),
        ...entryFields,
        subscriptions: ids('Who is notified about comments (person ids)').optional(),
      }),
      richText: ['description'],
      kind: 'write',
      openapi: ['CreateScheduleEntry'],
      view: entryView,
    }),
    defineOperation({
      id: 'schedules.update_entry',
      domain: 'schedules',
      action: 'update_entry',
      title: 'Update an event',
      summary: 'Change an event; fields you leave out keep their value.',
      method: 'PUT',
      path: '/schedule_entries/{entry_id}.json',
      params: z.object({
        entry_id: id('The event id'),
        summary: line('What the event is').optional(),
        starts_at: dateTime('When it starts').optional(),
        ends_at: dateTime('When it ends').optional(),
        ...entryFields,
      }),
      richText: ['description'],
      kind: 'write',
      openapi: ['ReplaceScheduleEntry'],
      // The answer's `url` is the entry's API address, not the link sent, so compare what matters.
      readBack: {
        path: '/schedule_entries/{entry_id}.json',
        check: (entry, p) => {
          const stale = ['summary', 'all_day'].filter((key) => p[key] !== undefined && entry[key] !== p[key]);
          for (const key of ['starts_at', 'ends_at'])
            if (typeof p[key] === 'string' && Date.parse(String(entry[key])) !== Date.parse(p[key] as string))
              stale.push(key);
          return stale.length ? `Basecamp answered OK but did not change ${stale.join(', ')}.` : undefined;
        },
      },
      replace: {
        path: '/schedule_entries/{entry_id}.json',
        writable: (e) => ({
          summary: e.summary,
          starts_at: e.starts_at,
          ends_at: e.ends_at,
          description: e.description ?? '',
          all_day: e.all_day,
        }),
      },
      view: entryView,
    }),
    defineOperation({
      id: 'schedules.calendar',
      domain: 'schedules',
      action: 'calendar',
      title: 'Get a calendar',
      summary: 'One calendar (the color-coded layer a schedule belongs to).',
      method: 'GET',
      path: '/calendars/{calendar_id}.json',
      params: z.object({ calendar_id: id('The calendar id') }),
      kind: 'read',
      openapi: ['GetCalendar'],
      view: calendarView,
    }),
    defineOperation({
      id: 'schedules.color_calendar',
      domain: 'schedules',
      action: 'color_calendar',
      title: 'Color a calendar',
      summary: 'Change the color of a calendar.',
      method: 'PUT',
      path: '/calendars/{calendar_id}.json',
      params: z.object({
        calendar_id: id('The calendar id'),
        calendar: z
          .object({ color: z.enum(BASECAMP_COLORS).describe('The new color') })
          .describe('The calendar settings'),
      }),
      kind: 'write',
      openapi: ['UpdateCalendar'],
      view: calendarView,
    }),
    defineOperation({
      id: 'schedules.markers',
      domain: 'schedules',
      action: 'markers',
      title: 'List Lineup markers',
      summary: 'The markers on the account-wide Lineup (milestones shown across projects).',
      method: 'GET',
      path: '/lineup/markers.json',
      params: z.object({}),
      kind: 'read',
      openapi: ['ListLineupMarkers'],
      view: markerView,
    }),
    defineOperation({
      id: 'schedules.create_marker',
      domain: 'schedules',
      action: 'create_marker',
      title: 'Add a Lineup marker',
      summary: 'Put a named marker on the Lineup at a date.',
      method: 'POST',
      path: '/lineup/markers.json',
      params: z.object({ name: line('The marker label'), date: date('The marker date') }),
      kind: 'write',
      openapi: ['CreateLineupMarker'],
      view: markerView,
    }),
    defineOperation({
      id: 'schedules.update_marker',
      domain: 'schedules',
      action: 'update_marker',
      title: 'Change a Lineup marker',
      summary: 'Rename or move a Lineup marker.',
      method: 'PUT',
      path: '/lineup/markers/{marker_id}.json',
      params: z.object({
        marker_id: id('The marker id'),
        name: line('The marker label').optional(),
        date: date('The marker date').optional(),
      }),
      kind: 'write',
      openapi: ['UpdateLineupMarker'],
      view: markerView,
    }),
    defineOperation({
      id: 'schedules.delete_marker',
      domain: 'schedules',
      action: 'delete_marker',
      title: 'Delete a Lineup marker',
      summary: 'Remove a marker from the Lineup.',
      method: 'DELETE',
      path: '/lineup/markers/{marker_id}.json',
      params: z.object({ marker_id: id('The marker id') }),
      kind: 'destructive',
      openapi: ['DeleteLineupMarker'],
    }),
  ],
});
