import { z } from 'zod';
import { defineDomain, defineOperation } from '../operation.ts';
import { id, ids, line, markdown } from '../params.ts';
import type { BasecampRecord } from '../operation.ts';
import { messageView } from '../views.ts';

export default defineDomain({
  name: 'messages',
  title: 'Messages',
  summary:
    "Message board posts: list, read and write announcements (the board id is in the project's dock, name message_board).",
  operations: [
    defineOperation({
      id: 'messages.list',
      domain: 'messages',
      action: 'list',
      title: 'List messages',
      summary: "List a project's messages, newest first: pass project_id, or the board_id from its dock.",
      method: 'GET',
      path: '/message_boards/{board_id}/messages.json',
      params: z.object({
        board_id: id("The message board id from the project's dock"),
        sort: z.enum(['created_at', 'updated_at']).optional().describe('Order by creation or by last update'),
        direction: z.enum(['desc', 'asc']).optional().describe('desc (newest first, default) or asc'),
      }),
      query: ['sort', 'direction'],
      kind: 'read',
      paginated: true,
      openapi: ['ListMessages'],
      dock: { param: 'board_id', name: 'message_board' },
      view: messageView,
    }),
    defineOperation({
      id: 'messages.get',
      domain: 'messages',
      action: 'get',
      title: 'Get a message',
      summary: 'One message with its full text as Markdown.',
      method: 'GET',
      path: '/messages/{message_id}.json',
      params: z.object({ message_id: id('The message id') }),
      kind: 'read',
      openapi: ['GetMessage'],
      view: messageView,
    }),
    defineOperation({
      id: 'messages.create',
      domain: 'messages',
      action: 'create',
      title: 'Post a message',
      summary:
        'Write a message on a message board. It is saved as a draft for a person to review unless publish is true.',
      method: 'POST',
      path: '/message_boards/{board_id}/messages.json',
      params: z.object({
        board_id: id("The message board id from the project's dock"),
        subject: line('The title of the message'),
        content: markdown('The body of the message').optional(),
        category_id: id('A message type id (see the project message types)').optional(),
        subscriptions: ids(
          'Only these people are notified and subscribed; leave out to notify everyone on the project',
        ).optional(),
      }),
      richText: ['content'],
      draftable: true,
      publishedBy: { action: 'publish', param: 'message_id' },
      kind: 'write',
      openapi: ['CreateMessage'],
      dock: { param: 'board_id', name: 'message_board' },
      view: messageView,
      notes: (params) => [
        params.publish === true &&
          params.subscriptions === undefined &&
          'Published without `subscriptions`: everyone on the project was notified.',
        params.publish !== true &&
          params.subscriptions === undefined &&
          'When it is published, everyone on the project will be notified; pass `subscriptions` to choose who.',
      ],
    }),
    defineOperation({
      id: 'messages.update',
      domain: 'messages',
      action: 'update',
      title: 'Edit a message',
      summary: "Change a message's subject, text or type.",
      method: 'PUT',
      path: '/messages/{message_id}.json',
      params: z.object({
        message_id: id('The message id'),
        subject: line('The new title').optional(),
        content: markdown('The new body').optional(),
        category_id: id('A message type id').optional(),
      }),
      richText: ['content'],
      kind: 'write',
      openapi: ['UpdateMessage'],
      view: messageView,
    }),
    defineOperation({
      id: 'messages.publish',
      domain: 'messages',
      action: 'publish',
      title: 'Publish a draft message',
      summary:
        'Publish a draft message (one create saved as a draft): it goes live and notifies its subscribers.',
      method: 'PUT',
      path: '/messages/{message_id}.json',
      params: z.object({ message_id: id('The draft message id') }),
      // Basecamp turns a draft live with an update to status "active"; the answer's status shows it took.
      fixed: { status: 'active' },
      // status "active" on a trashed or archived message would be more than a publish: only a draft goes live.
      precondition: async (client, params, signal) => {
        const { data } = await client.request<BasecampRecord>({
          method: 'GET',
          path: `/messages/${Number(params.message_id)}.json`,
          signal,
        });
        if (data.status === 'drafted') return undefined;
        return `Publish a draft message: message ${Number(params.message_id)} is not a draft (it is ${String(data.status)}). Nothing was changed.`;
      },
      kind: 'write',
      openapi: ['UpdateMessage'],
      view: messageView,
    }),
    defineOperation({
      id: 'messages.pin',
      domain: 'messages',
      action: 'pin',
      title: 'Pin a message',
      summary: 'Pin a message to the top of its message board.',
      method: 'POST',
      path: '/recordings/{message_id}/pin.json',
      params: z.object({ message_id: id('The message id') }),
      kind: 'write',
      idempotent: true,
      openapi: ['PinMessage'],
    }),
    defineOperation({
      id: 'messages.unpin',
      domain: 'messages',
      action: 'unpin',
      title: 'Unpin a message',
      summary: 'Take a pinned message off the top of its board.',
      method: 'DELETE',
      path: '/recordings/{message_id}/pin.json',
      params: z.object({ message_id: id('The message id') }),
      kind: 'write',
      openapi: ['UnpinMessage'],
    }),
  ],
});
