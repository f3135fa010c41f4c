// Launchpad's memory: registered clients, single-use authorization codes, access tokens with an
// expiry, refresh tokens (rotated on use unless switched off). Every value handed out is
// registered with the redactor so it can never show up in a log line.
import { randomBytes } from 'node:crypto';
import { registerSecret } from '../log/redact.ts';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** The one registered redirect URI (Launchpad allows exactly one per client). */
  redirectUri: string;
  /** Shown on the authorization page. */
  name: string;
}

export interface LaunchpadSettings {
  /** Seconds an access token lives (Launchpad: 1 209 600 = two weeks). */
  accessTokenLifetime: number;
  /** Seconds an authorization code can be exchanged. */
  codeLifetime: number;
  /** Each refresh hands out a new refresh token and kills the old one. */
  rotateRefreshTokens: boolean;
  /** Leave `refresh_token` out of refresh responses (clients must keep the old one). */
  omitRefreshTokenOnRefresh: boolean;
  /** Leave `expires_in` out of token responses (clients must treat expiry as unknown). */
  omitExpiresIn: boolean;
}

export const defaultLaunchpadSettings: LaunchpadSettings = {
  accessTokenLifetime: 1_209_600,
  codeLifetime: 300,
  rotateRefreshTokens: true,
  omitRefreshTokenOnRefresh: false,
  omitExpiresIn: false,
};

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in?: number;
  refresh_token?: string;
}

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  expiresAt: number;
}

interface AccessGrant {
  clientId: string;
  expiresAt: number;
}

export type AccessCheck = { ok: true; expiresAt: number } | { ok: false; reason: 'unknown' | 'expired' };

export type GrantFailure = { error: string; error_description: string; status: number };

/**
 * Codes, access and refresh tokens kept at most (oldest go first); `serve --sandbox` runs the sandbox for as
 * long as the demo lasts, and every sign-in and refresh adds to them.
 */
export const TOKENS_KEPT = 1000;

function keep<K, V>(entries: Map<K, V>, key: K, value: V): void {
  entries.set(key, value);
  if (entries.size > TOKENS_KEPT) entries.delete(entries.keys().next().value!);
}

function secretValue(prefix: string): string {
  const value = `${prefix}${randomBytes(30).toString('base64url')}`;
  registerSecret(value);
  return value;
}

export class TokenStore {
  readonly clients = new Map<string, OAuthClient>();
  readonly settings: LaunchpadSettings;
  private readonly codes = new Map<string, CodeGrant>();
  private readonly access = new Map<string, AccessGrant>();
  private readonly refresh = new Map<string, string>(); // refresh token → client id
  private readonly issued: string[] = [];

  constructor(clients: OAuthClient[], settings: Partial<LaunchpadSettings> = {}) {
    for (const client of clients) {
      registerSecret(client.clientSecret);
      this.clients.set(client.clientId, client);
    }
    this.settings = { ...defaultLaunchpadSettings, ...settings };
  }

  /** Every access and refresh token issued so far, the latest 2 × TOKENS_KEPT (for tests that scan files and logs). */
  issuedTokens(): string[] {
    return [...this.issued];
  }

  /** How many of each are kept (for the test of the bounds). */
  counts(): { codes: number; access: number; refresh: number; issued: number } {
    return {
      codes: this.codes.size,
      access: this.access.size,
      refresh: this.refresh.size,
      issued: this.issued.length,
    };
  }

  private remember(...tokens: string[]): void {
    this.issued.push(...tokens);
    if (this.issued.length > 2 * TOKENS_KEPT) this.issued.splice(0, this.issued.length - 2 * TOKENS_KEPT);
  }

  issueCode(clientId: string, redirectUri: string): string {
    // Codes nobody redeemed (an Authorize page left open) go once they expire.
    const now = Date.now();
    for (const [code, grant] of this.codes) if (grant.expiresAt < now) this.codes.delete(code);
    const code = secretValue('');
    keep(this.codes, code, {
      clientId,
      redirectUri,
      expiresAt: Date.now() + this.settings.codeLifetime * 1000,
    });
    return code;
  }

  /** Check a client's credentials; the failure mirrors Launchpad's 401. */
  authenticateClient(clientId: string | null, clientSecret: string | null): OAuthClient | GrantFailure {
    const client = clientId ? this.clients.get(clientId) : undefined;
    if (!client || client.clientSecret !== clientSecret) {
      return {
        status: 401,
        error: 'invalid_client',
        error_description: client
          ? 'The client_secret does not match this client_id.'
          : `Unknown client_id${clientId ? ` '${clientId}'` : ''}: register the integration first.`,
      };
    }
    return client;
  }

  /** Exchange a code (single use, short-lived, bound to client and redirect URI). */
  redeemCode(
    code: string | null,
    client: OAuthClient,
    redirectUri: string | null,
  ): TokenResponse | GrantFailure {
    const grant = code ? this.codes.get(code) : undefined;
    if (code) this.codes.delete(code);
    if (!grant || grant.clientId !== client.clientId) {
      return {
        status: 400,
        error: 'invalid_grant',
        error_description: 'The authorization code is unknown or was already used.',
      };
    }
    if (grant.expiresAt < Date.now()) {
      return {
        status: 400,
        error: 'invalid_grant',
        error_description: 'The authorization code has expired.',
      };
    }
    if (redirectUri !== grant.redirectUri) {
      return {
        status: 400,
        error: 'redirect_uri_mismatch',
        error_description: `redirect_uri must be '${grant.redirectUri}', the one used to authorize.`,
      };
    }
    return this.issue(client.clientId);
  }

  /** Mint a fresh access + refresh token pair for a client (also used by `--sandbox` mode directly). */
  issue(clientId: string): TokenResponse {
    const accessToken = secretValue('BAhb');
    const refreshToken = secretValue('BAhr');
    this.remember(accessToken, refreshToken);
    keep(this.access, accessToken, {
      clientId,
      expiresAt: Date.now() + this.settings.accessTokenLifetime * 1000,
    });
    keep(this.refresh, refreshToken, clientId);
    return this.response(accessToken, refreshToken);
  }

  useRefreshToken(refreshToken: string | null, client: OAuthClient): TokenResponse | GrantFailure {
    const owner = refreshToken ? this.refresh.get(refreshToken) : undefined;
    if (!refreshToken || owner !== client.clientId) {
      return {
        status: 400,
        error: 'invalid_grant',
        error_description: 'The refresh token is unknown, revoked or already used.',
      };
    }
    const accessToken = secretValue('BAhb');
    this.remember(accessToken);
    keep(this.access, accessToken, {
      clientId: client.clientId,
      expiresAt: Date.now() + this.settings.accessTokenLifetime * 1000,
    });
    let nextRefresh = refreshToken;
    if (this.settings.rotateRefreshTokens) {
      this.refresh.delete(refreshToken);
      nextRefresh = secretValue('BAhr');
      this.remember(nextRefresh);
      keep(this.refresh, nextRefresh, client.clientId);
    }
    return this.response(accessToken, this.settings.omitRefreshTokenOnRefresh ? undefined : nextRefresh);
  }

  checkAccess(token: string): AccessCheck {
    const grant = this.access.get(token);
    if (!grant) return { ok: false, reason: 'unknown' };
    if (grant.expiresAt <= Date.now()) return { ok: false, reason: 'expired' };
    return { ok: true, expiresAt: grant.expiresAt };
  }

  expireAllAccessTokens(): void {
    const past = Date.now() - 1;
    for (const grant of this.access.values()) grant.expiresAt = Math.min(grant.expiresAt, past);
  }

  revokeRefreshToken(refreshToken: string): void {
    this.refresh.delete(refreshToken);
  }

  revokeAllRefreshTokens(): void {
    this.refresh.clear();
  }

  private response(accessToken: string, refreshToken: string | undefined): TokenResponse {
    const out: TokenResponse = { access_token: accessToken, token_type: 'Bearer' };
    if (!this.settings.omitExpiresIn) out.expires_in = this.settings.accessTokenLifetime;
    if (refreshToken) out.refresh_token = refreshToken;
    return out;
  }
}
