// The contract every endpoint family (routes/<family>.ts) implements: a list of routes and the
// recording types it renders. See README.md for how to add one.
import type { AccountStore, Person, Project, Recording } from './store.ts';
import type { View } from './view.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface Reply {
  status: number;
  /** Serialised as JSON unless it is a Buffer or a string (sent as is). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  method: Method;
  url: URL;
  /** Path placeholders, as written in the route (`{id}` → params.id). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (`{}` when there is none). */
  body: Record<string, unknown>;
  rawBody: Buffer;
  store: AccountStore;
  view: View;
  me: Person;
  /** The `{bucket}` of a `/buckets/{bucket}/…` request, or null on a flat route. */
  bucketId: number | null;
  /** A numeric path placeholder; 404 when it is not a number. */
  id(name?: string): number;
  /** The recording with this id (of one of these types), else 404 — also when it lives in another bucket. */
  find(id: number, types?: string | readonly string[]): Recording;
  /** The project with this id, else 404. */
  project(id: number): Project;
}

export type Handler = (ctx: RouteContext) => Reply | Promise<Reply>;

export interface Route {
  method: Method;
  /** Path under `/{accountId}`, with `{name}` placeholders; the `.json` suffix is optional on the wire. */
  path: string;
  /** Also served as `/buckets/{bucket}{path}` (the docs' legacy alias), with identical bodies. */
  bucketAlias?: boolean;
  /** `raw` skips the JSON content-type rule (file uploads send their own type). */
  body?: 'json' | 'raw';
  handler: Handler;
}

export interface TypeSpec {
  /** URL segment under `/buckets/{b}/`, e.g. `todos`; a function for nested ones (Campfire lines). */
  segment: string | ((recording: Recording) => string);
  /** The web app path when it differs from the API path (comments point into their parent). */
  appPath?: (recording: Recording, view: View) => string;
  commentable?: boolean;
  subscribable?: boolean;
  boostable?: boolean;
  /** The type's own fields, appended to the common recording envelope. */
  fields?: (recording: Recording, view: View) => Record<string, unknown>;
  /** Text (HTML allowed) that search matches against, besides the title. */
  searchText?: (recording: Recording) => string;
}

export interface Family {
  name: string;
  types?: Record<string, TypeSpec>;
  routes: Route[];
}

/** Thrown by handlers and helpers; the server turns it into a JSON error reply. */
export class HttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.body = { error: message };
    this.headers = headers;
  }
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({
  status: 200,
  body,
  headers,
});
export const noContent = (): Reply => ({ status: 204 });
export const created = (body: unknown, location?: string): Reply => ({
  status: 201,
  body,
  headers: location ? { Location: location } : undefined,
});
export const notFound = (what = 'Not found'): HttpError => new HttpError(404, what);
export const invalid = (message: string): HttpError => new HttpError(422, message);
export const badRequest = (message: string): HttpError => new HttpError(400, message);

/** Request body helpers: Basecamp ignores unknown fields and treats blanks as missing. */
export function text(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  return String(value);
}

export function requireText(body: Record<string, unknown>, key: string): string {
  const value = text(body, key)?.trim();
  if (!value) throw invalid(`${key} can't be blank`);
  return value;
}

export function idList(body: Record<string, unknown>, key: string): number[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest(`${key} must be an array of person ids`);
  return value.map((item) => Number(item)).filter((n) => Number.isInteger(n));
}
