// The signed-in person's own things beyond assignments: Up next priorities, notifications (Hey!)
// and marking them read, drafts, bookmarks, the private note, profile, preferences, out of office.
import {
  badRequest,
  invalid,
  noContent,
  notFound,
  ok,
  text,
  type Family,
  type RouteContext,
} from '../family.ts';
import { paginate } from '../pagination.ts';
import { plainExcerpt } from '../plain-text.ts';
import type { Recording } from '../store.ts';
import { sgidFor } from '../view.ts';
import { bookmarks } from './engagement.ts';
import { accountState } from './kit.ts';

interface Note {
  content: string;
  updatedAt: string | null;
}

interface Away {
  start: string;
  end: string;
}

const note = (ctx: RouteContext) =>
  accountState<Note>(ctx.store, 'note', () => ({ content: '', updatedAt: null }));

/** The private note as Basecamp shows it; it has no id until it was first saved. */
function noteJson(ctx: RouteContext, n: Note) {
  return {
    id: n.updatedAt ? ctx.me.id + 800_000_000 : null,
    type: 'My::Note',
    created_at: n.updatedAt,
    updated_at: n.updatedAt,
    content: n.content,
    content_attachments: [],
    url: ctx.view.api('/my/notes.json'),
    app_url: ctx.view.app('/my/notes'),
  };
}
const preferences = (ctx: RouteContext) =>
  accountState(ctx.store, 'preferences', () => ({ first_week_day: 'Monday', time_format: 'twelve_hour' }));
const away = (ctx: RouteContext) => accountState(ctx.store, 'out_of_office', () => new Map<number, Away>());
const readAt = (ctx: RouteContext) => accountState(ctx.store, 'readings', () => new Map<string, string>());

const NOTIFYING = ['Comment', 'Message', 'Question::Answer', 'Inbox::Forward'];

/** What lands in your Hey! menu: the latest comments, messages and answers by others in your projects. */
function notifications(ctx: RouteContext) {
  const reads = readAt(ctx);
  return ctx.store
    .where(
      (r) =>
        NOTIFYING.includes(r.type) &&
        r.status === 'active' &&
        r.creatorId !== ctx.me.id &&
        !r.fields.draft &&
        (ctx.store.projects.get(r.bucketId)?.people.includes(ctx.me.id) ?? false),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
    .slice(0, 60)
    .map((r) => {
      const target = r.type === 'Comment' && r.parentId !== null ? (ctx.store.get(r.parentId) ?? r) : r;
      const sgid = sgidFor('Readable', r.id);
      const readOn = reads.get(sgid) ?? null;
      return {
        id: r.id + 900_000_000,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
        section: r.type === 'Comment' ? 'comments' : 'new',
        unread_count: readOn ? 0 : 1,
        unread_at: readOn ? null : r.createdAt,
        read_at: readOn,
        readable_sgid: sgid,
        readable_identifier: `${r.type}/${r.id}`,
        title: target.title,
        type: r.type,
        bucket_name: ctx.view.bucket(r.bucketId).name,
        creator: ctx.view.personById(r.creatorId),
        content_excerpt: plainExcerpt(String(r.fields.content ?? '')),
        app_url: ctx.view.appUrl(r),
        unread_url: ctx.view.api(`/my/unreads/${sgid}.json`),
        subscribed: true,
      };
    });
}

function draftJson(ctx: RouteContext, r: Recording) {
  const parent = r.parentId === null ? undefined : ctx.store.get(r.parentId);
  return {
    id: r.id,
    app_url: ctx.view.appUrl(r),
    title: r.title,
    type: r.type,
    bucket: {
      id: r.bucketId,
      name: ctx.view.bucket(r.bucketId).name,
      app_url: ctx.view.app(`/projects/${r.bucketId}`),
    },
    parent: parent ? { id: parent.id, title: parent.title, app_url: ctx.view.appUrl(parent) } : null,
    excerpt: plainExcerpt(String(r.fields.content ?? '')),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    scheduled_posting_at: null,
  };
}

function outOfOfficeJson(ctx: RouteContext, personId: number) {
  const person = ctx.store.people.get(personId);
  if (!person) throw notFound();
  const period = away(ctx).get(personId);
  const today = ctx.store.today;
  const ongoing = period !== undefined && period.start <= today && today <= period.end;
  const next = period ? new Date(Date.parse(period.end) + 86_400_000).toISOString().slice(0, 10) : null;
  return {
    person: { id: person.id, name: person.name, avatar_url: String(ctx.view.person(person).avatar_url) },
    enabled: period !== undefined,
    ongoing,
    start_date: period?.start ?? null,
    end_date: period?.end ?? null,
    back_on_date: next,
  };
}

function preferencesJson(ctx: RouteContext) {
  return {
    url: ctx.view.api('/my/preferences.json'),
    app_url: ctx.view.app('/my/preferences'),
    time_zone_name: ctx.me.time_zone,
    ...preferences(ctx),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const myMore: Family = {
  name: 'my-more',
  routes: [
    {
      method: 'POST',
      path: '/my/priorities.json',
      handler: (ctx) => {
        const recording = ctx.find(Number(ctx.body.id));
        if (!((recording.fields.assignee_ids as number[] | undefined) ?? []).includes(ctx.me.id))
          throw invalid('Only your own assignments can go into Up next');
        ctx.store.update(recording.id, { fields: { priority: true } });
        return noContent();
      },
    },
    {
      method: 'DELETE',
      path: '/my/priorities/{id}.json',
      handler: (ctx) => {
        ctx.store.update(ctx.find(ctx.id()).id, { fields: { priority: false } });
        return noContent();
      },
    },
    {
      method: 'POST',
      path: '/my/priority_moves.json',
      handler: (ctx) => {
        const recording = ctx.find(Number(ctx.body.source_id));
        if (!recording.fields.priority) throw invalid('source_id is not in your Up next list');
        const position = Number(ctx.body.position);
        if (!Number.isInteger(position) || position < 1)
          throw badRequest('position must be a whole number >= 1');
        ctx.store.update(recording.id, { fields: { priority_position: position } });
        return noContent();
      },
    },
    {
      method: 'GET',
      path: '/my/readings.json',
      handler: (ctx) => {
        const all = notifications(ctx);
        return ok({
          unreads: all.filter((n) => n.read_at === null).slice(0, 100),
          reads: all.filter((n) => n.read_at !== null).slice(0, 50),
          memories: [],
          bubble_ups: [],
          bubble_ups_count: 0,
          scheduled_bubble_ups_count: 0,
        });
      },
    },
    { method: 'GET', path: '/my/readings/bubble_ups.json', handler: (ctx) => paginate(ctx, []) },
    {
      method: 'PUT',
      path: '/my/unreads.json',
      handler: (ctx) => {
        const readables = ctx.body.readables;
        if (!Array.isArray(readables) || readables.length === 0)
          throw badRequest('readables must be a list of readable_sgid values');
        const at = ctx.store.now();
        for (const sgid of readables) readAt(ctx).set(String(sgid), at);
        return ok({ marked: readables.length });
      },
    },
    {
      method: 'GET',
      path: '/my/drafts.json',
      handler: (ctx) =>
        paginate(
          ctx,
          ctx.store
            .where((r) => Boolean(r.fields.draft) && r.creatorId === ctx.me.id && r.status === 'active')
            .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
            .map((r) => draftJson(ctx, r)),
        ),
    },
    {
      method: 'GET',
      path: '/my/bookmarks.json',
      handler: (ctx) =>
        paginate(
          ctx,
          [...bookmarks(ctx.store).entries()].flatMap(([recordingId, b]) => {
            const recording = ctx.store.get(recordingId);
            return recording
              ? [
                  {
                    id: b.id,
                    created_at: b.createdAt,
                    updated_at: b.createdAt,
                    recording: ctx.view.recording(recording),
                  },
                ]
              : [];
          }),
        ),
    },
    {
      method: 'GET',
      path: '/my/notes.json',
      handler: (ctx) => {
        return ok(noteJson(ctx, note(ctx)));
      },
    },
    {
      method: 'PUT',
      path: '/my/notes.json',
      handler: (ctx) => {
        const body = ctx.body.note as Record<string, unknown> | undefined;
        if (!body || typeof body.content !== 'string') throw badRequest('note.content is required');
        const n = note(ctx);
        n.content = body.content;
        n.updatedAt = ctx.store.now();
        return ok(noteJson(ctx, n));
      },
    },
    {
      method: 'PUT',
      path: '/my/profile.json',
      handler: (ctx) => {
        const me = ctx.me;
        const email = text(ctx.body, 'email_address');
        if (email !== undefined) {
          if ([...ctx.store.people.values()].some((p) => p.id !== me.id && p.email_address === email))
            throw invalid('Email address is already in use');
          me.email_address = email;
        }
        for (const key of ['name', 'title', 'bio', 'location'] as const) {
          const value = text(ctx.body, key);
          if (value !== undefined) me[key] = value;
        }
        const zone = text(ctx.body, 'time_zone_name');
        if (zone) me.time_zone = zone;
        me.updated_at = ctx.store.now();
        return noContent();
      },
    },
    { method: 'GET', path: '/my/preferences.json', handler: (ctx) => ok(preferencesJson(ctx)) },
    {
      method: 'PUT',
      path: '/my/preferences.json',
      handler: (ctx) => {
        const person = ctx.body.person as Record<string, unknown> | undefined;
        if (!person || typeof person !== 'object') throw badRequest('Send the preferences under "person"');
        const prefs = preferences(ctx);
        if (typeof person.time_zone_name === 'string') ctx.me.time_zone = person.time_zone_name;
        if (typeof person.first_week_day === 'string') prefs.first_week_day = person.first_week_day;
        if (person.time_format === 'twelve_hour' || person.time_format === 'twenty_four_hour')
          prefs.time_format = person.time_format;
        return ok(preferencesJson(ctx));
      },
    },
    {
      method: 'GET',
      path: '/people/{id}/out_of_office.json',
      handler: (ctx) => ok(outOfOfficeJson(ctx, ctx.id())),
    },
    {
      method: 'POST',
      path: '/people/{id}/out_of_office.json',
      handler: (ctx) => {
        const id = ctx.id();
        if (id !== ctx.me.id && !ctx.me.admin) throw notFound();
        const period = ctx.body.out_of_office as Record<string, unknown> | undefined;
        const start = String(period?.start_date ?? '');
        const end = String(period?.end_date ?? '');
        if (!DATE.test(start) || !DATE.test(end))
          throw badRequest('out_of_office needs start_date and end_date (YYYY-MM-DD)');
        if (end < start) throw invalid('end_date must not be before start_date');
        away(ctx).set(id, { start, end });
        return ok(outOfOfficeJson(ctx, id));
      },
    },
    {
      method: 'DELETE',
      path: '/people/{id}/out_of_office.json',
      handler: (ctx) => {
        outOfOfficeJson(ctx, ctx.id());
        away(ctx).delete(ctx.id());
        return noContent();
      },
    },
  ],
};
