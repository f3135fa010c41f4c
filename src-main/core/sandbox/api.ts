// The bc3 API pipeline for `/{accountId}/…`, in the order Basecamp applies its rules:
// faults (rate limit, 5xx, latency) → User-Agent (400) → bearer token (401) → account (404,
// `Reason: Account Inactive`) → route (404) → JSON content type on writes (415) → handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Counters } from './counters.ts';
import { HttpError, notFound, type Method, type RouteContext } from './family.ts';
import type { Faults } from './faults.ts';
import { readBody, sendJson, sendReply } from './http.ts';
import { authenticate } from './launchpad.ts';
import type { Router } from './router.ts';
import type { AccountStore } from './store.ts';
import type { TokenStore } from './tokens.ts';
import type { View } from './view.ts';

export interface ApiAccount {
  store: AccountStore;
  view: View;
}

export interface ApiDeps {
  origin: () => string;
  router: Router;
  tokens: TokenStore;
  faults: Faults;
  counters: Counters;
  accounts: Map<number, ApiAccount>;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, error.body, error.headers);
}

function makeContext(
  req: IncomingMessage,
  url: URL,
  account: ApiAccount,
  params: Record<string, string>,
  body: Record<string, unknown>,
  rawBody: Buffer,
): RouteContext {
  const bucketId = params.bucket === undefined ? null : Number(params.bucket);
  const { store, view } = account;
  const ctx: RouteContext = {
    method: req.method as Method,
    url,
    params,
    query: url.searchParams,
    body,
    rawBody,
    store,
    view,
    me: store.me(),
    bucketId,
    id(name = 'id') {
      const value = Number(params[name]);
      if (!Number.isSafeInteger(value)) throw notFound();
      return value;
    },
    find(id, types) {
      const recording = store.get(id);
      const wanted = typeof types === 'string' ? [types] : types;
      if (!recording || (wanted && !wanted.includes(recording.type))) throw notFound();
      if (bucketId !== null && recording.bucketId !== bucketId) throw notFound();
      return recording;
    },
    project(id) {
      const project = store.projects.get(id);
      if (!project) throw notFound();
      return project;
    },
  };
  if (bucketId !== null && !store.projects.has(bucketId)) throw notFound();
  return ctx;
}

/** Serve `/{accountId}/…`; returns false when the path is not an API path. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ApiDeps,
): Promise<boolean> {
  const found = /^\/(\d+)(\/.*)$/.exec(url.pathname);
  if (!found) return false;
  const accountId = Number(found[1]);
  const path = found[2]!;
  const method = req.method ?? 'GET';
  let route: string | null = null;
  res.on('finish', () =>
    deps.counters.recordApi({
      at: Date.now(),
      method,
      path: url.pathname,
      route,
      accountId,
      status: res.statusCode,
    }),
  );
  try {
    const decision = deps.faults.decide({ method, path, scope: 'api' });
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.kind === 'rateLimit') {
      const seconds = decision.retryAfter;
      sendJson(
        res,
        429,
        {
          error: 'Too Many Requests',
          message: `Rate limit exceeded: retry in ${seconds} s.`,
          retry_after: seconds,
        },
        { 'Retry-After': String(seconds) },
      );
      return true;
    }
    if (decision.kind === 'serverError') {
      sendJson(res, decision.status, {
        error: 'Something went wrong on our end (sandbox fault). Try again.',
      });
      return true;
    }
    if (!req.headers['user-agent']?.trim()) {
      throw new HttpError(
        400,
        'A User-Agent header naming your app and a contact (URL or e-mail) is required.',
      );
    }
    authenticate(req, deps.tokens, deps.origin());
    const account = deps.accounts.get(accountId);
    if (!account) throw notFound();
    if (deps.faults.isAccountInactive(accountId)) {
      throw new HttpError(404, 'This account is inactive.', { Reason: 'Account Inactive' });
    }
    const match = deps.router.match(method, path);
    if (!('compiled' in match)) throw notFound();
    route = match.compiled.pattern;
    const rawBody = await readBody(req);
    let body: Record<string, unknown> = {};
    if (WRITES.has(method) && match.compiled.route.body !== 'raw') {
      const type = req.headers['content-type'] ?? '';
      // Basecamp rejects a JSON write without the JSON content type. Bodyless toggles are allowed.
      if (rawBody.length > 0 && !/^application\/json\b/i.test(type)) {
        throw new HttpError(
          415,
          `Send JSON with 'Content-Type: application/json; charset=utf-8' (got '${type || 'none'}').`,
        );
      }
      if (rawBody.length > 0) {
        try {
          const parsed: unknown = JSON.parse(rawBody.toString('utf8'));
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
            body = parsed as Record<string, unknown>;
          else throw new Error('not an object');
        } catch {
          throw new HttpError(400, 'The request body is not a JSON object.');
        }
      }
    }
    const ctx = makeContext(req, url, account, match.params, body, rawBody);
    const reply = await match.compiled.route.handler(ctx);
    sendReply(req, res, reply);
  } catch (error) {
    if (error instanceof HttpError) sendError(res, error);
    else {
      sendJson(res, 500, { error: `Sandbox bug: ${(error as Error).message}` });
    }
  }
  return true;
}
