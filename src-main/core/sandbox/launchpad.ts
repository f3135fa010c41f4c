// The fake Launchpad: the browser authorization page (Authorize / Deny), the token endpoint
// (code exchange and refresh, current and legacy parameter forms) and `authorization.json`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Counters } from './counters.ts';
import { HttpError } from './family.ts';
import { escapeHtml, readBody, redirect, sendHtml, sendJson } from './http.ts';
import type { OAuthClient, TokenStore } from './tokens.ts';

export interface LaunchpadAccount {
  product: 'bc3' | 'bcx' | 'campfire' | 'hey';
  id: number;
  name: string;
  href: string;
  app_href: string;
}

export interface Identity {
  id: number;
  first_name: string;
  last_name: string;
  email_address: string;
}

export interface LaunchpadDeps {
  origin: () => string;
  tokens: TokenStore;
  counters: Counters;
  identity: Identity;
  accounts: () => LaunchpadAccount[];
}

/** Verify the bearer token of an API or `authorization.json` request; throws a 401 like Basecamp's. */
export function authenticate(
  req: IncomingMessage,
  tokens: TokenStore,
  origin: string,
): { expiresAt: number } {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const signIn = `${origin}/authorization/new`;
  if (!match?.[1]) {
    throw new HttpError(401, 'OAuth token required: send Authorization: Bearer <access_token>.', {
      'WWW-Authenticate': 'Bearer realm="Basecamp"',
    });
  }
  const check = tokens.checkAccess(match[1]);
  if (check.ok) return { expiresAt: check.expiresAt };
  const message =
    check.reason === 'expired'
      ? `OAuth token expired (old age). Refresh your token or acquire a new one at <a href="${signIn}">${signIn}</a>`
      : `OAuth token could not be verified. Acquire a new one at <a href="${signIn}">${signIn}</a>`;
  throw new HttpError(401, message, {
    'WWW-Authenticate': `Bearer realm="Basecamp", error="invalid_token", error_description="${check.reason === 'expired' ? 'The access token expired' : 'The access token is invalid'}"`,
  });
}

type AuthorizeCheck =
  | { client: OAuthClient; redirectUri: string; state: string | null }
  | { status: number; title: string; html: string };

function checkAuthorizeParams(params: URLSearchParams, tokens: TokenStore): AuthorizeCheck {
  const responseType = params.get('response_type');
  const legacyType = params.get('type');
  if (responseType !== 'code' && legacyType !== 'web_server') {
    return {
      status: 400,
      title: 'Unsupported request',
      html: `<h1>Unsupported authorization request</h1><p>Send <code>response_type=code</code> (or the legacy <code>type=web_server</code>). Got ${
        responseType
          ? `<code>response_type=${escapeHtml(responseType)}</code>`
          : legacyType
            ? `<code>type=${escapeHtml(legacyType)}</code>`
            : 'neither'
      }.</p>`,
    };
  }
  const clientId = params.get('client_id') ?? '';
  const client = tokens.clients.get(clientId);
  if (!client) {
    return {
      status: 404,
      title: 'Unknown integration',
      html: `<h1>Unknown integration</h1><p>No integration is registered with client_id <code>${escapeHtml(clientId || '(missing)')}</code>. Check the client id the app was configured with.</p>`,
    };
  }
  const redirectUri = params.get('redirect_uri') ?? '';
  if (redirectUri !== client.redirectUri) {
    return {
      status: 400,
      title: 'Redirect not approved',
      html: `<h1>Provided redirect_uri is not approved</h1><p>The app asked to return to <code>${escapeHtml(redirectUri || '(missing)')}</code>, but <strong>${escapeHtml(client.name)}</strong> is registered with <code>${escapeHtml(client.redirectUri)}</code>. The two must match exactly.</p>`,
    };
  }
  return { client, redirectUri, state: params.get('state') };
}

function withParams(base: string, params: Record<string, string | null>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return url.href;
}

function authorizePage(
  deps: LaunchpadDeps,
  check: { client: OAuthClient; redirectUri: string; state: string | null },
): string {
  const hidden = (name: string, value: string | null) =>
    value === null ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const who = `${deps.identity.first_name} ${deps.identity.last_name}`;
  return `<h1>${escapeHtml(check.client.name)} would like to access your Basecamp account</h1>
<p>Signed in as <strong>${escapeHtml(who)}</strong> (${escapeHtml(deps.identity.email_address)}).</p>
<p>It will be able to read and change everything you can see in Basecamp.</p>
<form method="post" action="/authorization">
${hidden('client_id', check.client.clientId)}${hidden('redirect_uri', check.redirectUri)}${hidden('state', check.state)}
<button class="primary" type="submit" name="decision" value="allow" data-testid="authorize">Yes, I'll allow access</button>
<button type="submit" name="decision" value="deny" data-testid="deny">No, deny</button>
</form>`;
}

async function formParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  // Launchpad reads the query string (the old doc's form) and a form body (what clients send).
  const params = new URLSearchParams(url.searchParams);
  const body = (await readBody(req)).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (body && type.includes('application/json')) {
    for (const [key, value] of Object.entries(JSON.parse(body) as Record<string, unknown>))
      params.set(key, String(value));
  } else if (body) {
    for (const [key, value] of new URLSearchParams(body)) params.set(key, value);
  }
  return params;
}

function requireUserAgent(req: IncomingMessage): void {
  if (!req.headers['user-agent']?.trim()) {
    throw new HttpError(
      400,
      'A User-Agent header naming your app and a contact (URL or e-mail) is required.',
    );
  }
}

async function tokenEndpoint(req: IncomingMessage, res: ServerResponse, url: URL, deps: LaunchpadDeps) {
  requireUserAgent(req);
  const params = await formParams(req, url);
  const grant = params.get('grant_type') ?? params.get('type');
  const kind =
    grant === 'authorization_code' || grant === 'web_server'
      ? 'authorization_code'
      : grant === 'refresh_token' || grant === 'refresh'
        ? 'refresh_token'
        : 'unknown';
  const fail = (status: number, error: string, description: string) => {
    deps.counters.recordToken(kind, false);
    sendJson(res, status, { error, error_description: description }, { 'Cache-Control': 'no-store' });
  };
  if (kind === 'unknown') {
    return fail(
      400,
      'unsupported_grant_type',
      'Use grant_type=authorization_code or refresh_token (legacy: type=web_server or refresh).',
    );
  }
  const client = deps.tokens.authenticateClient(params.get('client_id'), params.get('client_secret'));
  if ('error' in client) return fail(client.status, client.error, client.error_description);
  const result =
    kind === 'authorization_code'
      ? deps.tokens.redeemCode(params.get('code'), client, params.get('redirect_uri'))
      : deps.tokens.useRefreshToken(params.get('refresh_token'), client);
  if ('error' in result) return fail(result.status, result.error, result.error_description);
  deps.counters.recordToken(kind, true);
  sendJson(res, 200, result, { 'Cache-Control': 'no-store' });
}

/** Handle a Launchpad path; returns false when the path is not Launchpad's. */
export async function handleLaunchpad(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: LaunchpadDeps,
): Promise<boolean> {
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case 'GET /authorization/new': {
      const check = checkAuthorizeParams(url.searchParams, deps.tokens);
      if ('status' in check) sendHtml(res, check.status, check.title, check.html);
      else sendHtml(res, 200, 'Authorize access', authorizePage(deps, check));
      return true;
    }
    case 'POST /authorization': {
      const params = new URLSearchParams((await readBody(req)).toString('utf8'));
      const check = checkAuthorizeParams(
        new URLSearchParams({ ...Object.fromEntries(params), response_type: 'code' }),
        deps.tokens,
      );
      if ('status' in check) {
        sendHtml(res, check.status, check.title, check.html);
      } else if (params.get('decision') === 'allow') {
        const code = deps.tokens.issueCode(check.client.clientId, check.redirectUri);
        redirect(res, withParams(check.redirectUri, { code, state: check.state }));
      } else {
        redirect(res, withParams(check.redirectUri, { error: 'access_denied', state: check.state }));
      }
      return true;
    }
    case 'POST /authorization/token':
      await tokenEndpoint(req, res, url, deps);
      return true;
    case 'GET /authorization.json': {
      requireUserAgent(req);
      const { expiresAt } = authenticate(req, deps.tokens, deps.origin());
      sendJson(res, 200, {
        expires_at: new Date(expiresAt).toISOString(),
        identity: deps.identity,
        accounts: deps.accounts(),
      });
      return true;
    }
    default:
      return false;
  }
}
