import { z } from 'zod';
import type { RecordView } from '../operation.ts';
import { defineDomain, defineOperation } from '../operation.ts';
import { id } from '../params.ts';
import { count, day, inProject, obj, str, when } from '../facts.ts';

const inboxView: RecordView = {
  noun: 'inbox',
  facts: (r) => [count(r.forwards_count, 'forward'), inProject(r)],
  keep: ['title', 'forwards_count', 'bucket'],
};

const forwardView: RecordView = {
  noun: 'forward',
  title: (r) => str(r.subject) ?? str(r.title),
  facts: (r) => [
    str(r.from) && `from ${str(r.from)}`,
    day(r.created_at),
    count(r.replies_count, 'reply'),
    inProject(r),
  ],
  richText: ['content'],
  keep: ['subject', 'from', 'created_at', 'replies_count', 'parent', 'bucket'],
};

const replyView: RecordView = {
  noun: 'reply',
  title: (r) => str(obj(r.creator)?.name),
  excerpt: 'content',
  facts: (r) => [when(r.created_at)],
  richText: ['content'],
  keep: ['creator', 'created_at', 'parent', 'bucket'],
};

const sort = {
  sort: z.enum(['created_at', 'updated_at']).optional().describe('Order by creation or last update'),
  direction: z.enum(['asc', 'desc']).optional().describe('Oldest (asc) or newest (desc) first'),
};

export default defineDomain({
  name: 'inbox',
  title: 'E-mail forwards',
  summary: "E-mail forwarded into a project's inbox (Email Forwards) and the replies to it.",
  operations: [
    defineOperation({
      id: 'inbox.get',
      domain: 'inbox',
      action: 'get',
      title: 'Get an inbox',
      summary: "A project's e-mail inbox; its id is in the project's dock, name inbox.",
      method: 'GET',
      path: '/inboxes/{inbox_id}.json',
      params: z.object({ inbox_id: id("The inbox id from the project's dock") }),
      kind: 'read',
      openapi: ['GetInbox'],
      view: inboxView,
    }),
    defineOperation({
      id: 'inbox.forwards',
      domain: 'inbox',
      action: 'forwards',
      title: 'List forwarded e-mails',
      summary: 'The e-mails forwarded into an inbox.',
      method: 'GET',
      path: '/inboxes/{inbox_id}/inbox_forwards.json',
      params: z.object({ inbox_id: id('The inbox id'), ...sort }),
      query: ['sort', 'direction'],
      kind: 'read',
      paginated: true,
      openapi: ['ListForwards'],
      view: forwardView,
    }),
    defineOperation({
      id: 'inbox.forward',
      domain: 'inbox',
      action: 'forward',
      title: 'Get a forwarded e-mail',
      summary: 'One forwarded e-mail with its body as Markdown.',
      method: 'GET',
      path: '/inbox_forwards/{forward_id}.json',
      params: z.object({ forward_id: id('The forward id') }),
      kind: 'read',
      openapi: ['GetForward'],
      view: forwardView,
    }),
    defineOperation({
      id: 'inbox.replies',
      domain: 'inbox',
      action: 'replies',
      title: 'List replies to a forward',
      summary: 'The replies to a forwarded e-mail.',
      method: 'GET',
      path: '/inbox_forwards/{forward_id}/replies.json',
      params: z.object({ forward_id: id('The forward id') }),
      kind: 'read',
      paginated: true,
      openapi: ['ListForwardReplies'],
      view: replyView,
    }),
    defineOperation({
      id: 'inbox.reply',
      domain: 'inbox',
      action: 'reply',
      title: 'Get a reply to a forward',
      summary: 'One reply to a forwarded e-mail.',
      method: 'GET',
      path: '/inbox_forwards/{forward_id}/replies/{reply_id}.json',
      params: z.object({ forward_id: id('The forward id'), reply_id: id('The reply id') }),
      kind: 'read',
      openapi: ['GetForwardReply'],
      view: replyView,
    }),
  ],
});
