// Account-wide search: case-insensitive match on titles and content, newest first, 50 per page
// (`per_page`), with `<em>` highlights in `plain_text_content` like Basecamp's excerpts.
import { badRequest, ok, type Family, type RouteContext } from '../family.ts';
import { escapeHtml } from '../http.ts';
import { paginate } from '../pagination.ts';
import { plainText } from '../plain-text.ts';
import type { Recording } from '../store.ts';

const SEARCH_TYPES: Record<string, string[]> = {
  Todo: ['Todo'],
  Todolist: ['Todolist'],
  Message: ['Message'],
  Comment: ['Comment'],
  Document: ['Document'],
  'Schedule::Entry': ['Schedule::Entry'],
  'Kanban::Card': ['Kanban::Card'],
  'Chat::Transcript': ['Chat::Lines::Text', 'Chat::Lines::RichText'],
};

function excerpt(text: string, query: string): string {
  const lower = text.toLowerCase();
  const at = lower.indexOf(query.toLowerCase());
  const start = Math.max(0, at - 100);
  const slice = text.slice(start, start + 300);
  const escaped = escapeHtml(slice);
  if (!query) return escaped;
  const pattern = new RegExp(escapeHtml(query).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  return (start > 0 ? '…' : '') + escaped.replace(pattern, (m) => `<em>${m}</em>`);
}

function list(values: string[]): number[] {
  return values
    .flatMap((v) => v.split(','))
    .map(Number)
    .filter(Number.isInteger);
}

function search(ctx: RouteContext) {
  const q = ctx.query.get('q')?.trim();
  if (!q) throw badRequest('q is required: the words to search for');
  const typeNames = [...ctx.query.getAll('type_names[]'), ...ctx.query.getAll('type')];
  const unknown = typeNames.filter((t) => !SEARCH_TYPES[t]);
  if (unknown.length)
    throw badRequest(`Unknown search type ${unknown.join(', ')}: see /searches/metadata.json`);
  const types = typeNames.length
    ? typeNames.flatMap((t) => SEARCH_TYPES[t] ?? [])
    : Object.values(SEARCH_TYPES).flat();
  const buckets = list([...ctx.query.getAll('bucket_ids[]'), ...ctx.query.getAll('bucket_id')]);
  const creators = list([...ctx.query.getAll('creator_ids[]'), ...ctx.query.getAll('creator_id')]);
  const excludeChat = ['1', 'true'].includes(ctx.query.get('exclude_chat') ?? '');
  const needle = q.toLowerCase();
  const hits = ctx.store
    .where((r: Recording) => {
      if (r.status !== 'active' || r.fields.draft || !types.includes(r.type)) return false;
      if (excludeChat && r.type.startsWith('Chat::')) return false;
      if (buckets.length && !buckets.includes(r.bucketId)) return false;
      if (creators.length && !creators.includes(r.creatorId)) return false;
      if (ctx.store.projects.get(r.bucketId)?.status !== 'active') return false;
      const body = plainText(ctx.view.spec(r).searchText?.(r) ?? '');
      return r.title.toLowerCase().includes(needle) || body.toLowerCase().includes(needle);
    })
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id)
    .map((r) => {
      const body = plainText(ctx.view.spec(r).searchText?.(r) ?? '');
      // Excerpt the text that matched: the content, else the title.
      const source = body.toLowerCase().includes(needle) ? body : r.title;
      return {
        ...ctx.view.recording(r),
        content: null,
        description: null,
        plain_text_content: excerpt(source, q),
      };
    });
  const perPage = Number(ctx.query.get('per_page') ?? 50);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
    throw badRequest('per_page must be 1 to 100');
  return paginate(ctx, hits, { perPage });
}

export const searchFamily: Family = {
  name: 'search',
  routes: [
    { method: 'GET', path: '/search.json', handler: search },
    {
      method: 'GET',
      path: '/searches/metadata.json',
      handler: () =>
        ok({
          recording_search_types: [
            { key: null, value: 'Search Everything' },
            ...Object.keys(SEARCH_TYPES).map((key) => ({ key, value: key.replace('::', ' ') })),
          ],
          file_search_types: [{ key: null, value: 'All files' }],
          default_creator_label: 'by Anyone',
          default_bucket_label: 'Everywhere',
          default_circle_label: 'with Anyone',
          default_file_type_label: 'All files',
          default_type_label: 'Search Everything',
        }),
    },
  ],
};
