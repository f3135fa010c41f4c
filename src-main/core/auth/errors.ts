// Every way signing in can fail, each with a message that tells the user what to do next.
import { redactText } from '../log/redact.ts';

export type AuthErrorCode =
  | 'not_configured'
  | 'bad_redirect_uri'
  | 'bad_launchpad_url'
  | 'port_in_use'
  | 'state_mismatch'
  | 'access_denied'
  | 'timeout'
  | 'cancelled'
  | 'redirect_mismatch'
  | 'unknown_client'
  | 'launchpad_failed'
  | 'launchpad_unreachable'
  | 'no_bc3_account'
  | 'unknown_account'
  | 'account_not_chosen'
  | 'needs_sign_in'
  | 'signed_out';

export class AuthError extends Error {
  override name = 'AuthError';
  readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string, options?: { cause?: unknown }) {
    super(redactText(message), options);
    this.code = code;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

// The same words in the tray app and a `serve --dashboard` run (which has a window but no tray); plain text,
// since the window shows it as it is.
export const SIGN_IN =
  'Sign in from Basecamp Companion (its window or tray menu), or run basecamp-companion login.';
export const SIGN_IN_AGAIN =
  'Sign in again from Basecamp Companion (its window or tray menu), or run basecamp-companion login.';

/** Several accounts and no default chosen: each call must name one (bc_whoami lists them). */
export function accountNotChosenError(accounts: { id: number; name: string }[]): AuthError {
  const list = accounts.map((account) => `${account.id} (${account.name})`).join(', ');
  return new AuthError(
    'account_not_chosen',
    `You have several Basecamp accounts (${list}) and none is chosen: pass the account ID, or choose one with \`basecamp-companion login --account ID\` or in the window.`,
  );
}

/**
 * The stored sign-in cannot be used any more (refresh token revoked, credentials changed, never signed in).
 * Tool calls turn this into an isError result carrying the message; nothing retries it.
 */
export class NeedsSignInError extends AuthError {
  override name = 'NeedsSignInError';

  constructor(reason: string, options?: { cause?: unknown; signedOut?: boolean }) {
    super(options?.signedOut ? 'signed_out' : 'needs_sign_in', `${reason} ${SIGN_IN_AGAIN}`, options);
  }
}
