// The contract between the tool layer and the Basecamp HTTP client.
// The client owns everything about the wire: auth header, governor, cache, retries, pagination.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined;

export interface BasecampRequest {
  method: HttpMethod;
  /** A path under the account base (`/projects.json`) or an absolute URL the API handed out (a `Link` next page). */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

export interface BasecampResponse<T = unknown> {
  status: number;
  data: T;
  headers: Record<string, string | undefined>;
  /** True when the answer came from a 304 revalidation of a cached body. */
  fromCache: boolean;
}

export interface ListRequest {
  path: string;
  query?: Record<string, QueryValue>;
  /** Stop after this many items (the rest is reported through `nextCursor`). */
  limit?: number;
  /** A continuation handed out by an earlier call. */
  cursor?: string;
  signal?: AbortSignal;
}

export interface ListResult<T = unknown> {
  items: T[];
  /** From `X-Total-Count` where Basecamp sends it. */
  totalCount?: number;
  /** Present when more items exist: pass it back as `cursor` to get exactly the rest. */
  nextCursor?: string;
}

export interface BinaryResult {
  contentType: string;
  bytes: Buffer;
  fileName?: string;
}

export interface BasecampClient {
  /** The account this client talks to. */
  readonly account: { id: number; href: string };
  request<T = unknown>(request: BasecampRequest): Promise<BasecampResponse<T>>;
  list<T = unknown>(request: ListRequest): Promise<ListResult<T>>;
  /** Download a file (follows the storage redirect without forwarding Authorization), capped at maxBytes. */
  download(url: string, options: { maxBytes: number; signal?: AbortSignal }): Promise<BinaryResult>;
}

/** Where the client gets its bearer token; implemented by auth/ (and by the sandbox session in --sandbox mode). */
export interface TokenProvider {
  /** A valid access token, refreshed proactively when it is about to expire. */
  accessToken(): Promise<string>;
  /** Called once after a 401: refresh (single-flight) and return the new token, or throw a NeedsSignInError. */
  afterUnauthorized(rejectedToken: string): Promise<string>;
}
