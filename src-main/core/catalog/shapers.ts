// Answers for agents: compact Markdown text plus structuredContent, ids and app links kept,
// rich text as Markdown, and a character budget that says when it cuts.
import type { BasecampRecord, RecordView } from './operation.ts';
import { htmlToMarkdown } from './rich-text.ts';

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
  for (const key of ['id', 'name', 'title', 'type', 'app_url', 'email_address', 'enabled']) {
    if (nested[key] !== undefined) small[key] = nested[key];
  }
  return Object.keys(small).length > 0 ? small : value;
}

const GENERIC_KEEP = ['type', 'status', 'created_at', 'updated_at', 'bucket', 'parent', 'creator'];

export function compactRecord(record: BasecampRecord, view?: RecordView): BasecampRecord {
  const out: BasecampRecord = { id: record.id, title: titleOf(record, view) };
  if (typeof record.app_url === 'string') out.app_url = record.app_url;
  for (const key of view?.keep ?? GENERIC_KEEP) {
    if (record[key] === undefined) continue;
    // Dock entries too: their API `url` and `position` cost ~40 tokens each and no next call needs them.
    out[key] = compactValue(record[key]);
  }
  return out;
}

function factsOf(record: BasecampRecord, view?: RecordView): string[] {
  const facts = (view?.facts?.(record) ?? [record.type, record.status]).filter(
    (fact): fact is string => typeof fact === 'string' && fact.length > 0,
  );
  return facts.map((fact) => oneLine(fact, 80));
}

export function renderLine(record: BasecampRecord, view?: RecordView): string {
  const facts = factsOf(record, view);
  const link = typeof record.app_url === 'string' ? ` · ${record.app_url}` : '';
  // Some answers are not records (report groups, reminders, settings): no id to show, so none is invented.
  const id = record.id === undefined || record.id === null ? '' : ` — id ${String(record.id)}`;
  return `- **${titleOf(record, view)}**${id}${facts.length ? ` · ${facts.join(' · ')}` : ''}${link}`;
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

export function renderList(
  items: BasecampRecord[],
  view: RecordView | undefined,
  page: Omit<Page, 'truncated'>,
): { text: string; structured: BasecampRecord } {
  const noun = view?.noun ?? 'item';
  const nouns = view?.plural ?? `${noun}s`;
  const shown = items.length;
  const total = page.total !== undefined ? ` of ${page.total}` : '';
  const head =
    shown === 0 ? `No ${nouns} found.` : `${shown}${total} ${shown === 1 && !total ? noun : nouns}:`;
  const lines = [head, ...items.map((item) => renderLine(item, view))];
  if (page.has_more) {
    lines.push('', `More ${nouns} exist: call again with cursor "${page.next_cursor}" to get the next ones.`);
  }
  return {
    text: lines.join('\n'),
    structured: {
      items: items.map((item) => compactRecord(item, view)),
      ...(page.total !== undefined ? { total: page.total } : {}),
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
