import { z } from 'zod';
import type { BasecampRecord } from '../operation.ts';
import { defineDomain, defineOperation } from '../operation.ts';
import { id, ids, line } from '../params.ts';
import { resolveBasecampUrl } from '../resolve-url.ts';
import { personView, searchResultView } from '../views.ts';

export default defineDomain({
  name: 'account',
  title: 'Account and orientation',
  summary:
    'Who you are, which Basecamp accounts you can use, search across everything, and what a pasted Basecamp link points to.',
  operations: [
    defineOperation({
      id: 'account.whoami',
      domain: 'account',
      action: 'whoami',
      title: 'Who am I',
      summary:
        'Your Basecamp profile (person id, name, email) and the accounts you can use; call it first to orient.',
      method: 'GET',
      path: '/my/profile.json',
      params: z.object({}),
      kind: 'read',
      openapi: ['GetMyProfile'],
      view: personView,
      direct: { name: 'bc_whoami', title: 'Who am I in Basecamp' },
      withoutAccount: (known) => {
        const accounts = known.map((account) => ({ ...account, current: false }));
        const first = accounts[0]?.id ?? 'ID';
        return {
          text: [
            'You have several Basecamp accounts and none is chosen as the default:',
            '',
            '**Accounts**',
            ...accounts.map((a) => `- ${a.name} (account ${a.id})`),
            '',
            `Pass \`account\` (an id from this list) to every call, e.g. \`{"account": ${first}}\`; bc_whoami with it shows your person id there. The user can choose a default with \`basecamp-companion login --account ID\` or in the window.`,
          ].join('\n'),
          structured: { accounts },
        };
      },
      run: async (ctx) => {
        const { data } = await ctx.client.request<BasecampRecord>({
          method: 'GET',
          path: '/my/profile.json',
          signal: ctx.signal,
        });
        const accounts = ctx.accounts.map((account) => ({
          ...account,
          current: account.id === ctx.client.account.id,
        }));
        const lines = [
          `You are **${String(data.name)}** (person id ${String(data.id)}${data.email_address ? `, ${String(data.email_address)}` : ''}).`,
          '',
          '**Accounts**',
          ...accounts.map((a) => `- ${a.name} (account ${a.id})${a.current ? ' ← used by default' : ''}`),
        ];
        if (accounts.length > 1)
          lines.push('', 'Pass `account` (an id from this list) to work in another account.');
        return {
          text: lines.join('\n'),
          structured: {
            person: {
              id: data.id,
              name: data.name,
              email_address: data.email_address,
              attachable_sgid: data.attachable_sgid,
            },
            accounts,
          },
        };
      },
    }),
    defineOperation({
      id: 'account.search',
      domain: 'account',
      action: 'search',
      title: 'Search Basecamp',
      summary:
        'Full-text search across every project you can see: to-dos, messages, documents, comments, files, Campfire lines.',
      method: 'GET',
      path: '/search.json',
      params: z.object({
        query: line('What to look for', 500),
        type: z
          .string()
          .max(100)
          .optional()
          .describe('Only this kind of item, e.g. Todo, Message, Document, Comment (see search_types)'),
        project_id: id('Only in this project').optional(),
        creator_id: id('Only items by this person').optional(),
        project_ids: ids('Only in these projects (several project ids)').optional(),
        creator_ids: ids('Only items by these people (several person ids)').optional(),
        exclude_chat: z.boolean().optional().describe('Leave out Campfire lines'),
      }),
      query: ['query', 'type', 'project_id', 'creator_id', 'project_ids', 'creator_ids', 'exclude_chat'],
      wireNames: {
        query: 'q',
        project_id: 'bucket_id',
        project_ids: 'bucket_ids[]',
        creator_ids: 'creator_ids[]',
      },
      kind: 'read',
      paginated: true,
      openapi: ['Search'],
      view: searchResultView,
      direct: { name: 'bc_search', title: 'Search Basecamp' },
    }),
    defineOperation({
      id: 'account.search_types',
      domain: 'account',
      action: 'search_types',
      title: 'Search filters',
      summary: 'The values search accepts for type and file type.',
      method: 'GET',
      path: '/searches/metadata.json',
      params: z.object({}),
      kind: 'read',
      openapi: ['GetSearchMetadata'],
    }),
    defineOperation({
      id: 'account.resolve_url',
      domain: 'account',
      action: 'resolve_url',
      title: 'Open a Basecamp link',
      summary:
        'Turn a pasted Basecamp link (3.basecamp.com/...) into its account, project, type and id, and fetch what it points to.',
      method: 'GET',
      path: '/{resolved}',
      params: z.object({
        url: z
          .string()
          .max(2000)
          .describe('A Basecamp web or API link, e.g. https://3.basecamp.com/123/buckets/456/todos/789'),
      }),
      kind: 'read',
      direct: { name: 'bc_resolve_url', title: 'Open a Basecamp link' },
      run: (ctx, params) => resolveBasecampUrl(ctx, params.url),
    }),
  ],
});
