// The contract between the tool layer and the Basecamp HTTP client.
// The client owns everything about the wire: auth header, governor, cache, retries, pagination.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An array is sent as the key repeated once per value (`assignee_ids[]=1&assignee_ids[]=2`); name the key with `[]`. */
export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

export interface BasecampRequest {
  method: HttpMethod;
  /** A path under the account base (`/projects.json`) or an absolute URL the API handed out (a `Link` next page). */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is instead of a JSON body: a file for `POST /attachments.json` (raw bytes with their own type). */
  upload?: { bytes: Buffer; contentType: string };
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
  /** When the list comes wrapped in an object (e.g. `{"events": [...]}`), the key that holds the items. */
  itemsKey?: string;
  /** A newest-first list read back to a point: no further page is fetched once a page holds an item this accepts. */
  stopAt?: (item: unknown) => boolean;
  signal?: AbortSignal;
}

export interface ListResult<T = unknown> {
  items: T[];
  /** From `X-Total-Count` where Basecamp sends it. */
  totalCount?: number;
  /** Present when more items exist: pass it back as `cursor` to get exactly the rest. */
  nextCursor?: string;
  /** Items of the list handed out before these (0 on the first page; carried in the cursor). */
  offset: number;
}

export interface BinaryResult {
  contentType: string;
  bytes: Buffer;
  fileName?: string;
}

export interface DownloadOptions {
  maxBytes: number;
  signal?: AbortSignal;
  /** Per hop; defaults to the client's request timeout. */
  timeoutMs?: number;
}

export interface BasecampClient {
  /** The account this client talks to. */
  readonly account: { id: number; href: string };
  request<T = unknown>(request: BasecampRequest): Promise<BasecampResponse<T>>;
  list<T = unknown>(request: ListRequest): Promise<ListResult<T>>;
  /** Download a file (follows the storage redirect without forwarding Authorization), capped at maxBytes. */
  download(url: string, options: DownloadOptions): Promise<BinaryResult>;
}

/** Where the client gets its bearer token; implemented by auth/ (and by the sandbox session in --sandbox mode). */
export interface TokenProvider {
  /** A valid access token, refreshed proactively when it is about to expire. */
  accessToken(): Promise<string>;
  /** Called once after a 401: refresh (single-flight) and return the new token, or throw a NeedsSignInError. */
  afterUnauthorized(rejectedToken: string): Promise<string>;
}

/** One request that actually went over the wire (a cache hit without a request is not one). */
export interface WireEvent {
  method: string;
  /** The full URL, query included (never a token: Basecamp takes those only in headers). */
  url: string;
  /** HTTP status, or 0 when no answer came (network failure, timeout). */
  status: number;
  /** 1 for the first try of a call, 2 for its first retry, … */
  attempt: number;
  /** The answer was a 304 and the cached body was used. */
  fromCache: boolean;
  /** Other identical GETs shared this request instead of sending their own. */
  coalesced: boolean;
  /** Time spent waiting for the governor before sending. */
  queuedMs: number;
  durationMs: number;
  /** True for the storage hop of a download (sent without Authorization). */
  storage?: boolean;
}

/** Running totals of one client, for tests and the benchmark. */
export interface ClientMetrics {
  /** Requests sent over the wire (retries and storage hops included). */
  sent: number;
  /** 304 answers served from the cache. */
  cacheHits: number;
  /** Calls that joined an identical in-flight GET instead of sending. */
  coalesced: number;
  /** Re-sends after a 429, a 5xx or a network failure (not the one after a 401 refresh). */
  retries: number;
  /** Token refreshes after a 401. */
  refreshes: number;
  /** Total time calls waited for the governor. */
  queuedMs: number;
}
