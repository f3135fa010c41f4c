// Account-wide views: the "everything" feeds (to-dos, cards, messages, comments, files, forwards,
// check-in answers), reports (overdue, assigned, upcoming), activity timelines, gauges and
// timesheets. Everything is computed from the store, so writes show up in the reports.
import {
  badRequest,
  invalid,
  noContent,
  notFound,
  ok,
  requireText,
  text,
  type Family,
  type RouteContext,
} from '../family.ts';
import { paginate } from '../pagination.ts';
import type { Recording } from '../store.ts';
import { timeline } from '../timeline.ts';
import { accountState, getRecording, addChild, createdRecording } from './kit.ts';

const visible = (ctx: RouteContext, r: Recording) =>
  r.status === 'active' &&
  ctx.store.projects.get(r.bucketId)?.status === 'active' &&
  (ctx.store.projects.get(r.bucketId)?.people.includes(ctx.me.id) ?? false);

const newest = (a: Recording, b: Recording) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id;
const assignees = (r: Recording) => (r.fields.assignee_ids as number[] | undefined) ?? [];
const dueOn = (r: Recording) => (typeof r.fields.due_on === 'string' ? r.fields.due_on : null);

type TaskFilter = 'open' | 'completed' | 'no_due_date' | 'unassigned' | 'not_now' | 'overdue';

/**
 * The people a repeated `key[]=` filter names, or undefined when it is absent. A value that is not a whole
 * number names nobody (it still filters), as Basecamp reads ids as integers.
 */
function peopleIn(ctx: RouteContext, key: 'assignee_ids[]' | 'people_ids[]'): Set<number> | undefined {
  const values = ctx.query.getAll(key).filter((value) => value.trim() !== '');
  return values.length === 0 ? undefined : new Set(values.map(Number).filter(Number.isInteger));
}

/**
 * The account-wide to-do and card feeds' `assignee_ids[]`: tasks assigned to at least one of those people;
 * assignees of a card's steps do not count.
 */
function assignedToAny(ctx: RouteContext, items: Recording[]): Recording[] {
  const wanted = peopleIn(ctx, 'assignee_ids[]');
  return wanted ? items.filter((r) => assignees(r).some((id) => wanted.has(id))) : items;
}

function tasks(ctx: RouteContext, type: 'Todo' | 'Kanban::Card', filter: TaskFilter): Recording[] {
  const today = ctx.store.today;
  const parentType = (r: Recording) => (r.parentId === null ? undefined : ctx.store.get(r.parentId)?.type);
  const due = ctx.query.get('due');
  return ctx.store
    .where((r) => r.type === type && visible(ctx, r))
    .filter((r) => {
      const done =
        Boolean(r.fields.completed) || (type === 'Kanban::Card' && parentType(r) === 'Kanban::DoneColumn');
      if (filter === 'completed') return done;
      if (done) return false;
      if (filter === 'not_now') return parentType(r) === 'Kanban::NotNowColumn';
      if (filter === 'no_due_date') return dueOn(r) === null;
      if (filter === 'unassigned') return assignees(r).length === 0;
      if (filter === 'overdue') return dueOn(r) !== null && dueOn(r)! < today;
      return true;
    })
    .filter((r) =>
      due === 'with'
        ? dueOn(r) !== null
        : due === 'without'
          ? dueOn(r) === null
          : due === 'overdue'
            ? (dueOn(r) ?? '9999') < today
            : true,
    );
}

/** The to-do and card feeds answer one group per project. */
function grouped(ctx: RouteContext, items: Recording[], key: 'todos' | 'cards') {
  const byProject = new Map<number, Recording[]>();
  for (const r of items) byProject.set(r.bucketId, [...(byProject.get(r.bucketId) ?? []), r]);
  return [...byProject.entries()].map(([bucketId, list]) => ({
    bucket: ctx.view.bucket(bucketId),
    [key]: list.map((r) => ctx.view.recording(r)),
  }));
}

function feed(ctx: RouteContext, types: string[]) {
  return paginate(
    ctx,
    ctx.store
      .where((r) => types.includes(r.type) && visible(ctx, r) && !r.fields.draft)
      .sort(newest)
      .map((r) => ctx.view.recording(r)),
  );
}

/** The timeline of what the signed-in person can see; `keep` picks by recording and by who did it. */
function activity(ctx: RouteContext, keep: (r: Recording, doerId: number) => boolean) {
  return timeline(ctx, (r) => visible(ctx, r), keep);
}

interface Gauge {
  enabled: boolean;
}

const gauges = (ctx: RouteContext) => accountState(ctx.store, 'gauges', () => new Map<number, Gauge>());

function gaugeJson(ctx: RouteContext, projectId: number) {
  const project = ctx.project(projectId);
  const needles = ctx.store
    .where((r) => r.type === 'Gauge::Needle' && r.bucketId === projectId && r.status === 'active')
    .sort(newest);
  return {
    id: projectId + 700_000_000,
    status: 'active',
    visible_to_clients: false,
    created_at: project.created_at,
    updated_at: needles[0]?.updatedAt ?? project.updated_at,
    title: 'Gauge',
    inherits_status: true,
    type: 'Gauge',
    url: ctx.view.api(`/projects/${projectId}/gauge.json`),
    app_url: ctx.view.app(`/projects/${projectId}/gauge`),
    bucket: ctx.view.bucket(projectId),
    creator: ctx.view.personById(project.people[0] ?? ctx.me.id),
    description: '',
    description_attachments: [],
    enabled: gauges(ctx).get(projectId)?.enabled ?? needles.length > 0,
    last_needle_color: needles[0]?.fields.color ?? null,
    last_needle_position: needles[0]?.fields.position ?? null,
    previous_needle_position: needles[1]?.fields.position ?? null,
  };
}

function hoursOf(value: unknown): string {
  const raw = String(value ?? '').trim();
  const clock = /^(\d+):(\d{2})$/.exec(raw);
  const hours = clock ? Number(clock[1]) + Number(clock[2]) / 60 : Number(raw);
  if (!raw || !Number.isFinite(hours) || hours <= 0)
    throw invalid('hours must be a positive number like 1.5 or 1:30');
  return hours.toFixed(1);
}

function timesheet(ctx: RouteContext, keep: (r: Recording) => boolean) {
  const from = ctx.query.get('from');
  const to = ctx.query.get('to');
  const person = ctx.query.get('person_id');
  return ctx.store
    .where((r) => r.type === 'Timesheet::Entry' && r.status === 'active' && keep(r))
    .filter(
      (r) =>
        (!from || String(r.fields.date) >= from) &&
        (!to || String(r.fields.date) <= to) &&
        (!person || String(r.fields.person_id) === person),
    )
    .sort((a, b) => String(b.fields.date).localeCompare(String(a.fields.date)) || b.id - a.id)
    .map((r) => ctx.view.recording(r));
}

export const reports: Family = {
  name: 'reports',
  types: {
    'Gauge::Needle': {
      segment: 'gauge_needles',
      commentable: true,
      subscribable: true,
      boostable: true,
      fields: (n) => ({
        description: n.fields.description ?? '',
        description_attachments: [],
        color: n.fields.color ?? 'green',
        position: n.fields.position,
      }),
    },
    'Timesheet::Entry': {
      segment: 'timesheet_entries',
      fields: (e, view) => ({
        date: e.fields.date,
        description: e.fields.description ?? '',
        hours: e.fields.hours,
        person: view.personById(Number(e.fields.person_id)),
      }),
    },
  },
  routes: [
    ...(['open', 'completed', 'no_due_date', 'unassigned'] as const).map((filter) => ({
      method: 'GET' as const,
      path: `/todos/${filter}.json`,
      handler: (ctx: RouteContext) =>
        paginate(ctx, grouped(ctx, assignedToAny(ctx, tasks(ctx, 'Todo', filter)), 'todos')),
    })),
    {
      method: 'GET',
      path: '/todos/overdue.json',
      handler: (ctx) =>
        ok(assignedToAny(ctx, tasks(ctx, 'Todo', 'overdue')).map((r) => ctx.view.recording(r))),
    },
    ...(['open', 'completed', 'not_now', 'no_due_date', 'unassigned'] as const).map((filter) => ({
      method: 'GET' as const,
      path: `/cards/${filter}.json`,
      handler: (ctx: RouteContext) =>
        paginate(ctx, grouped(ctx, assignedToAny(ctx, tasks(ctx, 'Kanban::Card', filter)), 'cards')),
    })),
    {
      method: 'GET',
      path: '/cards/overdue.json',
      handler: (ctx) =>
        ok(assignedToAny(ctx, tasks(ctx, 'Kanban::Card', 'overdue')).map((r) => ctx.view.recording(r))),
    },
    { method: 'GET', path: '/messages.json', handler: (ctx) => feed(ctx, ['Message']) },
    { method: 'GET', path: '/comments.json', handler: (ctx) => feed(ctx, ['Comment']) },
    { method: 'GET', path: '/forwards.json', handler: (ctx) => feed(ctx, ['Inbox::Forward']) },
    { method: 'GET', path: '/checkins.json', handler: (ctx) => feed(ctx, ['Question::Answer']) },
    {
      method: 'GET',
      path: '/files.json',
      handler: (ctx) => {
        const kind = ctx.query.get('kind') ?? 'all';
        const wanted: Record<string, (type: string) => boolean> = {
          all: () => true,
          images: (t) => t.startsWith('image/'),
          pdfs: (t) => t === 'application/pdf',
          videos: (t) => t.startsWith('video/'),
          documents: (t) => !t.startsWith('image/') && !t.startsWith('video/'),
        };
        const keep = wanted[kind] ?? wanted.all!;
        // `people_ids[]`: files created by any of those people.
        const creators = peopleIn(ctx, 'people_ids[]');
        return paginate(
          ctx,
          ctx.store
            .where(
              (r) =>
                r.type === 'Upload' &&
                visible(ctx, r) &&
                keep(String(r.fields.content_type ?? '')) &&
                (!creators || creators.has(r.creatorId)),
            )
            .sort(newest)
            .map((r) => ({ ...ctx.view.recording(r), attachable_sgid: r.fields.attachable_sgid ?? null })),
        );
      },
    },
    {
      method: 'GET',
      path: '/reports/todos/overdue.json',
      handler: (ctx) => {
        const today = Date.parse(ctx.store.today);
        const late = (r: Recording) => (today - Date.parse(dueOn(r)!)) / 86_400_000;
        const overdue = tasks(ctx, 'Todo', 'overdue');
        const band = (min: number, max: number) =>
          overdue.filter((r) => late(r) > min && late(r) <= max).map((r) => ctx.view.recording(r));
        return ok({
          under_a_week_late: band(0, 7),
          over_a_week_late: band(7, 30),
          over_a_month_late: band(30, 90),
          over_three_months_late: band(90, Infinity),
        });
      },
    },
    {
      method: 'GET',
      path: '/reports/todos/assigned.json',
      handler: (ctx) => {
        const ids = new Set(ctx.store.where((r) => r.type === 'Todo' && visible(ctx, r)).flatMap(assignees));
        return ok(ctx.view.people([...ids].sort((a, b) => a - b)));
      },
    },
    {
      method: 'GET',
      path: '/reports/todos/assigned/{id}.json',
      handler: (ctx) => {
        const person = ctx.store.people.get(ctx.id());
        if (!person) throw notFound();
        const groupBy = ctx.query.get('group_by') ?? 'bucket';
        if (groupBy !== 'bucket' && groupBy !== 'date')
          throw badRequest("group_by must be 'bucket' or 'date'");
        const todos = tasks(ctx, 'Todo', 'open')
          .filter((r) => assignees(r).includes(person.id))
          .sort(
            (a, b) =>
              (groupBy === 'date'
                ? (dueOn(a) ?? '9999').localeCompare(dueOn(b) ?? '9999')
                : a.bucketId - b.bucketId) || a.id - b.id,
          );
        return ok({
          person: ctx.view.person(person),
          grouped_by: groupBy,
          todos: todos.map((r) => ctx.view.recording(r)),
        });
      },
    },
    {
      method: 'GET',
      path: '/reports/schedules/upcoming.json',
      handler: (ctx) => {
        const start = ctx.query.get('window_starts_on');
        const end = ctx.query.get('window_ends_on');
        if (!start || !end) throw badRequest('window_starts_on and window_ends_on are required (YYYY-MM-DD)');
        const inWindow = (day: string | null) => day !== null && day >= start && day <= end;
        const entries = ctx.store
          .where(
            (r) =>
              r.type === 'Schedule::Entry' &&
              visible(ctx, r) &&
              inWindow(String(r.fields.starts_at ?? '').slice(0, 10)),
          )
          .sort((a, b) => String(a.fields.starts_at).localeCompare(String(b.fields.starts_at)))
          .map((r) => ({
            id: r.id,
            status: r.status,
            visible_to_clients: r.visibleToClients,
            url: ctx.view.url(r),
            app_url: ctx.view.appUrl(r),
            type: r.type,
            summary: r.title,
            all_day: Boolean(r.fields.all_day),
            recurring: false,
            starts_at: r.fields.starts_at,
            ends_at: r.fields.ends_at,
            creator: ctx.view.personById(r.creatorId),
            participants: ctx.view.people(r.fields.participant_ids as number[]),
            bucket: ctx.view.bucket(r.bucketId),
            comments_count: ctx.view.commentsCount(r),
          }));
        const assignables = ctx.store
          .where(
            (r) =>
              (r.type === 'Todo' || r.type === 'Kanban::Card') &&
              visible(ctx, r) &&
              !r.fields.completed &&
              inWindow(dueOn(r)),
          )
          .map((r) => ({ ...ctx.view.recording(r), repeating: false }));
        return ok({ schedule_entries: entries, recurring_schedule_entry_occurrences: [], assignables });
      },
    },
    {
      method: 'GET',
      path: '/reports/progress.json',
      handler: (ctx) =>
        paginate(
          ctx,
          activity(ctx, () => true),
        ),
    },
    {
      method: 'GET',
      path: '/projects/{id}/timeline.json',
      handler: (ctx) => {
        const project = ctx.project(ctx.id());
        return paginate(
          ctx,
          activity(ctx, (r) => r.bucketId === project.id),
        );
      },
    },
    {
      method: 'GET',
      path: '/reports/users/progress/{id}.json',
      handler: (ctx) => {
        const person = ctx.store.people.get(ctx.id());
        if (!person) throw notFound();
        return ok({
          person: ctx.view.person(person),
          events: activity(ctx, (_r, doerId) => doerId === person.id).slice(0, 50),
        });
      },
    },
    {
      method: 'GET',
      path: '/reports/gauges.json',
      handler: (ctx) => {
        const only = ctx.query.get('bucket_ids')?.split(',').map(Number);
        const projects = [...ctx.store.projects.values()].filter(
          (p) => p.status === 'active' && (!only || only.includes(p.id)),
        );
        return paginate(
          ctx,
          projects.map((p) => gaugeJson(ctx, p.id)).filter((g) => g.enabled),
        );
      },
    },
    {
      method: 'PUT',
      path: '/projects/{id}/gauge.json',
      handler: (ctx) => {
        const project = ctx.project(ctx.id());
        const gauge = ctx.body.gauge as { enabled?: unknown } | undefined;
        if (typeof gauge?.enabled !== 'boolean') throw badRequest('gauge.enabled must be true or false');
        gauges(ctx).set(project.id, { enabled: gauge.enabled });
        return ok(gaugeJson(ctx, project.id));
      },
    },
    {
      method: 'GET',
      path: '/projects/{id}/gauge/needles.json',
      handler: (ctx) => {
        const project = ctx.project(ctx.id());
        return paginate(
          ctx,
          ctx.store
            .where((r) => r.type === 'Gauge::Needle' && r.bucketId === project.id && r.status === 'active')
            .sort(newest)
            .map((r) => ctx.view.recording(r)),
        );
      },
    },
    {
      method: 'POST',
      path: '/projects/{id}/gauge/needles.json',
      handler: (ctx) => {
        const project = ctx.project(ctx.id());
        const needle = (ctx.body.gauge_needle ?? {}) as Record<string, unknown>;
        const position = Number(needle.position);
        if (!Number.isInteger(position) || position < 0 || position > 100)
          throw invalid('gauge_needle.position must be 0-100');
        const color = needle.color === undefined ? 'green' : String(needle.color);
        if (!['green', 'yellow', 'red'].includes(color))
          throw invalid('gauge_needle.color must be green, yellow or red');
        const record = ctx.store.add({
          type: 'Gauge::Needle',
          bucketId: project.id,
          parentId: null,
          creatorId: ctx.me.id,
          title: `${position}%`,
          position: null,
          fields: { position, color, description: text(needle, 'description') ?? '' },
        });
        gauges(ctx).set(project.id, { enabled: true });
        return createdRecording(ctx, record);
      },
    },
    getRecording('/gauge_needles/{id}.json', 'Gauge::Needle'),
    {
      method: 'PUT',
      path: '/gauge_needles/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const needle = ctx.find(ctx.id(), 'Gauge::Needle');
        const change = (ctx.body.gauge_needle ?? {}) as Record<string, unknown>;
        if (change.description !== undefined)
          ctx.store.update(needle.id, { fields: { description: text(change, 'description') ?? '' } });
        return ok(ctx.view.recording(needle));
      },
    },
    {
      method: 'DELETE',
      path: '/gauge_needles/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        ctx.store.update(ctx.find(ctx.id(), 'Gauge::Needle').id, { status: 'trashed' });
        return noContent();
      },
    },
    { method: 'GET', path: '/reports/timesheet.json', handler: (ctx) => ok(timesheet(ctx, () => true)) },
    {
      method: 'GET',
      path: '/projects/{id}/timesheet.json',
      handler: (ctx) => {
        const project = ctx.project(ctx.id());
        return paginate(
          ctx,
          timesheet(ctx, (r) => r.bucketId === project.id),
        );
      },
    },
    {
      method: 'GET',
      path: '/recordings/{id}/timesheet.json',
      bucketAlias: true,
      handler: (ctx) => {
        const recording = ctx.find(ctx.id());
        return paginate(
          ctx,
          timesheet(ctx, (r) => r.parentId === recording.id),
        );
      },
    },
    getRecording('/timesheet_entries/{id}.json', 'Timesheet::Entry'),
    {
      method: 'POST',
      path: '/recordings/{id}/timesheet/entries.json',
      bucketAlias: true,
      handler: (ctx) => {
        const recording = ctx.find(ctx.id());
        if (!ctx.store.projects.get(recording.bucketId)?.timesheet_enabled)
          throw invalid('The timesheet is not turned on for this project');
        const date = requireText(ctx.body, 'date');
        const person = ctx.body.person_id === undefined ? ctx.me.id : Number(ctx.body.person_id);
        if (!ctx.store.people.has(person)) throw invalid('person_id is not a person on this account');
        const entry = addChild(ctx, recording, {
          type: 'Timesheet::Entry',
          title: `Time on ${recording.title}`,
          position: null,
          fields: {
            date,
            hours: hoursOf(ctx.body.hours),
            description: text(ctx.body, 'description') ?? '',
            person_id: person,
          },
        });
        return createdRecording(ctx, entry);
      },
    },
    {
      method: 'PUT',
      path: '/timesheet_entries/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const entry = ctx.find(ctx.id(), 'Timesheet::Entry');
        ctx.store.update(entry.id, {
          fields: {
            ...(ctx.body.date !== undefined ? { date: requireText(ctx.body, 'date') } : {}),
            ...(ctx.body.hours !== undefined ? { hours: hoursOf(ctx.body.hours) } : {}),
            ...(ctx.body.description !== undefined
              ? { description: text(ctx.body, 'description') ?? '' }
              : {}),
            ...(ctx.body.person_id !== undefined ? { person_id: Number(ctx.body.person_id) } : {}),
          },
        });
        return ok(ctx.view.recording(entry));
      },
    },
    {
      method: 'DELETE',
      path: '/timesheet_entries/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        ctx.store.update(ctx.find(ctx.id(), 'Timesheet::Entry').id, { status: 'trashed' });
        return noContent();
      },
    },
  ],
};
