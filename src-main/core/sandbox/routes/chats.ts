// Campfires (chats) and their lines. A line is plain text unless `content_type: "text/html"`.
import {
  noContent,
  notFound,
  ok,
  requireText,
  type Family,
  type RouteContext,
  type TypeSpec,
} from '../family.ts';
import { paginate } from '../pagination.ts';
import { plainText } from '../plain-text.ts';
import type { Recording } from '../store.ts';
import { addChild, createdRecording } from './kit.ts';

const LINE_TYPES = ['Chat::Lines::Text', 'Chat::Lines::RichText'];

const line: TypeSpec = {
  segment: (r: Recording) => `chats/${r.parentId}/lines`,
  appPath: (r) => `/buckets/${r.bucketId}/chats/${r.parentId}@${r.id}`,
  boostable: true,
  searchText: (r) => String(r.fields.content ?? ''),
  fields: (r) => ({ content: r.fields.content ?? '' }),
};

function findLine(ctx: RouteContext): Recording {
  const chat = ctx.find(ctx.id(), 'Chat::Transcript');
  const found = ctx.find(ctx.id('line'), LINE_TYPES);
  if (found.parentId !== chat.id || found.status === 'trashed') throw notFound();
  return found;
}

export const chats: Family = {
  name: 'chats',
  types: {
    'Chat::Transcript': {
      segment: 'chats',
      subscribable: true,
      fields: (chat, view) => ({
        topic: chat.title,
        lines_url: view.api(`${view.path(chat)}/lines.json`),
        files_url: view.api(`${view.path(chat)}/uploads.json`),
      }),
    },
    'Chat::Lines::Text': line,
    'Chat::Lines::RichText': line,
  },
  routes: [
    {
      method: 'GET',
      path: '/chats.json',
      handler: (ctx) => {
        const all = [...ctx.store.projects.values()]
          .filter((p) => p.status === 'active' && p.dock.some((t) => t.name === 'chat' && t.enabled))
          .flatMap((p) => {
            const chat = ctx.store.tool(p.id, 'chat');
            return chat ? [ctx.view.recording(chat)] : [];
          });
        return paginate(ctx, all);
      },
    },
    {
      method: 'GET',
      path: '/chats/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Chat::Transcript'))),
    },
    {
      method: 'GET',
      path: '/chats/{id}/lines.json',
      bucketAlias: true,
      handler: (ctx) => {
        const chat = ctx.find(ctx.id(), 'Chat::Transcript');
        // Newest first: page 1 is what was said most recently.
        const lines = ctx.store
          .children(chat.id, LINE_TYPES)
          .filter((l) => l.status === 'active')
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
        return paginate(
          ctx,
          lines.map((l) => ctx.view.recording(l)),
        );
      },
    },
    {
      method: 'GET',
      path: '/chats/{id}/lines/{line}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(findLine(ctx))),
    },
    {
      method: 'POST',
      path: '/chats/{id}/lines.json',
      bucketAlias: true,
      handler: (ctx) => {
        const chat = ctx.find(ctx.id(), 'Chat::Transcript');
        const content = requireText(ctx.body, 'content');
        const rich = ctx.body.content_type === 'text/html';
        const created_ = addChild(ctx, chat, {
          type: rich ? 'Chat::Lines::RichText' : 'Chat::Lines::Text',
          title: plainText(content).slice(0, 80),
          position: null,
          fields: { content },
        });
        return createdRecording(ctx, created_);
      },
    },
    {
      method: 'DELETE',
      path: '/chats/{id}/lines/{line}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const found = findLine(ctx);
        ctx.store.update(found.id, { status: 'trashed' });
        return noContent();
      },
    },
  ],
};
