// To-do sets, to-do lists and to-dos, including completion toggles and repositioning.
import {
  badRequest,
  HttpError,
  idList,
  invalid,
  noContent,
  ok,
  requireText,
  text,
  type Family,
  type RouteContext,
} from '../family.ts';
import { paginate } from '../pagination.ts';
import type { Recording } from '../store.ts';
import { recordActivity } from '../timeline.ts';
import type { View } from '../view.ts';
import { addChild, createdRecording, statusFilter } from './kit.ts';

const LIST_TYPES = ['Todolist'];
/** A card is completed like a to-do: its `completion_url` is `/todos/{card id}/completion.json`. */
const COMPLETABLE = ['Todo', 'Kanban::Card'];

function todosOf(view: View, list: Recording): Recording[] {
  return view.store.children(list.id, 'Todo').filter((t) => t.status === 'active');
}

function ratio(view: View, list: Recording): string {
  const todos = todosOf(view, list);
  return `${todos.filter((t) => t.fields.completed).length}/${todos.length}`;
}

function topLists(view: View, todoset: Recording): Recording[] {
  return view.store.children(todoset.id, 'Todolist').filter((l) => l.status === 'active');
}

/** `status` is `archived` or `trashed`; anything else (including `completed`) is ignored, as in Basecamp. */
function date(body: Record<string, unknown>, key: string): string | null {
  const value = text(body, key)?.trim();
  if (!value) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(`${key} must be a date like 2026-03-31, not '${value}'`);
  }
  return value;
}

function peopleIds(ctx: RouteContext, key: string): number[] {
  const ids = idList(ctx.body, key) ?? [];
  const unknown = ids.filter((id) => !ctx.store.people.has(id));
  if (unknown.length) throw invalid(`${key} has unknown person ids: ${unknown.join(', ')}`);
  return ids;
}

/** The fields a to-do create or full update sets; omitted ones are cleared (PUT replaces). */
function todoFields(ctx: RouteContext): Record<string, unknown> {
  return {
    content: requireText(ctx.body, 'content'),
    description: text(ctx.body, 'description') ?? '',
    assignee_ids: peopleIds(ctx, 'assignee_ids'),
    completion_subscriber_ids: peopleIds(ctx, 'completion_subscriber_ids'),
    due_on: date(ctx.body, 'due_on'),
    starts_on: date(ctx.body, 'starts_on'),
  };
}

function setCompleted(ctx: RouteContext, completed: boolean) {
  const todo = ctx.find(ctx.id(), COMPLETABLE);
  ctx.store.update(todo.id, {
    fields: completed
      ? { completed: true, completed_at: ctx.store.now(), completer_id: ctx.me.id }
      : { completed: false, completed_at: null, completer_id: null },
  });
  return noContent();
}

export const todos: Family = {
  name: 'todos',
  types: {
    Todoset: {
      segment: 'todosets',
      fields: (set, view) => {
        const lists = topLists(view, set);
        const all = lists.flatMap((l) => todosOf(view, l));
        return {
          completed: all.length > 0 && all.every((t) => t.fields.completed),
          completed_ratio: `${all.filter((t) => t.fields.completed).length}/${all.length}`,
          name: set.title,
          todolists_count: lists.length,
          todolists: lists.map((l) => ({
            id: l.id,
            title: l.title,
            description: l.fields.description ?? null,
            completed: todosOf(view, l).length > 0 && todosOf(view, l).every((t) => t.fields.completed),
            completed_ratio: ratio(view, l),
            url: view.url(l),
            app_url: view.appUrl(l),
          })),
          todolists_url: view.api(`${view.path(set)}/todolists.json`),
          app_todoslists_url: view.app(`${view.path(set)}/todolists`),
        };
      },
    },
    Todolist: {
      segment: 'todolists',
      commentable: true,
      subscribable: true,
      boostable: true,
      searchText: (list) => String(list.fields.description ?? ''),
      fields: (list, view) => {
        const todos = todosOf(view, list);
        return {
          description: list.fields.description ?? '',
          description_attachments: [],
          bubble_up_url: view.api(`/buckets/${list.bucketId}/recordings/${list.id}/bubble_up.json`),
          completed: todos.length > 0 && todos.every((t) => t.fields.completed),
          completed_ratio: ratio(view, list),
          name: list.title,
          color: list.fields.color ?? null,
          groups_url: view.api(`${view.path(list)}/groups.json`),
          todos_url: view.api(`${view.path(list)}/todos.json`),
          app_todos_url: view.app(`${view.path(list)}/todos`),
          comments_app_url: view.app(`/buckets/${list.bucketId}/recordings/${list.id}/comments`),
        };
      },
    },
    Todo: {
      segment: 'todos',
      commentable: true,
      subscribable: true,
      boostable: true,
      searchText: (todo) => String(todo.fields.description ?? ''),
      fields: (todo, view) => {
        const f = todo.fields;
        const completer = typeof f.completer_id === 'number' ? view.personById(f.completer_id) : null;
        return {
          description: f.description ?? '',
          description_attachments: [],
          completed: Boolean(f.completed),
          ...(f.completed ? { completion: { created_at: f.completed_at, creator: completer } } : {}),
          content: f.content ?? todo.title,
          starts_on: f.starts_on ?? null,
          due_on: f.due_on ?? null,
          assignees: view.people(f.assignee_ids as number[]),
          completion_subscribers: view.people(f.completion_subscriber_ids as number[]),
          completion_url: view.api(`/todos/${todo.id}/completion.json`),
        };
      },
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/todosets/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Todoset'))),
    },
    {
      method: 'GET',
      path: '/todosets/{id}/todolists.json',
      bucketAlias: true,
      handler: (ctx) => {
        const set = ctx.find(ctx.id(), 'Todoset');
        const status = statusFilter(ctx);
        const lists = ctx.store.children(set.id, 'Todolist').filter((l) => l.status === status);
        return paginate(
          ctx,
          lists.map((l) => ctx.view.recording(l)),
        );
      },
    },
    {
      method: 'POST',
      path: '/todosets/{id}/todolists.json',
      bucketAlias: true,
      handler: (ctx) => {
        const set = ctx.find(ctx.id(), 'Todoset');
        const list = addChild(ctx, set, {
          type: 'Todolist',
          title: requireText(ctx.body, 'name'),
          fields: { description: text(ctx.body, 'description') ?? '' },
        });
        return createdRecording(ctx, list);
      },
    },
    {
      method: 'GET',
      path: '/todolists/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), LIST_TYPES))),
    },
    {
      method: 'PUT',
      path: '/todolists/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const list = ctx.find(ctx.id(), LIST_TYPES);
        const title = requireText(ctx.body, 'name');
        ctx.store.update(list.id, { title, fields: { description: text(ctx.body, 'description') ?? '' } });
        return ok(ctx.view.recording(list));
      },
    },
    {
      method: 'GET',
      path: '/todolists/{id}/todos.json',
      bucketAlias: true,
      handler: (ctx) => {
        const list = ctx.find(ctx.id(), LIST_TYPES);
        const status = statusFilter(ctx);
        const completed = ctx.query.get('completed') === 'true';
        const items = ctx.store
          .children(list.id, 'Todo')
          .filter(
            (t) => t.status === status && (status !== 'active' || Boolean(t.fields.completed) === completed),
          );
        return paginate(
          ctx,
          items.map((t) => ctx.view.recording(t)),
        );
      },
    },
    {
      method: 'POST',
      path: '/todolists/{id}/todos.json',
      bucketAlias: true,
      handler: (ctx) => {
        const list = ctx.find(ctx.id(), LIST_TYPES);
        const fields = todoFields(ctx);
        const todo = addChild(ctx, list, {
          type: 'Todo',
          title: String(fields.content),
          fields: { ...fields, completed: false },
        });
        return createdRecording(ctx, todo);
      },
    },
    {
      method: 'GET',
      path: '/todos/{id}.json',
      bucketAlias: true,
      // Also a card, which lives under /todos/ for its completion: reading it back there shows the change.
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), COMPLETABLE))),
    },
    {
      method: 'PUT',
      path: '/todos/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const todo = ctx.find(ctx.id(), 'Todo');
        const fields = todoFields(ctx);
        ctx.store.update(todo.id, { title: String(fields.content), fields });
        recordActivity(ctx, todo, 'changed');
        return ok(ctx.view.recording(todo));
      },
    },
    {
      method: 'POST',
      path: '/todos/{id}/completion.json',
      bucketAlias: true,
      handler: (ctx) => setCompleted(ctx, true),
    },
    {
      method: 'DELETE',
      path: '/todos/{id}/completion.json',
      bucketAlias: true,
      handler: (ctx) => setCompleted(ctx, false),
    },
    {
      method: 'PUT',
      path: '/todos/{id}/position.json',
      bucketAlias: true,
      handler: (ctx) => {
        const todo = ctx.find(ctx.id(), 'Todo');
        const position = Number(ctx.body.position);
        if (!Number.isInteger(position) || position < 1)
          throw badRequest('position must be a whole number >= 1');
        let parentId: number | undefined;
        if (ctx.body.parent_id !== undefined) {
          const parent = ctx.store.get(Number(ctx.body.parent_id));
          if (!parent || parent.type !== 'Todolist' || parent.bucketId !== todo.bucketId) {
            throw new HttpError(404, 'parent_id is not a to-do list in this project');
          }
          parentId = parent.id;
        }
        ctx.store.move(todo.id, position, parentId);
        return noContent();
      },
    },
  ],
};
