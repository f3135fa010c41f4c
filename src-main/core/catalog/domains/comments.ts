import { z } from 'zod';
import { defineDomain, defineOperation } from '../operation.ts';
import { id, markdown } from '../params.ts';
import { commentView } from '../views.ts';

export default defineDomain({
  name: 'comments',
  title: 'Comments',
  summary: 'Comments on any to-do, message, document, card or other recording.',
  operations: [
    defineOperation({
      id: 'comments.list',
      domain: 'comments',
      action: 'list',
      title: 'List comments',
      summary: 'List the comments on a recording (a to-do, message, document, card…), oldest first.',
      method: 'GET',
      path: '/recordings/{recording_id}/comments.json',
      params: z.object({ recording_id: id('The id of the to-do, message, document or card') }),
      kind: 'read',
      paginated: true,
      openapi: ['ListComments'],
      view: commentView,
    }),
    defineOperation({
      id: 'comments.create',
      domain: 'comments',
      action: 'create',
      title: 'Add a comment',
      summary: 'Comment on a to-do, message, document, card or other recording; subscribers are notified.',
      method: 'POST',
      path: '/recordings/{recording_id}/comments.json',
      params: z.object({
        recording_id: id('The id of the to-do, message, document or card to comment on'),
        content: markdown('The comment').pipe(z.string().trim().min(1, 'must not be empty')),
      }),
      richText: ['content'],
      kind: 'write',
      openapi: ['CreateComment'],
      view: commentView,
    }),
    defineOperation({
      id: 'comments.get',
      domain: 'comments',
      action: 'get',
      title: 'Get a comment',
      summary: 'One comment with its full text as Markdown.',
      method: 'GET',
      path: '/comments/{comment_id}.json',
      params: z.object({ comment_id: id('The comment id') }),
      kind: 'read',
      openapi: ['GetComment'],
      view: commentView,
    }),
    defineOperation({
      id: 'comments.update',
      domain: 'comments',
      action: 'update',
      title: 'Edit a comment',
      summary: 'Replace the text of a comment.',
      method: 'PUT',
      path: '/comments/{comment_id}.json',
      params: z.object({
        comment_id: id('The comment id'),
        content: markdown('The new text').pipe(z.string().trim().min(1, 'must not be empty')),
      }),
      richText: ['content'],
      kind: 'write',
      openapi: ['UpdateComment'],
      view: commentView,
    }),
  ],
});
