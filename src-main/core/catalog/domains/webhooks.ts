import { z } from 'zod';
import type { RecordView } from '../operation.ts';
import { defineDomain, defineOperation } from '../operation.ts';
import { id } from '../params.ts';
import { str } from '../facts.ts';
import { WEBHOOK_RECORDING_TYPES } from '../../basecamp/vocabulary.ts';

const webhookView: RecordView = {
  noun: 'webhook',
  title: (r) => str(r.payload_url),
  facts: (r) => [
    r.active === false ? 'inactive' : 'active',
    Array.isArray(r.types) && (r.types.length ? r.types.join(', ') : 'all types'),
    Array.isArray(r.recent_deliveries) && `${r.recent_deliveries.length} recent deliveries`,
  ],
  keep: ['payload_url', 'active', 'types', 'created_at', 'updated_at'],
};

const httpsUrl = z
  .url({ protocol: /^https$/, error: 'must be an https:// URL (Basecamp only delivers to HTTPS)' })
  .max(2000)
  .describe('The HTTPS URL Basecamp posts events to');

const types = z
  .array(z.enum(WEBHOOK_RECORDING_TYPES))
  .max(WEBHOOK_RECORDING_TYPES.length)
  .describe('Which kinds of items to be told about (empty: all)');

export default defineDomain({
  name: 'webhooks',
  title: 'Webhooks',
  summary:
    'Webhooks of a project: HTTPS endpoints Basecamp notifies when to-dos, messages, comments and other items change.',
  operations: [
    defineOperation({
      id: 'webhooks.list',
      domain: 'webhooks',
      action: 'list',
      title: 'List webhooks',
      summary: 'The webhooks of a project.',
      method: 'GET',
      path: '/buckets/{project_id}/webhooks.json',
      params: z.object({ project_id: id('The project id') }),
      kind: 'read',
      paginated: true,
      openapi: ['ListWebhooks'],
      view: webhookView,
    }),
    defineOperation({
      id: 'webhooks.get',
      domain: 'webhooks',
      action: 'get',
      title: 'Get a webhook',
      summary: 'One webhook with its most recent deliveries.',
      method: 'GET',
      path: '/webhooks/{webhook_id}.json',
      params: z.object({ webhook_id: id('The webhook id') }),
      kind: 'read',
      openapi: ['GetWebhook'],
      view: webhookView,
    }),
    defineOperation({
      id: 'webhooks.create',
      domain: 'webhooks',
      action: 'create',
      title: 'Create a webhook',
      summary: 'Have Basecamp post a project’s changes to an HTTPS URL.',
      method: 'POST',
      path: '/buckets/{project_id}/webhooks.json',
      params: z.object({
        project_id: id('The project id'),
        payload_url: httpsUrl,
        types: types.optional(),
        active: z.boolean().optional().describe('Deliver events right away (default true)'),
      }),
      kind: 'write',
      openapi: ['CreateWebhook'],
      view: webhookView,
    }),
    defineOperation({
      id: 'webhooks.update',
      domain: 'webhooks',
      action: 'update',
      title: 'Update a webhook',
      summary: 'Change a webhook’s URL or types, or pause it (active: false).',
      method: 'PUT',
      path: '/webhooks/{webhook_id}.json',
      params: z.object({
        webhook_id: id('The webhook id'),
        payload_url: httpsUrl.optional(),
        types: types.optional(),
        active: z.boolean().optional().describe('false pauses deliveries'),
      }),
      kind: 'write',
      openapi: ['UpdateWebhook'],
      view: webhookView,
    }),
    defineOperation({
      id: 'webhooks.delete',
      domain: 'webhooks',
      action: 'delete',
      title: 'Delete a webhook',
      summary: 'Remove a webhook; Basecamp stops posting to its URL.',
      method: 'DELETE',
      path: '/webhooks/{webhook_id}.json',
      params: z.object({ webhook_id: id('The webhook id') }),
      kind: 'destructive',
      openapi: ['DeleteWebhook'],
    }),
  ],
});
