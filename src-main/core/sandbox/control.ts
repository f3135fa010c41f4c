// The test-only control API under `/__sandbox/…`, so a test can drive faults and read counters in a
// sandbox that runs inside another process (`serve --sandbox`). Off unless a control token is set;
// every request must carry it in `X-Sandbox-Control`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Counters } from './counters.ts';
import type { Faults } from './faults.ts';
import { readBody, sendJson } from './http.ts';
import type { LaunchpadSettings, TokenStore } from './tokens.ts';

export const CONTROL_HEADER = 'x-sandbox-control';

export interface ControlDeps {
  controlToken: string | undefined;
  faults: Faults;
  counters: Counters;
  tokens: TokenStore;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Arm one fault from a JSON body `{ kind, ...options }`. */
function arm(faults: Faults, body: Record<string, unknown>): void {
  const { kind, ...spec } = body;
  switch (kind) {
    case 'rateLimit':
      return faults.rateLimit(spec);
    case 'serverError':
      return faults.serverError(spec);
    case 'limitWindow':
      return faults.limitWindow(spec as { requests: number; windowSeconds: number });
    case 'latency':
      return faults.latency(spec as { ms: number });
    case 'expireAccessTokens':
      return faults.expireAccessTokens();
    case 'revokeRefreshTokens':
      return faults.revokeRefreshTokens(
        typeof spec.refreshToken === 'string' ? spec.refreshToken : undefined,
      );
    case 'accountInactive':
      return faults.setAccountInactive(Number(spec.accountId), spec.inactive !== false);
    default:
      throw new Error(
        `Unknown fault kind '${String(kind)}': use rateLimit, limitWindow, serverError, latency, expireAccessTokens, revokeRefreshTokens or accountInactive.`,
      );
  }
}

export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, deps: ControlDeps) {
  if (!deps.controlToken) {
    sendJson(res, 404, {
      error: 'The sandbox control API is off: start the sandbox with a controlToken to use it.',
    });
    return;
  }
  const given = req.headers[CONTROL_HEADER];
  if (typeof given !== 'string' || !sameToken(given, deps.controlToken)) {
    sendJson(res, 403, { error: `Send the sandbox control token in the ${CONTROL_HEADER} header.` });
    return;
  }
  const raw = (await readBody(req)).toString('utf8');
  let body: Record<string, unknown> = {};
  try {
    if (raw) body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    sendJson(res, 400, { error: 'The body must be JSON.' });
    return;
  }
  try {
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /__sandbox/faults':
        return sendJson(res, 200, deps.faults.state());
      case 'POST /__sandbox/faults':
        arm(deps.faults, body);
        return sendJson(res, 200, deps.faults.state());
      case 'DELETE /__sandbox/faults':
        deps.faults.reset();
        return sendJson(res, 200, deps.faults.state());
      case 'GET /__sandbox/counters':
        return sendJson(res, 200, deps.counters.snapshot());
      case 'DELETE /__sandbox/counters':
        deps.counters.reset();
        return sendJson(res, 200, deps.counters.snapshot());
      case 'GET /__sandbox/tokens':
        return sendJson(res, 200, { issued: deps.tokens.issuedTokens() });
      case 'GET /__sandbox/launchpad':
        return sendJson(res, 200, deps.tokens.settings);
      case 'PUT /__sandbox/launchpad': {
        const settings = deps.tokens.settings as unknown as Record<string, unknown>;
        for (const [key, value] of Object.entries(body)) {
          if (!(key in settings) || typeof value !== typeof settings[key])
            throw new Error(`Unknown or mistyped launchpad setting '${key}'.`);
          settings[key] = value;
        }
        return sendJson(res, 200, deps.tokens.settings satisfies LaunchpadSettings);
      }
      default:
        return sendJson(res, 404, { error: `No control endpoint ${req.method} ${url.pathname}.` });
    }
  } catch (error) {
    sendJson(res, 400, { error: (error as Error).message });
  }
}
