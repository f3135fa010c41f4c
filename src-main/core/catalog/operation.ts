// One entry per Basecamp operation. Tools, annotations, docs/TOOLS.md, the coverage
// report and the tests are all derived from these entries: adding an endpoint is one entry.
//
// A domain file (`catalog/domains/<domain>.ts`) exports one `defineDomain({...})` as default;
// `catalog/index.ts` lists every domain. The executor adds the shared params itself:
// `account` (every action), `limit` + `cursor` (paginated), `confirm` (destructive),
// `publish` (draftable), `since` (newestFirst). Don't declare those in `params`.
import type { z } from 'zod';
import type { BasecampClient, HttpMethod } from '../basecamp/types.ts';
import type { UploadPolicy } from './upload-folders.ts';

/** What an operation does to the user's Basecamp, from which every annotation is derived. */
export type OperationKind = 'read' | 'write' | 'destructive';

/** A Basecamp JSON object as the API returns it. */
export type BasecampRecord = Record<string, unknown>;

/** How one kind of record is shown to an agent. Shared views live in `catalog/views.ts`. */
export interface RecordView {
  /** What one item is called in sentences, e.g. `to-do`. */
  noun: string;
  /** When the plural is not noun + s, e.g. `people`. */
  plural?: string;
  /** The headline of an item. Default: title, name, subject, summary or the plain text of content. */
  title?: (record: BasecampRecord) => string | undefined;
  /** Short facts for a list line, e.g. `due 2026-12-01`, `3 comments`. Falsy entries are dropped. */
  facts?: (record: BasecampRecord) => (string | false | undefined | null)[];
  /** Rich-text HTML fields shown as Markdown in a single-record answer (default `content`, `description`). */
  richText?: string[];
  /**
   * A rich-text field whose start shows in list lines and list structuredContent, for items whose headline is
   * their author (comments, chat lines, answers): without it an agent needs one call per item to read a thread.
   */
  excerpt?: string;
  /**
   * Fields holding Basecamp's own plain-text excerpt (search results): the first that says more than the
   * headline shows, tags stripped and cut short, as `snippet` in list lines and list structuredContent.
   */
  snippet?: string[];
  /** Fields kept in structuredContent besides id, title, app_url (default: a generic pick of scalars). */
  keep?: string[];
  /** Extra Markdown lines for a single-record answer, e.g. a project's dock. */
  sections?: (record: BasecampRecord) => string[];
}

/** After a write, GET this and check that the change is really there (Basecamp may answer 200 and change nothing). */
export interface ReadBack {
  /** Path template, filled from params like `path`, e.g. `/todos/{todo_id}.json`. */
  path: string;
  /** A sentence when the write did not take effect, else undefined. */
  check: (record: BasecampRecord, params: Record<string, unknown>) => string | undefined;
}

/** A full-replacement PUT: the executor GETs the current record and merges the given params over it. */
export interface ReplaceSemantics {
  /** Path template of the record to read first (usually the operation's own path). */
  path: string;
  /** The writable body of the current record, e.g. `assignee_ids` from `assignees[].id`. */
  writable: (current: BasecampRecord) => Record<string, unknown>;
}

/** What a custom operation gets: the client for the chosen account plus the caller's context. */
export interface RunContext {
  client: BasecampClient;
  /** Another account's client (e.g. the account named in a pasted URL). */
  clientFor: (accountId?: number) => Promise<BasecampClient>;
  accounts: { id: number; name: string }[];
  signal?: AbortSignal;
  /** Domains switched off in settings: their data is not read by other routes either (e.g. resolve_url). */
  disabledDomains?: string[];
  /** Which local files may be uploaded. */
  uploads?: UploadPolicy;
}

/** The agent-facing answer of one call. */
export interface ToolAnswer {
  text: string;
  structured?: Record<string, unknown>;
  isError?: boolean;
  /** Images shown to the model as MCP image content (a downloaded picture), after the text. */
  images?: { data: string; mimeType: string }[];
}

export interface Operation<Params extends z.ZodObject = z.ZodObject> {
  /** `domain.action`, e.g. `todos.list`. Unique. */
  id: string;
  /** The domain tool that serves it, e.g. `todos`. */
  domain: string;
  /** The action name inside the domain tool, e.g. `list`. [a-z_], short. */
  action: string;
  /** A short title for docs and direct tools, e.g. `List to-dos`. */
  title: string;
  /** One sentence for the agent: what it does and when to use it. */
  summary: string;
  method: HttpMethod;
  /** Path template under the account base, with `{name}` placeholders filled from params. */
  path: string;
  /** The action's parameters (path placeholders, query and body fields), each described. */
  params: Params;
  kind: OperationKind;
  /** The operationId in the official openapi.json this entry covers (several ids may share an entry). */
  openapi?: string[];
  /** The response is a paginated list. */
  paginated?: boolean;
  /** Which params go in the query string (the rest that are not path placeholders form the JSON body). */
  query?: string[];
  /** Body params holding Markdown that is sent to Basecamp as rich-text HTML. */
  richText?: string[];
  /** Param renames for the wire, e.g. `{ query: 'q' }`; applied to query and body fields. */
  wireNames?: Record<string, string>;
  /** Constant body or query fields added to every call, e.g. `{ content_type: 'text/html' }`. */
  fixed?: Record<string, unknown>;
  /** Messages and documents: a draft unless the agent passes `publish: true` (then `status: "active"`). */
  draftable?: boolean;
  /**
   * The action of the same tool that publishes a draft this creates, and its id param (messages). Without it a
   * draft can only be published by a person in Basecamp, and the answer says so (creating again duplicates).
   */
  publishedBy?: { action: string; param: string };
  /** Full-replacement PUT (fields left out are cleared): fetch, merge, put. */
  replace?: ReplaceSemantics;
  /** Check the write took effect by reading it back. */
  readBack?: ReadBack;
  /** Destructive actions: a GET (path template) that names the item, so the confirm question and the answer can. */
  subject?: string;
  /** How records in the answer are shown. */
  view?: RecordView;
  /** Sentences added to the answer when they apply (e.g. who will be notified). */
  notes?: (params: Record<string, unknown>) => (string | false | undefined)[];
  /**
   * The id `param` is a tool in the project's dock (`name`: todoset, message_board, chat, vault, schedule,
   * questionnaire, inbox, kanban_board): the agent may pass `project_id` instead and the executor looks it up.
   */
  dock?: { param: string; name: string };
  /**
   * The list comes newest first by this time field and Basecamp takes no date filter: the executor adds a
   * `since` param that drops older items and stops paging at the first page that reaches them.
   */
  newestFirst?: { field: string };
  /** Also served as its own top-level tool (high-frequency actions only; the budget is 30 tools). */
  direct?: { name: string; title: string };
  /** Idempotency override; default: reads, PUT and DELETE are idempotent, POST is not. */
  idempotent?: boolean;
  /**
   * Checked against Basecamp before the call: a sentence saying why the call would do the wrong thing (publish on
   * a message that is no draft), or undefined to go ahead. Nothing is sent when it answers a sentence.
   */
  precondition?: (
    client: BasecampClient,
    params: Record<string, unknown>,
    signal?: AbortSignal,
  ) => Promise<string | undefined>;
  /** The answer when the user has several accounts and chose none (whoami lists them instead of failing). */
  withoutAccount?: (accounts: { id: number; name: string }[]) => ToolAnswer;
  /** Operations that are more than one request (who am I, resolve a URL). `method`/`path` still document the main call. */
  run?: (ctx: RunContext, params: z.infer<Params>) => Promise<ToolAnswer>;
}

/** A domain tool: one per domain file, serving its operations through an `action` enum. */
export interface Domain {
  /** Tool suffix, e.g. `todos` → tool `bc_todos`. [a-z_], short. */
  name: string;
  /** Human title, e.g. `To-dos`. */
  title: string;
  /** One sentence: what lives here (the tool's description starts with it). */
  summary: string;
  operations: Operation[];
}

/** Keeps each entry's params type for its callbacks while storing it as a plain Operation. */
export function defineOperation<Params extends z.ZodObject>(operation: Operation<Params>): Operation {
  return operation as unknown as Operation;
}

export function defineDomain(domain: Domain): Domain {
  for (const op of domain.operations) {
    if (op.domain !== domain.name)
      throw new Error(`${op.id}: domain is ${op.domain}, expected ${domain.name}`);
    if (op.id !== `${op.domain}.${op.action}`)
      throw new Error(`${op.id}: id must be ${op.domain}.${op.action}`);
  }
  return domain;
}
