// The back channel to Launchpad: code exchange, refresh, and `authorization.json`. Form bodies with
// `Accept: application/json`, as the official clients send. Error bodies are reduced to Launchpad's `error`
// word before they reach a message; nothing from a response body is ever logged whole.
import { z } from 'zod';
import { registerSecret } from '../log/redact.ts';
import type { AccountRecord, IdentityRecord } from '../settings/schema.ts';
import { AuthError, NeedsSignInError } from './errors.ts';
import { REGISTER_INTEGRATION_URL } from './config.ts';

const REQUEST_TIMEOUT_MS = 30_000;

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface TokenGrant {
  accessToken: string;
  /** Absent when Launchpad did not rotate it: keep the one we have. */
  refreshToken?: string;
  /** Seconds; absent means "unknown" (then only a 401 triggers a refresh). */
  expiresIn?: number;
}

export interface AuthorizationInfo {
  identity: IdentityRecord;
  /** Only Basecamp 3/4 (`bc3`) accounts; bcx, campfire and hey entries are dropped here. */
  accounts: AccountRecord[];
  /** Every product Launchpad listed, to explain an empty bc3 list. */
  products: string[];
  /** bc3 accounts left out because their API address is not HTTPS (plain http only for loopback, the sandbox). */
  refused: { id: number; name: string; href: string }[];
  expiresAt?: string;
}

export interface Launchpad {
  readonly url: string;
  exchangeCode(input: {
    code: string;
    redirectUri: string;
    client: OAuthClient;
    signal?: AbortSignal;
  }): Promise<TokenGrant>;
  refresh(input: { refreshToken: string; client: OAuthClient; signal?: AbortSignal }): Promise<TokenGrant>;
  authorization(accessToken: string, signal?: AbortSignal): Promise<AuthorizationInfo>;
}

export interface LaunchpadOptions {
  url: string;
  userAgent: string;
  fetch?: typeof fetch;
}

const grantSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional().nullable(),
  expires_in: z.coerce.number().positive().optional().nullable(),
});

const authorizationSchema = z.object({
  expires_at: z.string().optional().nullable(),
  identity: z.object({
    id: z.number().int(),
    first_name: z.string().nullable().optional(),
    last_name: z.string().nullable().optional(),
    email_address: z.string().nullable().optional(),
  }),
  accounts: z.array(
    z.object({
      product: z.string(),
      id: z.number().int(),
      name: z.string(),
      href: z.string(),
      app_href: z.string().optional().nullable(),
    }),
  ),
});

/** Launchpad's error word (`redirect_uri_mismatch`, `invalid_grant`, …), never the whole body. */
function errorWord(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string')
      return parsed.error
        .replace(/[^\w .,:'-]/g, ' ')
        .slice(0, 120)
        .trim();
  } catch {
    // not JSON: Launchpad's draft-5 errors are sometimes plain text
  }
  return /redirect_uri/i.test(body) ? 'redirect_uri_mismatch' : '';
}

function isHttpUrl(value: string): boolean {
  try {
    return ['https:', 'http:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** An account's API base must be HTTPS: the access token travels with every request. Plain http only on loopback. */
export function isSecureApiBase(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

export function createLaunchpad(options: LaunchpadOptions): Launchpad {
  const doFetch = options.fetch ?? globalThis.fetch;
  const base = options.url;

  const call = async (
    path: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; body: string }> => {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        ...init,
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        headers: {
          Accept: 'application/json',
          'User-Agent': options.userAgent,
          ...(init.headers as Record<string, string>),
        },
      });
    } catch (error) {
      if (signal?.aborted) throw new AuthError('cancelled', 'Sign-in was cancelled.', { cause: error });
      const reason = timeout.aborted
        ? 'no answer within 30 seconds'
        : ((error as Error).cause as Error | undefined)?.message || (error as Error).message;
      throw new AuthError(
        'launchpad_unreachable',
        `Could not reach Launchpad at ${base} (${reason}). Check your internet connection and try again.`,
        { cause: error },
      );
    }
    return { status: response.status, body: await response.text() };
  };

  const tokenRequest = async (
    form: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; body: string; word: string }> => {
    for (const key of ['client_secret', 'code', 'refresh_token']) registerSecret(form[key]);
    const result = await call(
      '/authorization/token',
      {
        method: 'POST',
        body: new URLSearchParams(form).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      },
      signal,
    );
    return { ...result, word: result.status === 200 ? '' : errorWord(result.body) };
  };

  const parseGrant = (body: string): TokenGrant => {
    let parsed: z.infer<typeof grantSchema>;
    try {
      parsed = grantSchema.parse(JSON.parse(body));
    } catch (error) {
      throw new AuthError(
        'launchpad_failed',
        'Launchpad answered the token request with something that is not a token. Try again later.',
        { cause: error },
      );
    }
    registerSecret(parsed.access_token);
    registerSecret(parsed.refresh_token);
    return {
      accessToken: parsed.access_token,
      ...(parsed.refresh_token ? { refreshToken: parsed.refresh_token } : {}),
      ...(parsed.expires_in ? { expiresIn: parsed.expires_in } : {}),
    };
  };

  return {
    url: base,

    async exchangeCode({ code, redirectUri, client, signal }) {
      const result = await tokenRequest(
        {
          grant_type: 'authorization_code',
          type: 'web_server',
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uri: redirectUri,
          code,
        },
        signal,
      );
      if (result.status === 200) return parseGrant(result.body);
      if (/redirect_uri/i.test(result.word)) {
        throw new AuthError(
          'redirect_mismatch',
          `Launchpad refused the redirect URI ${redirectUri}: it is not the one registered for the client ${client.clientId}. Edit your integration at ${REGISTER_INTEGRATION_URL} so its redirect URI is exactly ${redirectUri}, or set BASECAMP_REDIRECT_URI to the URI you registered, then sign in again.`,
        );
      }
      if (/client/i.test(result.word) || result.status === 401) {
        throw new AuthError(
          'unknown_client',
          `Launchpad does not accept the OAuth client ${client.clientId} with this secret (${result.word || `HTTP ${result.status}`}). Check the client ID and secret against ${REGISTER_INTEGRATION_URL} (BASECAMP_CLIENT_ID, BASECAMP_CLIENT_SECRET), then sign in again.`,
        );
      }
      if (result.status >= 500 || result.status === 429) {
        throw new AuthError(
          'launchpad_unreachable',
          `Launchpad is not answering properly right now (HTTP ${result.status}). Try again in a few minutes.`,
        );
      }
      throw new AuthError(
        'launchpad_failed',
        `Launchpad did not accept the sign-in (${result.word || `HTTP ${result.status}`}); the approval may have expired. Sign in again.`,
      );
    },

    async refresh({ refreshToken, client, signal }) {
      const result = await tokenRequest(
        {
          grant_type: 'refresh_token',
          type: 'refresh',
          client_id: client.clientId,
          client_secret: client.clientSecret,
          refresh_token: refreshToken,
        },
        signal,
      );
      if (result.status === 200) return parseGrant(result.body);
      // Rate limits and server trouble pass; any other refusal means this sign-in is over.
      if (result.status >= 500 || result.status === 429) {
        throw new AuthError(
          'launchpad_unreachable',
          `Launchpad could not renew the Basecamp sign-in right now (HTTP ${result.status}). It will be retried on the next request.`,
        );
      }
      if (/client/i.test(result.word)) {
        throw new NeedsSignInError(
          `Launchpad no longer accepts the OAuth client ${client.clientId} (${result.word}); check its ID and secret at ${REGISTER_INTEGRATION_URL}.`,
        );
      }
      throw new NeedsSignInError(
        `Your Basecamp sign-in has ended (Launchpad refused to renew it${result.word ? `: ${result.word}` : ''}; it was revoked, or your Basecamp password changed).`,
      );
    },

    async authorization(accessToken, signal) {
      const result = await call(
        '/authorization.json',
        { method: 'GET', headers: { Authorization: `Bearer ${accessToken}` } },
        signal,
      );
      if (result.status !== 200) {
        throw new AuthError(
          'launchpad_failed',
          `Launchpad would not list your Basecamp accounts (HTTP ${result.status}${errorWord(result.body) ? `: ${errorWord(result.body)}` : ''}). Sign in again.`,
        );
      }
      let parsed: z.infer<typeof authorizationSchema>;
      try {
        parsed = authorizationSchema.parse(JSON.parse(result.body));
      } catch (error) {
        throw new AuthError(
          'launchpad_failed',
          'Launchpad sent an account list in a shape Basecamp Companion does not understand. Try again later.',
          { cause: error },
        );
      }
      const { identity } = parsed;
      const name =
        [identity.first_name, identity.last_name].filter(Boolean).join(' ') ||
        identity.email_address ||
        `Launchpad user ${identity.id}`;
      const bc3 = parsed.accounts.filter((account) => account.product === 'bc3' && isHttpUrl(account.href));
      return {
        identity: { id: identity.id, name, email: identity.email_address ?? '' },
        refused: bc3
          .filter((account) => !isSecureApiBase(account.href))
          .map((account) => ({ id: account.id, name: account.name, href: account.href })),
        accounts: bc3
          .filter((account) => isSecureApiBase(account.href))
          .map((account) => ({
            id: account.id,
            name: account.name,
            href: account.href.replace(/\/+$/, ''),
            product: 'bc3' as const,
            ...(account.app_href && isHttpUrl(account.app_href) ? { appHref: account.app_href } : {}),
          })),
        products: [...new Set(parsed.accounts.map((account) => account.product))],
        ...(parsed.expires_at ? { expiresAt: parsed.expires_at } : {}),
      };
    },
  };
}
