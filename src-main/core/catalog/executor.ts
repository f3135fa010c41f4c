// Runs one operation for an agent: validate, gate (read-only, confirm), build the request,
// call the Basecamp client, check the write landed, shape the answer. Nothing reaches
// Basecamp unless the params passed validation.
import { z } from 'zod';
import { AuthError, SIGN_IN_AGAIN } from '../auth/errors.ts';
import { BasecampError } from '../basecamp/errors.ts';
import type { BasecampClient, QueryValue } from '../basecamp/types.ts';
import type { BasecampRecord, Operation, ToolAnswer } from './operation.ts';
import type { UploadPolicy } from './upload-folders.ts';
import { BAD_CURSOR, carriedKeys, contradiction, issueCursor, readCursor } from './cursors.ts';
import { id, moment } from './params.ts';
import { markdownToHtml, mentionedPeople } from './rich-text.ts';
import { renderList, renderRecord, titleOf, withinBudget } from './shapers.ts';
import { utcToday, withToday } from './today.ts';

/** What the tool layer needs from the rest of the companion (injected by app.ts). */
export interface ToolContext {
  /** The Basecamp client for an account (the default account when omitted). Throws NeedsSignInError when signed out. */
  clientFor(accountId?: number): Promise<BasecampClient>;
  /** The accounts the user signed in to. */
  accounts(): { id: number; name: string }[];
  readOnly: boolean;
  /** Why read-only is on: the settings switch, or `serve --read-only` (which settings cannot turn off). */
  readOnlySource?: 'settings' | 'flag';
  /** Domain names switched off in settings. */
  disabledDomains: string[];
  /** Which local files may be uploaded (default: the home directory, never the data directory). */
  uploads?: UploadPolicy;
  /** Today as YYYY-MM-DD, for marking overdue items (default: the UTC date). Tests pin it. */
  today?: () => string;
}

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 200;

/** Params the executor adds to entries; domain files never declare them. */
export const CONTROL_PARAMS = ['account', 'limit', 'cursor', 'confirm', 'publish', 'since'] as const;

/** The full schema of an action: the entry's params plus the shared ones it qualifies for. Unknown keys are errors. */
const schemas = new WeakMap<Operation, z.ZodObject>();

/** Built once per operation: the schemas never change, and rebuilding them was a tenth of a call's CPU. */
export function paramsSchema(op: Operation): z.ZodObject {
  let schema = schemas.get(op);
  if (!schema) schemas.set(op, (schema = buildParamsSchema(op)));
  return schema;
}

function buildParamsSchema(op: Operation): z.ZodObject {
  const extra: Record<string, z.ZodType> = {
    account: id('Which Basecamp account (an id from whoami); the default account when left out').optional(),
  };
  if (op.paginated) {
    extra.limit = z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`)
      .optional()
      .describe(`How many items to return (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})`);
    extra.cursor = z
      .string()
      .min(1)
      .max(4000)
      .optional()
      .describe('The next_cursor of an earlier call: alone, it continues that list where it stopped');
  }
  if (op.newestFirst) {
    extra.since = moment(
      'Only what happened at or after this time (ISO time, or YYYY-MM-DD = 00:00 UTC). Basecamp has no such filter: older events are dropped here and paging stops at them',
    ).optional();
  }
  if (op.kind === 'destructive') {
    extra.confirm = z
      .literal(true, { error: 'must be true' })
      .optional()
      .describe('Must be true: the user has agreed to this permanent change');
  }
  if (op.draftable) {
    extra.publish = z
      .boolean()
      .optional()
      .describe('true: publish now and notify people; default: save as a draft for a person to review');
  }
  const dock = op.dock;
  if (!dock) return op.params.extend(extra).strict();
  const shape = op.params.shape as Record<string, z.ZodType>;
  const own = shape[dock.param];
  if (!own) throw new Error(`${op.id}: dock param ${dock.param} is not a param`);
  extra[dock.param] = own.optional();
  if (!shape.project_id) {
    extra.project_id = id(
      `The project; its ${dock.name} is looked up in the dock when ${dock.param} is left out`,
    ).optional();
  }
  return op.params
    .extend(extra)
    .strict()
    .superRefine((value, check) => {
      if (value[dock.param] === undefined && value.project_id === undefined) {
        check.addIssue({
          code: 'custom',
          path: [dock.param],
          message: `is required (or pass project_id to look it up in the project's dock)`,
        });
      }
    });
}

/** The sgid of every person mentioned as `<@id>` in the entry's rich text, or a sentence naming an unknown id. */
async function resolveMentions(
  op: Operation,
  params: Record<string, unknown>,
  client: BasecampClient,
  signal?: AbortSignal,
): Promise<Map<number, string> | string> {
  const mentions = new Map<number, string>();
  const people = (op.richText ?? []).flatMap((field) =>
    typeof params[field] === 'string' ? mentionedPeople(params[field]) : [],
  );
  for (const personId of new Set(people)) {
    try {
      const { data } = await client.request<BasecampRecord>({
        method: 'GET',
        path: `/people/${personId}.json`,
        signal,
      });
      if (typeof data.attachable_sgid !== 'string')
        return `Person ${personId} cannot be mentioned (Basecamp gave no mention id).`;
      mentions.set(personId, data.attachable_sgid);
    } catch (error) {
      if (error instanceof BasecampError && error.code === 'not_found') {
        return `No person with id ${personId} to mention (<@${personId}>). Find people's ids with the people list, then try again. Nothing was sent.`;
      }
      throw error;
    }
  }
  return mentions;
}

/** Params the executor added for this entry, which never go on the wire. */
function addedParams(op: Operation): Set<string> {
  const added = new Set<string>(CONTROL_PARAMS);
  if (op.dock && !('project_id' in (op.params.shape as Record<string, unknown>))) added.add('project_id');
  return added;
}

/** Fills a dock param from the project's dock when the agent passed project_id instead. */
async function resolveDock(
  op: Operation,
  params: Record<string, unknown>,
  client: BasecampClient,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const dock = op.dock;
  if (!dock || params[dock.param] !== undefined) return undefined;
  const { data } = await client.request<BasecampRecord>({
    method: 'GET',
    path: `/projects/${Number(params.project_id)}.json`,
    signal,
  });
  const entries = Array.isArray(data.dock) ? (data.dock as BasecampRecord[]) : [];
  const entry = entries.find((tool) => tool.name === dock.name);
  if (!entry) return `Project ${String(params.project_id)} has no ${dock.name} in its dock.`;
  if (entry.enabled === false) {
    return `The ${String(entry.title ?? dock.name)} tool is switched off in project ${String(params.project_id)}; a project admin can turn it on.`;
  }
  params[dock.param] = entry.id;
  return undefined;
}

/** `field: problem; field: problem` in the words zod gives, with the path of nested fields. */
export function describeIssues(error: z.ZodError, missing: ReadonlySet<string> = new Set()): string {
  const said = new Set<string>();
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : 'params';
      // Coercing ids turns a missing value into NaN, so "required" is decided from the input, not the issue.
      if (issue.code !== 'unrecognized_keys') {
        // One fault per param: a value that fails its pattern need not also hear it is not a real date.
        if (said.has(where)) return '';
        said.add(where);
      }
      if (issue.path.length === 1 && missing.has(String(issue.path[0]))) return `${where}: is required`;
      if (issue.code === 'unrecognized_keys')
        return `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
      if (issue.code === 'invalid_value' && 'values' in issue)
        return `${where}: must be one of ${issue.values.map(String).join(', ')}`;
      if (issue.code === 'invalid_type' && issue.input === undefined) return `${where}: is required`;
      return `${where}: ${issue.message}`;
    })
    .filter(Boolean)
    .join('; ');
}

/** Required params the caller left out. */
function missingParams(schema: z.ZodObject, raw: unknown): Set<string> {
  const given = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const shape = schema.shape as Record<string, z.ZodType>;
  return new Set(
    Object.keys(shape).filter((key) => given[key] === undefined && !shape[key]!.safeParse(undefined).success),
  );
}

/** The read-only refusal, with the way out that applies: settings cannot undo `--read-only`. */
export function readOnlyRefusal(ctx: Pick<ToolContext, 'readOnlySource'>, what: string): string {
  const wayOut =
    ctx.readOnlySource === 'flag'
      ? 'It was started with --read-only: the user can restart it without --read-only to allow changes.'
      : "The user can turn read-only mode off in the companion's settings.";
  return `Basecamp Companion is in read-only mode, so ${what}. ${wayOut}`;
}

export function errorAnswer(text: string, code?: string): ToolAnswer {
  return { text, isError: true, structured: { error: { ...(code ? { code } : {}), message: text } } };
}

const ACCOUNT_CHOICE: ReadonlySet<string> = new Set(['unknown_account', 'account_not_chosen']);

/** Typed client and auth errors carry the sentence for the user; anything else is our bug. */
export function answerForError(error: unknown): ToolAnswer {
  if (error instanceof AuthError) {
    // Choosing an account is not a sign-in problem: signing in again would not help. A message that
    // already says how to sign in is not told twice.
    const said = ACCOUNT_CHOICE.has(error.code) || /\bsign in\b/i.test(error.message);
    const text = said ? error.message : `${error.message} ${SIGN_IN_AGAIN}`;
    return errorAnswer(text, error.code);
  }
  if (error instanceof BasecampError) {
    if (error.code === 'unauthorized')
      return errorAnswer(`${error.message.replace(/ Sign in .*$/, '')} ${SIGN_IN_AGAIN}`, error.code);
    return errorAnswer(error.message, error.code);
  }
  if (error instanceof Error && error.name === 'AbortError')
    return errorAnswer('The call was cancelled.', 'cancelled');
  const message = error instanceof Error ? error.message : String(error);
  return errorAnswer(
    `Basecamp Companion failed while running this call: ${message}. The log has details; try again.`,
    'internal',
  );
}

/** What a destructive action does to the item and how it comes back: Basecamp keeps trash 30 days, archives until restored. */
function consequence(op: Operation): { refusal: string; after?: string } {
  if (/^Trash/.test(op.title))
    return {
      refusal: 'moves it to the trash (it can be restored from there within 30 days)',
      after: 'It can be restored from the trash for 30 days.',
    };
  if (/^Archive/.test(op.title))
    return { refusal: 'archives it (it can be restored later)', after: 'It can be restored at any time.' };
  return { refusal: 'cannot be undone' };
}

/** `“Title” (id 12)` for the item a destructive action acts on; `item 12` when no single GET names it. */
async function nameTarget(
  op: Operation,
  params: Record<string, unknown>,
  client: BasecampClient,
  signal?: AbortSignal,
): Promise<string> {
  const key = placeholders(op.path).at(-1);
  const itemId = key === undefined ? undefined : String(params[key]);
  const bare = itemId === undefined ? 'this item' : `${op.view?.noun ?? 'item'} ${itemId}`;
  if (!op.subject) return bare;
  try {
    const { data } = await client.request<BasecampRecord>({
      method: 'GET',
      path: fillPath(op.subject, params),
      signal,
    });
    return `“${titleOf(data, op.view)}” (id ${String(data.id ?? itemId)})`;
  } catch (error) {
    // The action itself reports a missing item in Basecamp's words; naming it is only a courtesy.
    if (error instanceof BasecampError) return bare;
    throw error;
  }
}

function doneLine(op: Operation, target: string | undefined): string {
  if (target === undefined) return `Done — ${op.title}.`;
  const after = consequence(op).after;
  return `Done — ${op.title}: ${target}.${after ? ` ${after}` : ''}`;
}

function fillPath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(String(params[name])));
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
}

interface WireParts {
  path: string;
  query: Record<string, QueryValue>;
  body: Record<string, unknown>;
}

/** Splits validated params into path, query and body as the entry describes. */
export function wireParts(
  op: Operation,
  params: Record<string, unknown>,
  mentions: ReadonlyMap<number, string> = new Map(),
): WireParts {
  const inPath = new Set(placeholders(op.path));
  const inQuery = new Set(op.query ?? []);
  const control = addedParams(op);
  const rich = new Set(op.richText ?? []);
  const query: Record<string, QueryValue> = {};
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || inPath.has(key) || control.has(key)) continue;
    const wire = op.wireNames?.[key] ?? key;
    if (inQuery.has(key)) query[wire] = value as QueryValue;
    else body[wire] = rich.has(key) && typeof value === 'string' ? markdownToHtml(value, mentions) : value;
  }
  for (const [key, value] of Object.entries(op.fixed ?? {})) {
    if (op.method === 'GET') query[key] = value as QueryValue;
    else body[key] = value;
  }
  // Explicit either way, so a draft never depends on Basecamp's default.
  if (op.draftable) body.status = params.publish === true ? 'active' : 'drafted';
  return { path: fillPath(op.path, params), query, body };
}

function isRecord(value: unknown): value is BasecampRecord {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Fields of a record that Basecamp owns: a sent field of the same name means something else (a cloud file's
 * or an event's `url` is the link we send, the answer's `url` is the record's API address).
 */
const API_OWNED_FIELDS = new Set(['id', 'url', 'app_url', 'created_at', 'updated_at']);

/** Fields we sent that the answer shows with another value: Basecamp sometimes answers 200 and changes nothing. */
export function unchangedFields(
  sent: Record<string, unknown>,
  answer: BasecampRecord,
  op: Operation,
): string[] {
  const rich = new Set((op.richText ?? []).map((key) => op.wireNames?.[key] ?? key));
  return Object.entries(sent)
    .filter(
      ([key, value]) =>
        !rich.has(key) &&
        !API_OWNED_FIELDS.has(key) &&
        ['string', 'number', 'boolean'].includes(typeof value) &&
        key in answer,
    )
    .filter(([key, value]) => answer[key] !== value)
    .map(([key]) => key);
}

/** Where a new draft goes from here. Never "call again with publish": that makes a second copy. */
function draftNote(op: Operation, record: BasecampRecord): string {
  const saved = `Saved as a **draft** (id ${String(record.id)}): nobody was notified.`;
  const by = op.publishedBy;
  if (!by)
    return `${saved} Basecamp's API cannot publish a draft: a person publishes it in Basecamp. Don't create it again (that makes a second copy).`;
  return `${saved} To publish it, call bc_${op.domain} ${by.action} with ${by.param}: ${String(record.id)} (creating it again would make a second copy); a person can also publish it in Basecamp.`;
}

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** How the agent called it, for errors: `bc_search`, `bc_todos list` (default: the domain tool and action). */
  calledAs?: string;
}

export function executeOperation(
  op: Operation,
  rawParams: unknown,
  ctx: ToolContext,
  options: ExecuteOptions = {},
): Promise<ToolAnswer> {
  // Views mark overdue items against this day; the whole call sees the same one.
  return withToday(ctx.today?.() ?? utcToday(), () => runOperation(op, rawParams, ctx, options));
}

async function runOperation(
  op: Operation,
  rawParams: unknown,
  ctx: ToolContext,
  options: ExecuteOptions,
): Promise<ToolAnswer> {
  if (op.kind !== 'read' && ctx.readOnly) {
    return errorAnswer(readOnlyRefusal(ctx, `"${op.title}" was not done`), 'read_only');
  }
  const continued = continueList(op, rawParams);
  if (typeof continued === 'string') return errorAnswer(continued, 'bad_cursor');
  const schema = paramsSchema(op);
  const parsed = schema.safeParse(continued.input, { reportInput: true });
  if (!parsed.success) {
    return errorAnswer(
      `Invalid parameters for ${options.calledAs ?? `bc_${op.domain} ${op.action}`}: ${describeIssues(parsed.error, missingParams(schema, continued.input))}. Nothing was sent to Basecamp.`,
      'invalid_params',
    );
  }
  const params = parsed.data as Record<string, unknown>;
  const mismatch = contradiction(op, continued.carried, params, continued.sent);
  if (mismatch) return errorAnswer(mismatch, 'cursor_mismatch');
  const accountId = params.account as number | undefined;
  // Signed out, there are no accounts to check against: clientFor says to sign in.
  const known = ctx.accounts();
  if (accountId !== undefined && known.length > 0 && !known.some((account) => account.id === accountId)) {
    const list =
      ctx
        .accounts()
        .map((a) => `${a.name} (${a.id})`)
        .join(', ') || 'none';
    return errorAnswer(
      `Account ${accountId} is not one you are signed in to. Your accounts: ${list}.`,
      'unknown_account',
    );
  }

  try {
    let client: BasecampClient;
    try {
      client = await ctx.clientFor(accountId);
    } catch (error) {
      // Orientation works before an account is chosen: it is where the agent learns which to pass.
      if (op.withoutAccount && error instanceof AuthError && error.code === 'account_not_chosen')
        return op.withoutAccount(known);
      throw error;
    }
    const dockProblem = await resolveDock(op, params, client, options.signal);
    if (dockProblem) return errorAnswer(dockProblem, 'not_in_dock');
    const unmet = await op.precondition?.(client, params, options.signal);
    if (unmet) return errorAnswer(unmet, 'precondition_failed');
    const target =
      op.kind === 'destructive' ? await nameTarget(op, params, client, options.signal) : undefined;
    if (target !== undefined && params.confirm !== true) {
      return errorAnswer(
        `${op.title}: ${target}. This ${consequence(op).refusal}. Ask the user first, then call again with confirm: true. Nothing was changed.`,
        'needs_confirmation',
      );
    }
    const mentions = await resolveMentions(op, params, client, options.signal);
    if (typeof mentions === 'string') return errorAnswer(mentions, 'unknown_person');
    const answer = op.run
      ? await op.run(
          {
            client,
            clientFor: (other) => ctx.clientFor(other),
            accounts: ctx.accounts(),
            signal: options.signal,
            disabledDomains: ctx.disabledDomains,
            ...(ctx.uploads ? { uploads: ctx.uploads } : {}),
          },
          params,
        )
      : await callBasecamp(
          op,
          params,
          client,
          mentions,
          options.signal,
          target,
          carryable(op, continued.input, params),
        );
    const notes = (op.notes?.(params) ?? []).filter(
      (note): note is string => typeof note === 'string' && note.length > 0,
    );
    const text = notes.length ? `${answer.text}\n\n${notes.join('\n')}` : answer.text;
    const budget = withinBudget(text);
    const structured =
      budget.cut || answer.structured
        ? { ...answer.structured, ...(budget.cut ? { truncated: true } : {}) }
        : undefined;
    return { ...answer, text: budget.text, ...(structured ? { structured } : {}) };
  } catch (error) {
    return answerForError(error);
  }
}

/** For a newest-first list with `since`: is this item from before it? */
function olderThanSince(
  op: Operation,
  params: Record<string, unknown>,
): ((item: unknown) => boolean) | undefined {
  const field = op.newestFirst?.field;
  if (!field || typeof params.since !== 'string') return undefined;
  const since = Date.parse(params.since.length === 10 ? `${params.since}T00:00:00Z` : params.since);
  // An item without a readable time is kept: leaving it out would hide it for a formatting quirk.
  return (item) => isRecord(item) && Date.parse(String(item[field])) < since;
}

/** The items at or after `since`, and whether this page reached older ones (then the list is done). */
function sinceCut(
  op: Operation,
  params: Record<string, unknown>,
  items: BasecampRecord[],
): { items: BasecampRecord[]; filtered: boolean; reached: boolean } {
  const older = olderThanSince(op, params);
  if (!older) return { items, filtered: false, reached: false };
  const kept = items.filter((item) => !older(item));
  return { items: kept, filtered: true, reached: kept.length < items.length };
}

interface ContinuedList {
  /** The caller's params, with what the cursor carries filled in and the cursor unwrapped to the client's. */
  input: unknown;
  carried: Record<string, unknown>;
  /** The params the caller sent themselves. */
  sent: ReadonlySet<string>;
}

/** A cursor carries its list's params, so `{cursor}` alone continues; a sentence when the cursor is not ours. */
function continueList(op: Operation, rawParams: unknown): ContinuedList | string {
  const input = rawParams ?? {};
  if (!op.paginated || !isRecord(input) || typeof input.cursor !== 'string' || input.cursor === '')
    return { input, carried: {}, sent: new Set() };
  const read = readCursor(op, input.cursor);
  if (typeof read === 'string') return read;
  const merged = { ...read.params, ...input, cursor: read.page };
  // A list with required params always issues a cursor that carries them: a bare one that leaves them
  // missing was not ours, and "not valid" says more than "todolist_id: is required".
  if (Object.keys(read.params).length === 0 && lacksRequired(op, merged)) return BAD_CURSOR;
  const sent = new Set(Object.keys(input).filter((key) => input[key] !== undefined));
  return { input: merged, carried: read.params, sent };
}

function lacksRequired(op: Operation, input: Record<string, unknown>): boolean {
  if (missingParams(paramsSchema(op), input).size > 0) return true;
  return !!op.dock && input[op.dock.param] === undefined && input.project_id === undefined;
}

/** What the next cursor carries: the params that were set (by the caller or the cursor), not defaults. */
function carryable(op: Operation, input: unknown, params: Record<string, unknown>): Record<string, unknown> {
  const set = isRecord(input) ? input : {};
  return Object.fromEntries(
    carriedKeys(op)
      .filter((key) => set[key] !== undefined || (op.dock?.param === key && params[key] !== undefined))
      .map((key) => [key, params[key]]),
  );
}

async function callBasecamp(
  op: Operation,
  params: Record<string, unknown>,
  client: BasecampClient,
  mentions: ReadonlyMap<number, string>,
  signal?: AbortSignal,
  target?: string,
  carry: Record<string, unknown> = {},
): Promise<ToolAnswer> {
  const { path, query, body } = wireParts(op, params, mentions);
  const done = doneLine(op, target);

  if (op.paginated && op.method === 'GET') {
    const limit = (params.limit as number | undefined) ?? DEFAULT_LIMIT;
    const stopAt = olderThanSince(op, params);
    const result = await client.list<BasecampRecord>({
      path,
      query,
      limit,
      cursor: params.cursor as string | undefined,
      ...(stopAt ? { stopAt } : {}),
      signal,
    });
    const recent = sinceCut(op, params, result.items);
    const nextCursor = recent.reached ? undefined : result.nextCursor;
    const page = {
      // The whole timeline's count says nothing about the part since a time.
      ...(result.totalCount !== undefined && !recent.filtered ? { total: result.totalCount } : {}),
      has_more: nextCursor !== undefined,
      ...(nextCursor ? { next_cursor: issueCursor(op, nextCursor, carry) } : {}),
    };
    const shown = renderList(recent.items, op.view, {
      ...page,
      offset: result.offset,
      continued: params.cursor !== undefined,
    });
    const text = recent.reached
      ? `${shown.text}\n\nThat is everything since ${String(params.since)}.`
      : shown.text;
    return { text, structured: { ...shown.structured, truncated: false } };
  }

  let sendBody: Record<string, unknown> | undefined =
    op.method === 'GET' || op.method === 'DELETE' ? undefined : body;
  if (op.replace) {
    // Full-replacement PUT: what the agent did not mention keeps its current value.
    const current = await client.request<BasecampRecord>({
      method: 'GET',
      path: fillPath(op.replace.path, params),
      signal,
    });
    sendBody = { ...op.replace.writable(current.data), ...body };
  }
  const response = await client.request<unknown>({
    method: op.method,
    path,
    ...(Object.keys(query).length ? { query } : {}),
    ...(sendBody !== undefined ? { body: sendBody } : {}),
    signal,
  });

  if (op.readBack) {
    const after = await client.request<BasecampRecord>({
      method: 'GET',
      path: fillPath(op.readBack.path, params),
      signal,
    });
    const problem = op.readBack.check(after.data, params);
    const shown = renderRecord(after.data, op.view);
    if (problem) {
      return {
        isError: true,
        text: `${problem} Nothing seems to have changed; check the id and try again.\n\n${shown.text}`,
        structured: shown.structured,
      };
    }
    return { text: `${done}\n\n${shown.text}`, structured: shown.structured };
  }

  const data = response.data;
  if (!isRecord(data)) {
    if (Array.isArray(data)) {
      const shown = renderList(data as BasecampRecord[], op.view, { has_more: false });
      return { text: shown.text, structured: shown.structured };
    }
    if (op.kind === 'read') return { text: 'Basecamp returned nothing for this.', structured: {} };
    return { text: done, structured: { ok: true } };
  }

  const shown = renderRecord(data, op.view);
  if (op.kind === 'read') return { text: shown.text, structured: shown.structured };

  const lines: string[] = [done];
  if (op.method === 'PUT' && sendBody) {
    const stale = unchangedFields(sendBody, data, op);
    if (stale.length) {
      return {
        isError: true,
        text: `Basecamp answered OK but did not change ${stale.join(', ')}. Nothing seems to have been saved; check the ids and try again.\n\n${shown.text}`,
        structured: shown.structured,
      };
    }
  }
  if (op.draftable) {
    const published = data.status === 'active';
    if (params.publish !== true && !published) lines.push(draftNote(op, data));
    if (params.publish === true && !published)
      lines.push(`Basecamp saved it with status "${String(data.status)}", not published.`);
  }
  return { text: `${lines.join('\n')}\n\n${shown.text}`, structured: shown.structured };
}
