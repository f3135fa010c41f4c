// Where sign-in goes and who it says it is: the Launchpad base, the OAuth client, the loopback redirect URI.
// Launchpad matches the redirect URI exactly and has no PKCE, so both the URI and the client secret are fixed
// per registration; the user registers our default URI (or sets their own) once.
import type { SettingsData } from '../settings/schema.ts';
import type { SecretStore } from '../secrets/store.ts';
import { registerSecret } from '../log/redact.ts';
import { AuthError } from './errors.ts';

export const DEFAULT_LAUNCHPAD_URL = 'https://launchpad.37signals.com';
/** The fixed loopback port we ask users to register (the MCP endpoint uses 3917). */
export const DEFAULT_REDIRECT_PORT = 3918;
export const DEFAULT_REDIRECT_URI = `http://127.0.0.1:${DEFAULT_REDIRECT_PORT}/callback`;
export const REGISTER_INTEGRATION_URL = 'https://launchpad.37signals.com/integrations';

export interface RedirectTarget {
  uri: string;
  /** The address the receiver binds: always a loopback literal. */
  bindHost: '127.0.0.1' | '::1';
  port: number;
  pathname: string;
  /** Host header values a browser may send for this URI. */
  hosts: string[];
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):(\d{1,5})(\/[^?#]*)?$/i;

/** Only `http` + a loopback host + an explicit port, with no userinfo, query or fragment (RFC 8252 §7.3). */
export function parseRedirectUri(value: string): RedirectTarget {
  const match = LOOPBACK.exec(value.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) {
    throw new AuthError(
      'bad_redirect_uri',
      `The redirect URI "${value}" cannot be used. It must be http on a loopback address with an explicit port and no query, like ${DEFAULT_REDIRECT_URI}, and exactly the URI registered for your integration at ${REGISTER_INTEGRATION_URL}.`,
    );
  }
  const host = (match[1] ?? '').toLowerCase();
  const pathname = match[3] || '/';
  const bindHost = host === '[::1]' ? '::1' : '127.0.0.1';
  return { uri: `http://${host}:${port}${pathname}`, bindHost, port, pathname, hosts: [`${host}:${port}`] };
}

/** Launchpad over https; plain http only on loopback (the sandbox and tests). */
export function parseLaunchpadUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthError(
      'bad_launchpad_url',
      `BASECAMP_LAUNCHPAD_URL "${value}" is not a URL; unset it to use ${DEFAULT_LAUNCHPAD_URL}.`,
    );
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new AuthError(
      'bad_launchpad_url',
      `BASECAMP_LAUNCHPAD_URL "${value}" must use https (plain http is allowed only on 127.0.0.1), because the client secret and tokens travel to it.`,
    );
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export interface AuthEndpoints {
  launchpadUrl: string;
  redirect: RedirectTarget;
}

export function resolveEndpoints(settings: SettingsData, env: NodeJS.ProcessEnv): AuthEndpoints {
  return {
    launchpadUrl: parseLaunchpadUrl(env.BASECAMP_LAUNCHPAD_URL || DEFAULT_LAUNCHPAD_URL),
    redirect: parseRedirectUri(
      env.BASECAMP_REDIRECT_URI || settings.oauth.redirectUri || DEFAULT_REDIRECT_URI,
    ),
  };
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** Where each came from, so a successful sign-in can remember what the environment supplied. */
  from: { clientId: 'env' | 'settings' | 'build'; clientSecret: 'env' | 'keychain' | 'build' };
}

/** A build may carry its own registered client (a packaging step replaces this); this one does not. */
export function builtInClient(): { clientId: string; clientSecret: string } | undefined {
  return undefined;
}

export function notConfiguredMessage(redirectUri: string, missing: string): string {
  return `${missing} Register an integration at ${REGISTER_INTEGRATION_URL} with the redirect URI ${redirectUri}, then set BASECAMP_CLIENT_ID and BASECAMP_CLIENT_SECRET (or enter them in the Basecamp Companion window) and sign in again.`;
}

/** Environment first (explicit wins), then settings + keychain, then a client built into the app. */
export async function resolveClient(
  settings: SettingsData,
  secrets: SecretStore,
  env: NodeJS.ProcessEnv,
  redirectUri: string,
): Promise<ClientCredentials> {
  const envId = env.BASECAMP_CLIENT_ID?.trim();
  const envSecret = env.BASECAMP_CLIENT_SECRET?.trim();
  registerSecret(envSecret);
  const builtIn = builtInClient();
  const clientId = envId || settings.oauth.clientId || builtIn?.clientId;
  if (!clientId)
    throw new AuthError(
      'not_configured',
      notConfiguredMessage(redirectUri, 'No Basecamp OAuth client ID is set.'),
    );
  const fromId: ClientCredentials['from']['clientId'] = envId
    ? 'env'
    : settings.oauth.clientId
      ? 'settings'
      : 'build';
  if (envSecret)
    return { clientId, clientSecret: envSecret, from: { clientId: fromId, clientSecret: 'env' } };
  const stored = await secrets.get('client-secret');
  if (stored) return { clientId, clientSecret: stored, from: { clientId: fromId, clientSecret: 'keychain' } };
  if (builtIn && clientId === builtIn.clientId) {
    return {
      clientId,
      clientSecret: builtIn.clientSecret,
      from: { clientId: fromId, clientSecret: 'build' },
    };
  }
  throw new AuthError(
    'not_configured',
    notConfiguredMessage(redirectUri, `No client secret is stored for the OAuth client ${clientId}.`),
  );
}
