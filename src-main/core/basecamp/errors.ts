// One mapping from Basecamp answers and transport failures to typed errors. Every message says what to do
// next, and every message passes through the redactor so a token can never ride along.
import { redactText } from '../log/redact.ts';

export type BasecampErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'account_inactive'
  | 'validation_failed'
  | 'rate_limited'
  | 'account_limit'
  | 'server_error'
  | 'http_error'
  | 'bad_response'
  | 'network_error'
  | 'timeout'
  | 'bad_cursor'
  | 'unsafe_url'
  | 'download_too_large';

interface ErrorDetails {
  /** HTTP status, when Basecamp answered at all. */
  status?: number;
  method?: string;
  /** The request path under the account (no query string, no host). */
  path?: string;
  /** Basecamp's own error text, when it sent one. */
  detail?: string;
  cause?: unknown;
}

export class BasecampError extends Error {
  readonly code: BasecampErrorCode;
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly detail: string | undefined;

  constructor(code: BasecampErrorCode, message: string, details: ErrorDetails = {}) {
    super(redactText(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'BasecampError';
    this.code = code;
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.detail = details.detail === undefined ? undefined : redactText(details.detail);
  }

  /** A plain view for logs and tool results. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, status: this.status, message: this.message };
  }
}

/**
 * A typed error class for one kind of failure: the class name callers match with `instanceof`, and its `code`.
 * One factory instead of a copy per kind; each export below is a value (the class) and a type (its instances).
 */
function errorKind(code: BasecampErrorCode, name: string) {
  const Kind = class extends BasecampError {
    constructor(message: string, details: ErrorDetails = {}) {
      super(code, message, details);
      this.name = name;
    }
  };
  Object.defineProperty(Kind, 'name', { value: name });
  return Kind;
}

export const BadRequestError = errorKind('bad_request', 'BadRequestError');
export type BadRequestError = InstanceType<typeof BadRequestError>;
export const UnauthorizedError = errorKind('unauthorized', 'UnauthorizedError');
export type UnauthorizedError = InstanceType<typeof UnauthorizedError>;
export const ForbiddenError = errorKind('forbidden', 'ForbiddenError');
export type ForbiddenError = InstanceType<typeof ForbiddenError>;
export const NotFoundError = errorKind('not_found', 'NotFoundError');
export type NotFoundError = InstanceType<typeof NotFoundError>;
export const AccountInactiveError = errorKind('account_inactive', 'AccountInactiveError');
export type AccountInactiveError = InstanceType<typeof AccountInactiveError>;
export const ValidationError = errorKind('validation_failed', 'ValidationError');
export type ValidationError = InstanceType<typeof ValidationError>;
export const AccountLimitError = errorKind('account_limit', 'AccountLimitError');
export type AccountLimitError = InstanceType<typeof AccountLimitError>;
export const ServerError = errorKind('server_error', 'ServerError');
export type ServerError = InstanceType<typeof ServerError>;
export const NetworkError = errorKind('network_error', 'NetworkError');
export type NetworkError = InstanceType<typeof NetworkError>;
export const RequestTimeoutError = errorKind('timeout', 'RequestTimeoutError');
export type RequestTimeoutError = InstanceType<typeof RequestTimeoutError>;
export const BadCursorError = errorKind('bad_cursor', 'BadCursorError');
export type BadCursorError = InstanceType<typeof BadCursorError>;
export const UnsafeUrlError = errorKind('unsafe_url', 'UnsafeUrlError');
export type UnsafeUrlError = InstanceType<typeof UnsafeUrlError>;

// The two kinds that carry a fact of their own stay written out.
export class RateLimitedError extends BasecampError {
  /** What Basecamp asked for, in seconds, when it said. */
  readonly retryAfterSeconds: number | undefined;
  constructor(message: string, details: ErrorDetails & { retryAfterSeconds?: number }) {
    super('rate_limited', message, details);
    this.name = 'RateLimitedError';
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
export class DownloadTooLargeError extends BasecampError {
  readonly maxBytes: number;
  constructor(maxBytes: number, details: ErrorDetails = {}) {
    super(
      'download_too_large',
      `The file is larger than the ${formatBytes(maxBytes)} limit for this download. Open it in Basecamp instead, or raise the limit.`,
      details,
    );
    this.name = 'DownloadTooLargeError';
    this.maxBytes = maxBytes;
  }
}

export function isBasecampError(value: unknown): value is BasecampError {
  return value instanceof BasecampError;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

const MAX_DETAIL = 500;

/** Basecamp's error text from a body: `{"error": "…"}`, `{"errors": {...}}`, `{"errors": [...]}` or plain text. */
export function errorDetailFromBody(body: Buffer | string | undefined): string | undefined {
  const text = (typeof body === 'string' ? body : body?.toString('utf8'))?.trim();
  if (!text) return undefined;
  let detail: string;
  try {
    detail = describeErrorValue(JSON.parse(text));
  } catch {
    // An HTML error page says nothing useful to an agent.
    if (/^<(!doctype|html)/i.test(text)) return undefined;
    detail = text;
  }
  detail = detail.replace(/\s+/g, ' ').trim();
  if (!detail) return undefined;
  return detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL)}…` : detail;
}

function describeErrorValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(describeErrorValue).join('; ');
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('error' in record) return describeErrorValue(record.error);
    if ('errors' in record) return describeErrorValue(record.errors);
    if ('message' in record) return describeErrorValue(record.message);
    return Object.entries(record)
      .map(([key, item]) => `${key} ${describeErrorValue(item)}`)
      .join('; ');
  }
  return value == null ? '' : String(value);
}

interface ResponseFacts {
  status: number;
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  body?: Buffer | string;
  retryAfterSeconds?: number;
}

/** The typed error for a Basecamp answer that is not a success. */
export function errorFromResponse(facts: ResponseFacts): BasecampError {
  const { status, method, path, headers } = facts;
  const detail = errorDetailFromBody(facts.body);
  const said = detail ? ` Basecamp said: "${detail}".` : '';
  const what = `${method} ${path}`;
  const details: ErrorDetails = { status, method, path, ...(detail ? { detail } : {}) };

  if (status === 400) {
    return new BadRequestError(
      `Basecamp rejected ${what} as a bad request (400).${said} Check the parameters against the tool description and try again with corrected values.`,
      details,
    );
  }
  if (status === 401) {
    return new UnauthorizedError(
      `Basecamp rejected the sign-in for ${what} (401), even after refreshing it. Sign in to Basecamp again in Basecamp Companion, then retry.`,
      details,
    );
  }
  if (status === 403) {
    return new ForbiddenError(
      `You are signed in but not allowed to do ${what} (403).${said} Ask a project or account admin for access, or choose an item you can change.`,
      details,
    );
  }
  if (status === 404 && /account inactive/i.test(headers.reason ?? '')) {
    return new AccountInactiveError(
      'This Basecamp account is inactive (expired trial, cancelled or suspended). Reactivate it in Basecamp or choose another account in Basecamp Companion.',
      details,
    );
  }
  if (status === 404) {
    return new NotFoundError(
      `Not found or no access: ${what} (404). The item may have been deleted or moved, or you may not have access to it. Check the id, or list the parent to find it again.`,
      details,
    );
  }
  if (status === 422) {
    return new ValidationError(
      `Basecamp could not save ${what} (422).${said || ' It did not say why.'} Fix the fields it names and try again.`,
      details,
    );
  }
  if (status === 429) {
    const wait =
      facts.retryAfterSeconds === undefined ? '' : ` Basecamp asks to wait ${facts.retryAfterSeconds} s.`;
    return new RateLimitedError(
      `Basecamp is rate limiting this account (429) and the retries ran out for ${what}.${wait} Wait a little, then retry with fewer requests (prefer search over fetching every project).`,
      {
        ...details,
        ...(facts.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: facts.retryAfterSeconds }),
      },
    );
  }
  if (status === 507) {
    return new AccountLimitError(
      `This Basecamp account has reached a plan limit (507).${said} Archive or delete something, or upgrade the plan, then try again.`,
      details,
    );
  }
  if (status >= 500) {
    return new ServerError(
      `Basecamp had a server problem with ${what} (${status}).${said} This is usually temporary: try again in a minute.`,
      details,
    );
  }
  if (status >= 300 && status < 400) {
    return new BasecampError(
      'http_error',
      `Basecamp answered ${what} with a redirect (${status}) to somewhere this client will not follow. Open the item in Basecamp instead.`,
      details,
    );
  }
  return new BasecampError('http_error', `Basecamp answered ${what} with HTTP ${status}.${said}`, details);
}
