// More actions of the `messages` tool: the message board itself and its message types
// (categories). Added in catalog/index.ts.
import { z } from 'zod';
import type { Operation, RecordView } from '../operation.ts';
import { defineOperation } from '../operation.ts';
import { id, line } from '../params.ts';
import { count, inProject, str } from '../facts.ts';

const boardView: RecordView = {
  noun: 'message board',
  facts: (r) => [count(r.messages_count, 'message'), inProject(r)],
  keep: ['title', 'messages_count', 'bucket'],
};

const typeView: RecordView = {
  noun: 'message type',
  title: (r) => `${str(r.icon) ?? ''} ${str(r.name) ?? ''}`.trim(),
  keep: ['name', 'icon'],
};

const projectId = id('The project id (message types belong to a project)');

export const messageTypeOperations: Operation[] = [
  defineOperation({
    id: 'messages.board',
    domain: 'messages',
    action: 'board',
    title: 'Get a message board',
    summary:
      "A project's message board with its message count; its id is in the project's dock, name message_board.",
    method: 'GET',
    path: '/message_boards/{board_id}.json',
    params: z.object({ board_id: id("The message board id from the project's dock") }),
    kind: 'read',
    openapi: ['GetMessageBoard'],
    view: boardView,
  }),
  defineOperation({
    id: 'messages.types',
    domain: 'messages',
    action: 'types',
    title: 'List message types',
    summary:
      'The message types (categories such as Announcement or FYI) a project offers; use an id as category_id.',
    method: 'GET',
    path: '/buckets/{project_id}/categories.json',
    params: z.object({ project_id: projectId }),
    kind: 'read',
    paginated: true,
    openapi: ['ListMessageTypes'],
    view: typeView,
  }),
  defineOperation({
    id: 'messages.type',
    domain: 'messages',
    action: 'type',
    title: 'Get a message type',
    summary: 'One message type.',
    method: 'GET',
    path: '/buckets/{project_id}/categories/{type_id}.json',
    params: z.object({ project_id: projectId, type_id: id('The message type id') }),
    kind: 'read',
    openapi: ['GetMessageType'],
    view: typeView,
  }),
  defineOperation({
    id: 'messages.create_type',
    domain: 'messages',
    action: 'create_type',
    title: 'Create a message type',
    summary: 'Add a message type (a name with an emoji icon) to a project.',
    method: 'POST',
    path: '/buckets/{project_id}/categories.json',
    params: z.object({
      project_id: projectId,
      name: line('The type name, e.g. Heads up', 100),
      icon: line('An emoji, e.g. 📣', 16),
    }),
    kind: 'write',
    openapi: ['CreateMessageType'],
    view: typeView,
  }),
  defineOperation({
    id: 'messages.update_type',
    domain: 'messages',
    action: 'update_type',
    title: 'Change a message type',
    summary: 'Rename a message type or change its icon.',
    method: 'PUT',
    path: '/buckets/{project_id}/categories/{type_id}.json',
    params: z.object({
      project_id: projectId,
      type_id: id('The message type id'),
      name: line('The type name', 100).optional(),
      icon: line('An emoji', 16).optional(),
    }),
    kind: 'write',
    openapi: ['UpdateMessageType'],
    view: typeView,
  }),
  defineOperation({
    id: 'messages.delete_type',
    domain: 'messages',
    action: 'delete_type',
    title: 'Delete a message type',
    summary: 'Remove a message type from a project (its messages stay, without a type).',
    method: 'DELETE',
    path: '/buckets/{project_id}/categories/{type_id}.json',
    params: z.object({ project_id: projectId, type_id: id('The message type id') }),
    kind: 'destructive',
    openapi: ['DeleteMessageType'],
  }),
];
