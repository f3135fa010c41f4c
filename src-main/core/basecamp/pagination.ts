// Basecamp pages with `Link: <…>; rel="next"` (geared sizes: 15, 30, 50, then 100) and reports the total in
// `X-Total-Count`. A cursor names the page to fetch next and how many of its items the caller already has,
// so a limit that cuts a page in half still continues with exactly the rest.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { BadCursorError } from './errors.ts';

/** The `rel="next"` target of a Link header, or undefined on the last page. */
export function nextLink(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*(.*)$/.exec(part);
    if (!match) continue;
    const rels = /(?:^|;)\s*rel\s*=\s*"?([^";]*)"?/i.exec(match[2]!)?.[1]?.toLowerCase().split(/\s+/) ?? [];
    if (rels.includes('next') && match[1]!.trim()) return match[1]!.trim();
  }
  return undefined;
}

export function totalCount(header: string | undefined): number | undefined {
  if (header === undefined || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Number(header);
}

export interface CursorState {
  /** The account the list belongs to. */
  account: number;
  /** The list's path (pathname of the first page), so a cursor cannot be replayed against another list. */
  list: string;
  /** Absolute URL of the page to fetch next. */
  page: string;
  /** Items of that page the caller already has. */
  skip: number;
  /** Items of the whole list already handed out, so a later page can say "26–50 of 66". */
  offset: number;
}

const VERSION = 3;

/**
 * Cursors are signed with a key that lives only in this process: an agent can pass a cursor back but not edit it
 * (e.g. point `u` at /people.json to read a list it was never given). A restart makes old cursors invalid.
 */
const CURSOR_KEY = randomBytes(32);

function mac(v: unknown, a: unknown, l: unknown, u: unknown, s: unknown, o: unknown): Buffer {
  return createHmac('sha256', CURSOR_KEY)
    .update(JSON.stringify([v, a, l, u, s, o]))
    .digest()
    .subarray(0, 16);
}

export function encodeCursor(state: CursorState): string {
  const wire = {
    v: VERSION,
    a: state.account,
    l: state.list,
    u: state.page,
    s: state.skip,
    o: state.offset,
    m: mac(VERSION, state.account, state.list, state.page, state.skip, state.offset).toString('base64url'),
  };
  return Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
}

/** The one text for every cursor that is not ours, whichever layer finds out (agents see `next_cursor`). */
export const BAD_CURSOR =
  'This cursor is not valid (or the companion restarted since it was given). Pass back exactly the next_cursor of the previous result, or leave it out to start from the beginning.';
const BAD = BAD_CURSOR;

/** Decode a cursor and check that it belongs to this account, this list and this account's origin. */
export function decodeCursor(
  cursor: string,
  expect: { account: number; list: string; origin: string },
): CursorState {
  if (
    typeof cursor !== 'string' ||
    cursor.length === 0 ||
    cursor.length > 4096 ||
    !/^[A-Za-z0-9_-]+$/.test(cursor)
  ) {
    throw new BadCursorError(BAD);
  }
  let wire: unknown;
  try {
    wire = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError(BAD);
  }
  const record = wire as Record<string, unknown> | null;
  if (
    !record ||
    typeof record !== 'object' ||
    record.v !== VERSION ||
    typeof record.a !== 'number' ||
    typeof record.l !== 'string' ||
    typeof record.u !== 'string' ||
    typeof record.s !== 'number' ||
    !Number.isInteger(record.s) ||
    record.s < 0 ||
    typeof record.o !== 'number' ||
    !Number.isInteger(record.o) ||
    record.o < 0 ||
    typeof record.m !== 'string'
  ) {
    throw new BadCursorError(BAD);
  }
  const given = Buffer.from(record.m, 'base64url');
  const expected = mac(record.v, record.a, record.l, record.u, record.s, record.o);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new BadCursorError(BAD);
  if (record.a !== expect.account) {
    throw new BadCursorError(
      'This cursor belongs to another Basecamp account. Start the list again without a cursor.',
    );
  }
  if (record.l !== expect.list) {
    throw new BadCursorError(
      `This cursor belongs to another list (${record.l}), not ${expect.list}. Pass it with the same list it came from, or start again without a cursor.`,
    );
  }
  let page: URL;
  try {
    page = new URL(record.u);
  } catch {
    throw new BadCursorError(BAD);
  }
  if (page.origin !== expect.origin) throw new BadCursorError(BAD);
  return { account: record.a, list: record.l, page: page.href, skip: record.s, offset: record.o };
}
