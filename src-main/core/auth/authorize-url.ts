import crypto from 'node:crypto';

/** A random, single-use `state`: the only CSRF protection Launchpad offers (it has no PKCE). */
export function newState(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** `GET /authorization/new` with the current `response_type=code` and the legacy `type=web_server`, as the official CLI sends. */
export function authorizeUrl(options: {
  launchpadUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
}): string {
  const url = new URL(`${options.launchpadUrl}/authorization/new`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('type', 'web_server');
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('state', options.state);
  return url.toString();
}
