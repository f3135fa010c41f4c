// The current user's assignments (not paginated): open ones split into priorities / the rest,
// completed ones, and those due in a scope such as `overdue`.
import { badRequest, ok, type Family, type RouteContext } from '../family.ts';
import type { Recording } from '../store.ts';
import { ASSIGNMENT_DUE_SCOPES } from '../../basecamp/vocabulary.ts';

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Which scope a due date falls in, relative to today (weeks run Sunday to Saturday). */
function scopeOf(due: string, today: string): (typeof ASSIGNMENT_DUE_SCOPES)[number] {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  const endOfWeek = addDays(today, 6 - weekday);
  if (due < today) return 'overdue';
  if (due === today) return 'due_today';
  if (due === addDays(today, 1)) return 'due_tomorrow';
  if (due <= endOfWeek) return 'due_later_this_week';
  if (due <= addDays(endOfWeek, 7)) return 'due_next_week';
  return 'due_later';
}

function mine(ctx: RouteContext, completed: boolean): Recording[] {
  return ctx.store
    .where(
      (r) =>
        r.type === 'Todo' &&
        r.status === 'active' &&
        Boolean(r.fields.completed) === completed &&
        ((r.fields.assignee_ids as number[] | undefined) ?? []).includes(ctx.me.id) &&
        ctx.store.projects.get(r.bucketId)?.status === 'active',
    )
    .sort(
      (a, b) =>
        String(a.fields.due_on ?? '9999').localeCompare(String(b.fields.due_on ?? '9999')) || a.id - b.id,
    );
}

function assignment(ctx: RouteContext, todo: Recording, priority = false): Record<string, unknown> {
  const { view, store } = ctx;
  const parent = todo.parentId === null ? undefined : store.get(todo.parentId);
  return {
    id: todo.id,
    app_url: view.appUrl(todo),
    content: todo.fields.content ?? todo.title,
    starts_on: todo.fields.starts_on ?? null,
    due_on: todo.fields.due_on ?? null,
    bucket: {
      id: todo.bucketId,
      name: store.projects.get(todo.bucketId)?.name,
      app_url: view.app(`/buckets/${todo.bucketId}`),
    },
    completed: Boolean(todo.fields.completed),
    type: 'todo',
    assignees: ((todo.fields.assignee_ids as number[]) ?? []).map((id) => ({
      id,
      name: store.people.get(id)?.name,
      avatar_url: view.personById(id)?.avatar_url,
    })),
    comments_count: view.commentsCount(todo),
    has_description: Boolean(String(todo.fields.description ?? '').trim()),
    ...(priority ? { priority_recording_id: todo.id + 1_000_000_000 } : {}),
    parent: parent ? { id: parent.id, title: parent.title, app_url: view.appUrl(parent) } : null,
    children: [],
  };
}

export const my: Family = {
  name: 'my',
  routes: [
    {
      method: 'GET',
      path: '/my/assignments.json',
      handler: (ctx) => {
        const open = mine(ctx, false);
        return ok({
          priorities: open.filter((t) => t.fields.priority).map((t) => assignment(ctx, t, true)),
          non_priorities: open.filter((t) => !t.fields.priority).map((t) => assignment(ctx, t)),
        });
      },
    },
    {
      method: 'GET',
      path: '/my/assignments/completed.json',
      handler: (ctx) => ok(mine(ctx, true).map((t) => assignment(ctx, t))),
    },
    {
      method: 'GET',
      path: '/my/assignments/due.json',
      handler: (ctx) => {
        const scope = ctx.query.get('scope');
        if (scope !== null && !(ASSIGNMENT_DUE_SCOPES as readonly string[]).includes(scope)) {
          throw badRequest(`Invalid scope '${scope}'. Valid options: ${ASSIGNMENT_DUE_SCOPES.join(', ')}`);
        }
        const due = mine(ctx, false).filter((t) => {
          const on = t.fields.due_on;
          return typeof on === 'string' && (scope === null || scopeOf(on, ctx.store.today) === scope);
        });
        return ok(due.map((t) => assignment(ctx, t)));
      },
    },
  ],
};
