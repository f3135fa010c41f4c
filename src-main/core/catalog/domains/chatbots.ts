// More actions of the `campfires` tool: chatbots (integrations) that post into a Campfire.
// Added in catalog/index.ts.
import { z } from 'zod';
import type { Operation, RecordView } from '../operation.ts';
import { defineOperation } from '../operation.ts';
import { id, line } from '../params.ts';
import { str } from '../facts.ts';

const chatbotView: RecordView = {
  noun: 'chatbot',
  title: (r) => str(r.service_name),
  facts: (r) => [str(r.command_url) && `commands go to ${str(r.command_url)}`],
  keep: ['service_name', 'command_url', 'lines_url'],
};

const where = {
  project_id: id('The project the Campfire is in'),
  campfire_id: id('The Campfire id'),
};

const commandUrl = z
  .url()
  .max(2000)
  .describe('Where Basecamp posts commands addressed to the bot (optional)');

export const chatbotOperations: Operation[] = [
  defineOperation({
    id: 'campfires.chatbots',
    domain: 'campfires',
    action: 'chatbots',
    title: 'List chatbots',
    summary: 'The chatbots of a Campfire; each has a lines_url it can post to with its key.',
    method: 'GET',
    path: '/buckets/{project_id}/chats/{campfire_id}/integrations.json',
    params: z.object(where),
    kind: 'read',
    paginated: true,
    openapi: ['ListChatbots'],
    view: chatbotView,
  }),
  defineOperation({
    id: 'campfires.chatbot',
    domain: 'campfires',
    action: 'chatbot',
    title: 'Get a chatbot',
    summary: 'One chatbot of a Campfire.',
    method: 'GET',
    path: '/buckets/{project_id}/chats/{campfire_id}/integrations/{chatbot_id}.json',
    params: z.object({ ...where, chatbot_id: id('The chatbot id') }),
    kind: 'read',
    openapi: ['GetChatbot'],
    view: chatbotView,
  }),
  defineOperation({
    id: 'campfires.create_chatbot',
    domain: 'campfires',
    action: 'create_chatbot',
    title: 'Add a chatbot',
    summary: 'Add a chatbot to a Campfire; the answer carries the URL (with its key) it posts lines to.',
    method: 'POST',
    path: '/buckets/{project_id}/chats/{campfire_id}/integrations.json',
    params: z.object({
      ...where,
      service_name: line('The bot’s name, as people address it (no spaces)', 100),
      command_url: commandUrl.optional(),
    }),
    kind: 'write',
    openapi: ['CreateChatbot'],
    view: chatbotView,
  }),
  defineOperation({
    id: 'campfires.update_chatbot',
    domain: 'campfires',
    action: 'update_chatbot',
    title: 'Change a chatbot',
    summary: 'Rename a chatbot or change where its commands go.',
    method: 'PUT',
    path: '/buckets/{project_id}/chats/{campfire_id}/integrations/{chatbot_id}.json',
    params: z.object({
      ...where,
      chatbot_id: id('The chatbot id'),
      service_name: line('The bot’s name (no spaces)', 100),
      command_url: commandUrl.optional(),
    }),
    kind: 'write',
    openapi: ['UpdateChatbot'],
    view: chatbotView,
  }),
  defineOperation({
    id: 'campfires.delete_chatbot',
    domain: 'campfires',
    action: 'delete_chatbot',
    title: 'Remove a chatbot',
    summary: 'Remove a chatbot from a Campfire; its key stops working.',
    method: 'DELETE',
    path: '/buckets/{project_id}/chats/{campfire_id}/integrations/{chatbot_id}.json',
    params: z.object({ ...where, chatbot_id: id('The chatbot id') }),
    kind: 'destructive',
    openapi: ['DeleteChatbot'],
  }),
];
