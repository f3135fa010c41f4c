// A list's next_cursor as agents get it: the client's page cursor plus the params the list was asked with,
// signed together, so `{cursor}` alone continues the same list. The params travel as a bare array of values
// in the entry's param order (`[12,34]`), and only those that were set, so a cursor grows by a few characters.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Operation } from './operation.ts';
import { BAD_CURSOR } from '../basecamp/pagination.ts';

/** Lives only in this process, like the client's page-cursor key: a restart ends every cursor anyway. */
const KEY = randomBytes(32);
/** 96 bits: enough that a forged cursor is never accepted, short enough to stay out of the way. */
const MAC_BYTES = 12;

// One text whether this layer or the client's page-cursor check finds the cursor bad.
export { BAD_CURSOR };

/**
 * The params a cursor carries: the entry's own (path, query, filters), the account, since and the page size
 * the caller set; and the project a dock list was found through, so that another project passed with the
 * cursor is named.
 */
export function carriedKeys(op: Operation): string[] {
  const own = Object.keys(op.params.shape as Record<string, unknown>);
  return [
    ...own,
    'account',
    ...(op.newestFirst ? ['since'] : []),
    ...(op.dock && !own.includes('project_id') ? ['project_id'] : []),
    'limit',
  ];
}

/** Carried params the caller may change alongside the cursor: the next page may be bigger or smaller. */
const CHANGEABLE = new Set(['limit']);

function mac(op: Operation, page: string, values: string): string {
  return createHmac('sha256', KEY)
    .update(`${op.id}\n${page}\n${values}`)
    .digest()
    .subarray(0, MAC_BYTES)
    .toString('base64url');
}

/** The cursor to hand out: the page cursor alone when no param needs carrying, else `page.values.mac`. */
export function issueCursor(op: Operation, page: string, params: Record<string, unknown>): string {
  const values = carriedKeys(op).map((key) => (params[key] === undefined ? null : params[key]));
  while (values.length && values.at(-1) === null) values.pop();
  if (values.length === 0) return page;
  const packed = Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
  return `${page}.${packed}.${mac(op, page, packed)}`;
}

export interface ReadCursor {
  /** The client's page cursor. */
  page: string;
  /** The params the list was issued for (only those that were set). */
  params: Record<string, unknown>;
}

/** Unpacks a cursor this process issued; a bare page cursor comes back with no params, for the client to check. */
export function readCursor(op: Operation, cursor: string): ReadCursor | string {
  const parts = cursor.split('.');
  if (parts.length === 1) return { page: cursor, params: {} };
  const [page, packed, given] = parts;
  if (parts.length !== 3 || !page || !packed || !given) return BAD_CURSOR;
  const expected = Buffer.from(mac(op, page, packed), 'base64url');
  const sent = Buffer.from(given, 'base64url');
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) return BAD_CURSOR;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(packed, 'base64url').toString('utf8'));
  } catch {
    return BAD_CURSOR;
  }
  if (!Array.isArray(values)) return BAD_CURSOR;
  const keys = carriedKeys(op);
  const params: Record<string, unknown> = {};
  values.forEach((value: unknown, index) => {
    if (value !== null && keys[index] !== undefined) params[keys[index]] = value;
  });
  return { page, params };
}

/** The first param the caller sent that the cursor was not issued with, as a sentence; undefined when none. */
export function contradiction(
  op: Operation,
  carried: Record<string, unknown>,
  sent: Record<string, unknown>,
  given: ReadonlySet<string>,
): string | undefined {
  for (const key of carriedKeys(op)) {
    if (!given.has(key) || CHANGEABLE.has(key)) continue;
    const mine = carried[key];
    // Naming the default account explicitly is the same list; the page cursor still checks the account.
    if (mine === undefined && key === 'account') continue;
    if (JSON.stringify(mine) === JSON.stringify(sent[key])) continue;
    const issued = mine === undefined ? `without ${key}` : `for ${key} ${JSON.stringify(mine)}`;
    return `This cursor was issued ${issued}, but this call has ${key} ${JSON.stringify(sent[key])}. Send the cursor alone (it carries the list's params), or leave the cursor out to start the list with the new ${key}. Nothing was sent to Basecamp.`;
  }
  return undefined;
}
