import { z } from 'zod';
import { defineDomain, defineOperation } from '../operation.ts';
import { id, markdown } from '../params.ts';
import { campfireView, chatLineView } from '../views.ts';

export default defineDomain({
  name: 'campfires',
  title: 'Campfires',
  summary:
    "Campfire group chats: list chats, read recent lines and post a line (a project's chat id is in its dock, name chat).",
  operations: [
    defineOperation({
      id: 'campfires.list',
      domain: 'campfires',
      action: 'list',
      title: 'List Campfires',
      summary: 'List every Campfire chat you can see across projects.',
      method: 'GET',
      path: '/chats.json',
      params: z.object({}),
      kind: 'read',
      paginated: true,
      openapi: ['ListCampfires'],
      view: campfireView,
    }),
    defineOperation({
      id: 'campfires.lines',
      domain: 'campfires',
      action: 'lines',
      title: 'Read Campfire lines',
      summary: "Read a project's Campfire chat, newest first: pass project_id, or the chat_id from its dock.",
      method: 'GET',
      path: '/chats/{chat_id}/lines.json',
      params: z.object({
        chat_id: id("The Campfire id from the project's dock"),
        direction: z.enum(['desc', 'asc']).optional().describe('desc (newest first, default) or asc'),
      }),
      query: ['direction'],
      kind: 'read',
      paginated: true,
      openapi: ['ListCampfireLines'],
      dock: { param: 'chat_id', name: 'chat' },
      view: chatLineView,
    }),
    defineOperation({
      id: 'campfires.post',
      domain: 'campfires',
      action: 'post',
      title: 'Post a Campfire line',
      summary: 'Say something in a Campfire chat; everyone in the chat sees it at once.',
      method: 'POST',
      path: '/chats/{chat_id}/lines.json',
      params: z.object({
        chat_id: id("The Campfire id from the project's dock"),
        content: markdown('What to say', 10_000).pipe(z.string().trim().min(1, 'must not be empty')),
      }),
      richText: ['content'],
      fixed: { content_type: 'text/html' },
      kind: 'write',
      openapi: ['CreateCampfireLine'],
      dock: { param: 'chat_id', name: 'chat' },
      view: chatLineView,
    }),
    defineOperation({
      id: 'campfires.delete_line',
      domain: 'campfires',
      action: 'delete_line',
      title: 'Delete a Campfire line',
      summary: 'Delete one line from a Campfire chat. It cannot be undone.',
      method: 'DELETE',
      path: '/chats/{chat_id}/lines/{line_id}.json',
      params: z.object({ chat_id: id('The Campfire id'), line_id: id('The line id') }),
      kind: 'destructive',
      openapi: ['DeleteCampfireLine'],
    }),
  ],
});
