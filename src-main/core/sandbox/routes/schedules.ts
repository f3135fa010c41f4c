// Schedules and their entries.
import { idList, invalid, ok, requireText, text, type Family, type RouteContext } from '../family.ts';
import { paginate } from '../pagination.ts';
import { addChild, createdRecording, statusFilter } from './kit.ts';

function time(ctx: RouteContext, key: string): string {
  const value = requireText(ctx.body, key);
  if (Number.isNaN(Date.parse(value))) throw invalid(`${key} must be an ISO 8601 time, not '${value}'`);
  return new Date(value).toISOString();
}

function entryFields(ctx: RouteContext) {
  const starts = time(ctx, 'starts_at');
  const ends = time(ctx, 'ends_at');
  if (ends < starts) throw invalid('ends_at must not be before starts_at');
  return {
    description: text(ctx.body, 'description') ?? '',
    starts_at: starts,
    ends_at: ends,
    all_day: ctx.body.all_day === true,
    participant_ids: idList(ctx.body, 'participant_ids') ?? [],
  };
}

export const schedules: Family = {
  name: 'schedules',
  types: {
    Schedule: {
      segment: 'schedules',
      fields: (schedule, view) => ({
        include_due_assignments: schedule.fields.include_due_assignments ?? true,
        entries_count: view.store
          .children(schedule.id, 'Schedule::Entry')
          .filter((e) => e.status === 'active').length,
        entries_url: view.api(`/schedules/${schedule.id}/entries.json`),
      }),
    },
    'Schedule::Entry': {
      segment: 'schedule_entries',
      commentable: true,
      subscribable: true,
      boostable: true,
      searchText: (entry) => String(entry.fields.description ?? ''),
      fields: (entry, view) => ({
        description: entry.fields.description ?? '',
        description_attachments: [],
        summary: entry.title,
        all_day: Boolean(entry.fields.all_day),
        starts_at: entry.fields.starts_at,
        ends_at: entry.fields.ends_at,
        participants: view.people(entry.fields.participant_ids as number[]),
      }),
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/schedules/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Schedule'))),
    },
    {
      method: 'GET',
      path: '/schedules/{id}/entries.json',
      bucketAlias: true,
      handler: (ctx) => {
        const schedule = ctx.find(ctx.id(), 'Schedule');
        const status = statusFilter(ctx);
        const entries = ctx.store
          .children(schedule.id, 'Schedule::Entry')
          .filter((e) => e.status === status)
          .sort((a, b) => String(a.fields.starts_at).localeCompare(String(b.fields.starts_at)));
        return paginate(
          ctx,
          entries.map((e) => ctx.view.recording(e)),
        );
      },
    },
    {
      method: 'POST',
      path: '/schedules/{id}/entries.json',
      bucketAlias: true,
      handler: (ctx) => {
        const schedule = ctx.find(ctx.id(), 'Schedule');
        const entry = addChild(ctx, schedule, {
          type: 'Schedule::Entry',
          title: requireText(ctx.body, 'summary'),
          position: null,
          fields: entryFields(ctx),
        });
        return createdRecording(ctx, entry);
      },
    },
    {
      method: 'GET',
      path: '/schedule_entries/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Schedule::Entry'))),
    },
    {
      method: 'PUT',
      path: '/schedule_entries/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const entry = ctx.find(ctx.id(), 'Schedule::Entry');
        const fields = entryFields(ctx);
        // Participants are kept when omitted (the one documented exception to "PUT replaces").
        if (!('participant_ids' in ctx.body))
          fields.participant_ids = entry.fields.participant_ids as number[];
        ctx.store.update(entry.id, { title: requireText(ctx.body, 'summary'), fields });
        return ok(ctx.view.recording(entry));
      },
    },
  ],
};
