// Foundation routes the full catalog reaches beyond the first families: to-do list groups and
// reordering, a to-do straight in a to-do set, editing a Campfire line and the Campfire's files,
// archiving and unarchiving a project.
import {
  badRequest,
  noContent,
  notFound,
  requireText,
  text,
  type Family,
  type RouteContext,
} from '../family.ts';
import { paginate } from '../pagination.ts';
import { plainText } from '../plain-text.ts';
import type { RecordingStatus } from '../store.ts';
import { activeChildren, newestFirst, addChild, createdRecording } from './kit.ts';

const CHAT_LINES = ['Chat::Lines::Text', 'Chat::Lines::RichText'];

function position(ctx: RouteContext): number {
  const value = Number(ctx.body.position);
  if (!Number.isInteger(value) || value < 1) throw badRequest('position must be a whole number >= 1');
  return value;
}

function projectStatus(status: RecordingStatus) {
  return {
    method: 'PUT' as const,
    path: `/projects/{id}/status/${status}.json`,
    handler: (ctx: RouteContext) => {
      const project = ctx.project(ctx.id());
      project.status = status;
      project.updated_at = ctx.store.now();
      return noContent();
    },
  };
}

export const moreFoundation: Family = {
  name: 'more-foundation',
  routes: [
    {
      method: 'GET',
      path: '/todolists/{id}/groups.json',
      bucketAlias: true,
      handler: (ctx) => {
        const list = ctx.find(ctx.id(), 'Todolist');
        return paginate(
          ctx,
          activeChildren(ctx.store, list.id, 'Todolist').map((g) => ctx.view.recording(g)),
        );
      },
    },
    {
      method: 'POST',
      path: '/todolists/{id}/groups.json',
      bucketAlias: true,
      handler: (ctx) => {
        const list = ctx.find(ctx.id(), 'Todolist');
        const parent = list.parentId === null ? undefined : ctx.store.get(list.parentId);
        if (parent?.type !== 'Todoset') throw badRequest('Groups go in a to-do list, not in another group');
        const group = addChild(ctx, list, {
          type: 'Todolist',
          title: requireText(ctx.body, 'name'),
          fields: { description: '', color: text(ctx.body, 'color') ?? null },
        });
        return createdRecording(ctx, group);
      },
    },
    {
      method: 'PUT',
      path: '/todolists/groups/{id}/position.json',
      bucketAlias: true,
      handler: (ctx) => {
        const group = ctx.find(ctx.id(), 'Todolist');
        if (ctx.store.get(group.parentId ?? 0)?.type !== 'Todolist') throw notFound();
        ctx.store.move(group.id, position(ctx));
        return noContent();
      },
    },
    {
      method: 'PUT',
      path: '/todosets/todolists/{id}/position.json',
      bucketAlias: true,
      handler: (ctx) => {
        const list = ctx.find(ctx.id(), 'Todolist');
        if (ctx.store.get(list.parentId ?? 0)?.type !== 'Todoset') throw notFound();
        ctx.store.move(list.id, position(ctx));
        return noContent();
      },
    },
    {
      method: 'POST',
      path: '/buckets/{bucket}/todosets/{id}/todos.json',
      handler: (ctx) => {
        const todoset = ctx.find(ctx.id(), 'Todoset');
        const content = requireText(ctx.body, 'content');
        const todo = addChild(ctx, todoset, {
          type: 'Todo',
          title: content,
          fields: {
            content,
            description: text(ctx.body, 'description') ?? '',
            assignee_ids: Array.isArray(ctx.body.assignee_ids) ? ctx.body.assignee_ids.map(Number) : [],
            completion_subscriber_ids: [],
            due_on: text(ctx.body, 'due_on') ?? null,
            starts_on: text(ctx.body, 'starts_on') ?? null,
            completed: false,
          },
        });
        return createdRecording(ctx, todo);
      },
    },
    {
      method: 'PUT',
      path: '/chats/{id}/lines/{line}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const chat = ctx.find(ctx.id(), 'Chat::Transcript');
        const line = ctx.find(ctx.id('line'), CHAT_LINES);
        if (line.parentId !== chat.id) throw notFound();
        if (line.creatorId !== ctx.me.id) throw badRequest('You can only edit your own lines');
        const content = requireText(ctx.body, 'content');
        ctx.store.update(line.id, { title: plainText(content), fields: { content } });
        return noContent();
      },
    },
    {
      method: 'GET',
      path: '/chats/{id}/uploads.json',
      bucketAlias: true,
      handler: (ctx) => {
        const chat = ctx.find(ctx.id(), 'Chat::Transcript');
        return paginate(
          ctx,
          activeChildren(ctx.store, chat.id, 'Chat::Lines::Attachment')
            .sort(newestFirst)
            .map((r) => ctx.view.recording(r)),
        );
      },
    },
    projectStatus('archived'),
    projectStatus('active'),
  ],
};
