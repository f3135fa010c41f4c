// Param builders shared by every domain file, so ids, dates and text are validated the same way
// everywhere (bad input never reaches Basecamp).
import { z } from 'zod';

/** Longest rich text accepted in one field (Basecamp's own limits are higher; agents rarely need more). */
export const MAX_RICH_TEXT = 100_000;
/** Longest single-line text (titles, names, subjects). */
export const MAX_LINE = 1_000;

/** A Basecamp id: a positive integer. Accepts a numeric string too, since agents often quote ids. */
export function id(description: string) {
  return z.coerce
    .number({ error: 'must be a Basecamp id (a positive whole number)' })
    .int('must be a whole number')
    .positive('must be a positive Basecamp id')
    .max(Number.MAX_SAFE_INTEGER)
    .describe(description);
}

export function ids(description: string) {
  return z.array(id('A Basecamp id')).max(500).describe(description);
}

/** One line of plain text, e.g. a title. */
export function line(description: string, max = MAX_LINE) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .describe(description);
}

/** Markdown the executor turns into Basecamp rich-text HTML (list the field in the entry's `richText`). */
export function markdown(description: string, max = MAX_RICH_TEXT) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .describe(
      `${description} (Markdown; <@person_id> mentions someone. Basecamp keeps one heading level and no inline code: ## reads back as #, \`code\` as plain text in backticks)`,
    );
}

/** A calendar date, `YYYY-MM-DD`. */
export function date(description: string) {
  return (
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31')
      // After a failed pattern there is nothing more to say about the value (one message per param).
      .refine((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || realDay(value), 'must be a real calendar date')
      .describe(`${description} (YYYY-MM-DD)`)
  );
}

/** An ISO 8601 time, e.g. `2026-12-31T09:00:00Z`. */
export function dateTime(description: string) {
  return z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 time like 2026-12-31T09:00:00Z' })
    .describe(description);
}

export function flag(description: string) {
  return z.boolean().describe(description);
}

/** A time (ISO 8601) or a day (`YYYY-MM-DD`, which the caller reads as 00:00 UTC). */
export function moment(description: string) {
  const message = 'must be a time like 2026-12-02T09:00:00Z or a day like 2026-12-02';
  return z
    .string()
    .max(40, message) // it is echoed in answers and carried in cursors: no room for a million fraction digits
    .refine(
      (value) =>
        /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(value) &&
        !Number.isNaN(Date.parse(value)) &&
        realDay(value),
      message,
    )
    .describe(description);
}

/** Date.parse reads 2026-02-30 as March 2: a day that does not exist is a mistake, not another day. */
function realDay(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const parsed = new Date(0);
  parsed.setUTCFullYear(year, month - 1, day);
  return parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}
