// Answers for agents: compact Markdown text plus structuredContent, ids and app links kept,
// rich text as Markdown, and a character budget that says when it cuts.
import type { BasecampRecord, RecordView } from './operation.ts';
import { htmlToMarkdown, plainTextOf } from './rich-text.ts';

/** Most text one answer carries (roughly 6k tokens): enough for a page of items or one long document. */
export const TEXT_BUDGET = 24_000;

export interface Page {
  total?: number;
  has_more: boolean;
  next_cursor?: string;
  truncated: boolean;
}

function obj(value: unknown): BasecampRecord | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as BasecampRecord) : undefined;
}

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function plain(html: unknown): string | undefined {
  return typeof html === 'string' && html.length > 0 ? htmlToMarkdown(html) : undefined;
}

export function titleOf(record: BasecampRecord, view?: RecordView): string {
  const custom = view?.title?.(record);
  if (custom) return oneLine(custom);
  for (const key of ['title', 'name', 'subject', 'summary']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return oneLine(value);
  }
  const content = plain(record.content);
  return content ? oneLine(content) : `${view?.noun ?? 'item'} ${String(record.id ?? '')}`.trim();
}

/** Nested people, projects and parents shrink to what an agent needs to refer to them. */
function compactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compactValue);
  const nested = obj(value);
  if (!nested) return value;
  const small: BasecampRecord = {};
  // Nested links are left out: the item's own app_url is the one a next step opens.
  for (const key of ['id', 'name', 'title', 'type', 'email_address', 'enabled']) {
    if (nested[key] !== undefined) small[key] = nested[key];
  }
  return Object.keys(small).length > 0 ? small : value;
}

const GENERIC_KEEP = ['type', 'status', 'created_at', 'updated_at', 'bucket', 'parent', 'creator'];

/** How much of a comment or chat line a list shows: the line gets a glimpse, structuredContent a bit more. */
const EXCERPT_LINE = 200;
const EXCERPT_STRUCTURED = 500;

/** The start of a rich-text field as Markdown, cut at a word with an ellipsis. */
export function excerptOf(
  record: BasecampRecord,
  view: RecordView | undefined,
  max: number,
): string | undefined {
  const markdown = view?.excerpt ? plain(record[view.excerpt]) : undefined;
  if (!markdown) return undefined;
  if (markdown.length <= max) return markdown;
  const cut = markdown.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** A search hit's snippet: Basecamp cuts its excerpts at 300 characters; a list line needs less. */
const SNIPPET = 200;

/** The view's plain-text snippet of a record: the first excerpt field that is more than the headline. */
export function snippetOf(record: BasecampRecord, view: RecordView | undefined): string | undefined {
  const title = titleOf(record, view);
  for (const field of view?.snippet ?? []) {
    const value = record[field];
    if (typeof value !== 'string') continue;
    const text = plainTextOf(value);
    if (!text || text === title || text === `${title}…`) continue;
    return oneLine(text, SNIPPET);
  }
  return undefined;
}

/** In lists, people become their ids (`assignees` → `assignee_ids`): names are in the text, ids are what calls take. */
const PEOPLE_AS_IDS: Record<string, string> = {
  assignees: 'assignee_ids',
  completion_subscribers: 'subscriber_ids',
};

export function compactRecord(
  record: BasecampRecord,
  view?: RecordView,
  shared: ReadonlySet<string> = new Set(),
): BasecampRecord {
  const out: BasecampRecord = { id: record.id, title: titleOf(record, view) };
  if (typeof record.app_url === 'string') out.app_url = record.app_url;
  for (const key of view?.keep ?? GENERIC_KEEP) {
    if (record[key] === undefined) continue;
    // What the whole page shares is described once beside the items; each item keeps only its id.
    if (shared.has(key)) {
      out[key] = { id: obj(record[key])?.id };
      continue;
    }
    // Dock entries too: their API `url` and `position` cost ~40 tokens each and no next call needs them.
    out[key] = compactValue(record[key]);
  }
  return out;
}

/** Statuses every view shows first: a trashed to-do otherwise reads like a live one ("done · due …"). */
const GONE_STATUSES: readonly unknown[] = ['trashed', 'archived'];

function factsOf(record: BasecampRecord, view?: RecordView, hidden: readonly string[] = []): string[] {
  const own = (view?.facts?.(record) ?? [record.type, record.status]).filter(
    (fact): fact is string => typeof fact === 'string' && fact.length > 0 && !hidden.includes(fact),
  );
  const gone = GONE_STATUSES.includes(record.status) && !own.includes(String(record.status));
  const facts = gone ? [String(record.status), ...own] : own;
  return facts.map((fact) => oneLine(fact, 80));
}

export function renderLine(
  record: BasecampRecord,
  view?: RecordView,
  hidden: readonly string[] = [],
): string {
  const facts = factsOf(record, view, hidden);
  const link = typeof record.app_url === 'string' ? ` · ${record.app_url}` : '';
  // Some answers are not records (report groups, reminders, settings): no id to show, so none is invented.
  const id = record.id === undefined || record.id === null ? '' : ` — id ${String(record.id)}`;
  const line = `- **${titleOf(record, view)}**${id}${facts.length ? ` · ${facts.join(' · ')}` : ''}${link}`;
  const excerpt = excerptOf(record, view, EXCERPT_LINE) ?? snippetOf(record, view);
  return excerpt ? `${line}\n  ${oneLine(excerpt, EXCERPT_LINE)}` : line;
}

export function renderRecord(
  record: BasecampRecord,
  view: RecordView | undefined,
): { text: string; structured: BasecampRecord } {
  const structured = compactRecord(record, view);
  const lines = [
    record.id === undefined || record.id === null
      ? `**${titleOf(record, view)}**`
      : `**${titleOf(record, view)}** (${view?.noun ?? (typeof record.type === 'string' ? record.type : 'item')} ${String(record.id)})`,
  ];
  const facts = factsOf(record, view);
  if (facts.length) lines.push(facts.join(' · '));
  if (typeof record.app_url === 'string') lines.push(record.app_url);
  for (const field of view?.richText ?? ['content', 'description']) {
    const markdown = plain(record[field]);
    // Skip text the headline or a fact already shows in full.
    if (!markdown || markdown === titleOf(record, view) || facts.includes(oneLine(markdown, 80))) continue;
    lines.push('', markdown);
    structured[field] = markdown;
  }
  lines.push(...(view?.sections?.(record) ?? []));
  return { text: lines.join('\n'), structured };
}

/** The project (bucket) or parent every item of a page shares, said once in the header instead of per line. */
function sharedContext(items: BasecampRecord[], key: 'bucket' | 'parent'): BasecampRecord | undefined {
  if (items.length < 2) return undefined;
  const first = obj(items[0]?.[key]);
  if (!first || first.id === undefined) return undefined;
  return items.every((item) => obj(item[key])?.id === first.id) ? first : undefined;
}

/** Basecamp's type names as people say them, for the list header. */
const PARENT_KIND: Record<string, string> = {
  Todo: 'to-do',
  Todolist: 'to-do list',
  Todoset: 'to-do set',
  'Message::Board': 'message board',
  'Chat::Transcript': 'Campfire',
  Vault: 'folder',
  Questionnaire: 'check-ins',
  Question: 'check-in question',
  'Kanban::Board': 'card table',
  'Kanban::Column': 'column',
  'Kanban::Card': 'card',
  Schedule: 'schedule',
  Inbox: 'email forwards',
  // What comments hang on, besides messages and documents (whose lower-cased type reads right).
  'Schedule::Entry': 'event',
  'Question::Answer': 'check-in answer',
  'Inbox::Forward': 'email forward',
  'Kanban::Step': 'step',
  Upload: 'file',
};

function contextPhrase(bucket: BasecampRecord | undefined, parent: BasecampRecord | undefined): string {
  const parts: string[] = [];
  const parentName = parent ? (typeof parent.title === 'string' ? parent.title : parent.name) : undefined;
  if (parent && typeof parentName === 'string') {
    const kind =
      typeof parent.type === 'string'
        ? `${PARENT_KIND[parent.type] ?? parent.type.replace(/::/g, ' ').toLowerCase()} `
        : '';
    parts.push(`in ${kind}“${oneLine(parentName, 80)}” (id ${String(parent.id)})`);
  }
  if (bucket && typeof bucket.name === 'string')
    parts.push(`${parts.length ? 'of' : 'in'} project ${oneLine(bucket.name, 80)} (id ${String(bucket.id)})`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

export function renderList(
  items: BasecampRecord[],
  view: RecordView | undefined,
  /** `offset`: items before this page, when known; `continued`: a later page (a cursor was passed), offset unknown. */
  page: Omit<Page, 'truncated'> & { offset?: number; continued?: boolean },
): { text: string; structured: BasecampRecord } {
  const noun = view?.noun ?? 'item';
  const nouns = view?.plural ?? `${noun}s`;
  const shown = items.length;
  const bucket = sharedContext(items, 'bucket');
  const parent = sharedContext(items, 'parent');
  const offset = page.offset ?? 0;
  // A later page says where it is ("26–50 of 66"), so it is not read as the whole list.
  const range =
    offset > 0 && shown > 0
      ? `${offset + 1}–${offset + shown}`
      : page.continued
        ? `${shown} more`
        : `${shown}`;
  const total = page.total !== undefined ? ` of ${page.total}` : '';
  const head =
    shown === 0
      ? `No ${nouns} found.`
      : `${range}${total} ${shown === 1 && !total && offset === 0 && !page.continued ? noun : nouns}${contextPhrase(bucket, parent)}:`;
  // Facts the header already says (e.g. "in Harbor Outfitters") are not repeated on every line.
  const hidden = bucket && typeof bucket.name === 'string' ? [`in ${bucket.name}`] : [];
  const shared = new Set([...(bucket ? ['bucket'] : []), ...(parent ? ['parent'] : [])]);
  const lines = [head, ...items.map((item) => renderLine(item, view, hidden))];
  if (page.has_more) {
    lines.push('', `More ${nouns} exist: call again with cursor "${page.next_cursor}" to get the next ones.`);
  }
  return {
    text: lines.join('\n'),
    structured: {
      ...(bucket ? { bucket: compactValue(bucket) } : {}),
      ...(parent ? { parent: compactValue(parent) } : {}),
      items: items.map((item) => {
        const small = compactRecord(item, view, shared);
        // In a list, a to-do's content is its title, and its position is only for reordering.
        if (small.content === small.title) delete small.content;
        delete small.position;
        for (const key of Object.keys(small)) if (small[key] === null) delete small[key];
        for (const [key, asIds] of Object.entries(PEOPLE_AS_IDS)) {
          if (!Array.isArray(small[key])) continue;
          small[asIds] = (small[key] as unknown[])
            .map((person) => obj(person)?.id)
            .filter((v) => v !== undefined);
          delete small[key];
        }
        // The author of a list item is named for who they are; their job title and e-mail are a people call away.
        const creator = obj(small.creator);
        if (creator) small.creator = { id: creator.id, name: creator.name };
        const excerpt = view?.excerpt ? excerptOf(item, view, EXCERPT_STRUCTURED) : undefined;
        if (excerpt && view?.excerpt) small[view.excerpt] = excerpt;
        const snippet = snippetOf(item, view);
        if (snippet) small.snippet = snippet;
        return small;
      }),
      ...(page.total !== undefined ? { total: page.total } : {}),
      ...(offset > 0 ? { offset } : {}),
      has_more: page.has_more,
      ...(page.next_cursor ? { next_cursor: page.next_cursor } : {}),
    },
  };
}

/** Cuts text at a line boundary under the budget and says so, so an agent never mistakes a cut for the whole. */
export function withinBudget(text: string, budget = TEXT_BUDGET): { text: string; cut: boolean } {
  if (text.length <= budget) return { text, cut: false };
  const slice = text.slice(0, budget);
  const end = slice.lastIndexOf('\n');
  const kept = end > budget / 2 ? slice.slice(0, end) : slice;
  return {
    text: `${kept}\n\n[Cut at ${budget} characters of ${text.length}. Ask for fewer items (limit) or one item at a time.]`,
    cut: true,
  };
}
