// Comments on any commentable recording (to-dos, messages, documents, cards, schedule entries, …).
import { created, notFound, ok, requireText, type Family, type RouteContext } from '../family.ts';
import { paginate } from '../pagination.ts';
import { addChild } from './kit.ts';

function commentable(ctx: RouteContext) {
  const recording = ctx.find(ctx.id());
  if (!ctx.view.spec(recording).commentable) throw notFound();
  return recording;
}

export const comments: Family = {
  name: 'comments',
  types: {
    Comment: {
      segment: 'comments',
      boostable: true,
      appPath: (comment, view) => {
        const parent = comment.parentId === null ? undefined : view.store.get(comment.parentId);
        return parent ? `${view.path(parent)}#__recording_${comment.id}` : view.path(comment);
      },
      searchText: (c) => String(c.fields.content ?? ''),
      fields: (comment) => ({ content: comment.fields.content ?? '', content_attachments: [] }),
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/recordings/{id}/comments.json',
      bucketAlias: true,
      handler: (ctx) => {
        const parent = commentable(ctx);
        const items = ctx.store.children(parent.id, 'Comment').filter((c) => c.status === 'active');
        return paginate(
          ctx,
          items.map((c) => ctx.view.recording(c)),
        );
      },
    },
    {
      method: 'POST',
      path: '/recordings/{id}/comments.json',
      bucketAlias: true,
      handler: (ctx) => {
        const parent = commentable(ctx);
        const content = requireText(ctx.body, 'content');
        const comment = addChild(ctx, parent, {
          type: 'Comment',
          title: `Re: ${parent.title}`,
          position: null,
          fields: { content },
        });
        // Basecamp points Location at the comment's web page.
        return created(ctx.view.recording(comment), ctx.view.appUrl(comment));
      },
    },
    {
      method: 'GET',
      path: '/comments/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Comment'))),
    },
    {
      method: 'PUT',
      path: '/comments/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const comment = ctx.find(ctx.id(), 'Comment');
        ctx.store.update(comment.id, { fields: { content: requireText(ctx.body, 'content') } });
        return ok(ctx.view.recording(comment));
      },
    },
  ],
};
