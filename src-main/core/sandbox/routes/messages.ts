// Message boards and messages (drafts included: a message is published only with `status: "active"`),
// plus pinning.
import { noContent, ok, requireText, text, type Family, type RouteContext } from '../family.ts';
import { paginate } from '../pagination.ts';
import type { Recording } from '../store.ts';
import { addChild, createdRecording } from './kit.ts';

const published = (m: Recording) => m.status === 'active' && !m.fields.draft;

function listMessages(ctx: RouteContext) {
  const board = ctx.find(ctx.id(), 'Message::Board');
  const sort = ctx.query.get('sort') === 'updated_at' ? 'updatedAt' : 'createdAt';
  const direction = ctx.query.get('direction') === 'asc' ? 1 : -1;
  const messages = ctx.store
    .children(board.id, 'Message')
    .filter(published)
    // Pinned messages come first, as on the board itself.
    .sort(
      (a, b) =>
        Number(Boolean(b.fields.pinned)) - Number(Boolean(a.fields.pinned)) ||
        direction * a[sort].localeCompare(b[sort]),
    );
  return paginate(
    ctx,
    messages.map((m) => ctx.view.recording(m)),
  );
}

function setPinned(ctx: RouteContext, pinned: boolean) {
  const recording = ctx.find(ctx.id(), 'Message');
  ctx.store.update(recording.id, { fields: { pinned } });
  return noContent();
}

export const messages: Family = {
  name: 'messages',
  types: {
    'Message::Board': {
      segment: 'message_boards',
      fields: (board, view) => ({
        messages_count: view.store.children(board.id, 'Message').filter(published).length,
        messages_url: view.api(`${view.path(board)}/messages.json`),
        app_messages_url: view.app(`${view.path(board)}/messages`),
      }),
    },
    Message: {
      segment: 'messages',
      commentable: true,
      subscribable: true,
      boostable: true,
      searchText: (m) => String(m.fields.content ?? ''),
      fields: (message) => ({
        // A draft that was trashed or archived reads as trashed or archived, as in Basecamp.
        ...(message.fields.draft && message.status === 'active' ? { status: 'drafted' } : {}),
        content: message.fields.content ?? '',
        content_attachments: [],
        subject: message.title,
      }),
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/message_boards/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Message::Board'))),
    },
    { method: 'GET', path: '/message_boards/{id}/messages.json', bucketAlias: true, handler: listMessages },
    {
      method: 'POST',
      path: '/message_boards/{id}/messages.json',
      bucketAlias: true,
      handler: (ctx) => {
        const board = ctx.find(ctx.id(), 'Message::Board');
        const message = addChild(ctx, board, {
          type: 'Message',
          title: requireText(ctx.body, 'subject'),
          position: null,
          fields: {
            content: text(ctx.body, 'content') ?? '',
            draft: ctx.body.status !== 'active',
            category_id: ctx.body.category_id ?? null,
          },
        });
        return createdRecording(ctx, message);
      },
    },
    {
      method: 'GET',
      path: '/messages/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Message'))),
    },
    {
      method: 'PUT',
      path: '/messages/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const message = ctx.find(ctx.id(), 'Message');
        const subject = text(ctx.body, 'subject')?.trim();
        const content = text(ctx.body, 'content');
        ctx.store.update(message.id, {
          ...(subject ? { title: subject } : {}),
          fields: {
            ...(content !== undefined ? { content } : {}),
            ...(ctx.body.status === 'active' ? { draft: false } : {}),
            ...(ctx.body.category_id !== undefined ? { category_id: ctx.body.category_id } : {}),
          },
        });
        return ok(ctx.view.recording(message));
      },
    },
    {
      method: 'POST',
      path: '/recordings/{id}/pin.json',
      bucketAlias: true,
      handler: (ctx) => setPinned(ctx, true),
    },
    {
      method: 'DELETE',
      path: '/recordings/{id}/pin.json',
      bucketAlias: true,
      handler: (ctx) => setPinned(ctx, false),
    },
  ],
};
