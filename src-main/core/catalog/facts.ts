// Small readers for list-line facts, shared by the domain files' record views.
import type { BasecampRecord } from './operation.ts';
import { plainTextOf } from './rich-text.ts';
import { today } from './today.ts';

export function obj(value: unknown): BasecampRecord | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as BasecampRecord) : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** `Ann, Bo` from an array of people. */
export function names(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.map((person) => str(obj(person)?.name) ?? '?').join(', ');
}

/** The ids of an array of people (for fetch-then-merge of `assignee_ids` and the like). */
export function personIds(value: unknown): number[] {
  return Array.isArray(value)
    ? value.map((person) => obj(person)?.id).filter((v): v is number => typeof v === 'number')
    : [];
}

export const by = (record: BasecampRecord): string | undefined => {
  const name = str(obj(record.creator)?.name);
  return name ? `by ${name}` : undefined;
};

export const inProject = (record: BasecampRecord): string | undefined => {
  const name = str(obj(record.bucket)?.name);
  return name ? `in ${name}` : undefined;
};

/** An excerpt (plain or rich text) as one line of words: blocks parted, a mention as @Name. */
export const preview = (value: unknown): string | undefined => {
  const text = str(value);
  return text ? str(plainTextOf(text)) : undefined;
};

export const day = (value: unknown): string | undefined => str(value)?.slice(0, 10);

/** `due 2026-11-27`, and `(overdue)` when the day has passed and the item is not completed. */
export const due = (record: BasecampRecord): string | undefined => {
  const on = day(record.due_on);
  if (!on) return undefined;
  return record.completed !== true && on < today() ? `due ${on} (overdue)` : `due ${on}`;
};

export const when = (value: unknown): string | undefined => str(value)?.slice(0, 16).replace('T', ' ');

export const count = (value: unknown, noun: string): string | undefined =>
  typeof value === 'number' && value > 0 ? `${value} ${noun}${value === 1 ? '' : 's'}` : undefined;

/** A read-back check: the named field of the record equals what was sent. */
export function fieldIs(field: string, param = field) {
  return (record: BasecampRecord, params: Record<string, unknown>): string | undefined => {
    if (params[param] === undefined) return undefined;
    return record[field] === params[param]
      ? undefined
      : `Basecamp answered OK but ${field} is still ${JSON.stringify(record[field])}, not ${JSON.stringify(params[param])}.`;
  };
}

/**
 * For answers that are an object of lists (my assignments, overdue report, readings): one Markdown
 * section per non-empty list, each item as a list line.
 */
export function listSections(
  groups: Record<string, string>,
  line: (record: BasecampRecord) => string,
): (record: BasecampRecord) => string[] {
  return (record) =>
    Object.entries(groups).flatMap(([key, heading]) => {
      const items = record[key];
      if (!Array.isArray(items) || items.length === 0) return [];
      return ['', `**${heading}** (${items.length})`, ...items.map((item) => line(obj(item) ?? {}))];
    });
}
