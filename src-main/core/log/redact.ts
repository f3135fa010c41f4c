// The one place that removes secrets from anything that leaves the process as text:
// log lines, error messages, the window's log stream.

const MASK = '[redacted]';

/** Values that are secret wherever they appear (tokens and client secrets seen at run time), oldest first. */
const knownSecrets = new Set<string>();

/**
 * Each sign-in and refresh adds tokens, so the set is capped. Values in use are registered again whenever they
 * are used (the Basecamp client does it on every request), which keeps them at the recent end; what falls off
 * is a token rotated away long ago, which the patterns below still catch in headers and OAuth fields.
 */
export const MAX_KNOWN_SECRETS = 1000;

/** Remember a secret value so that it is masked even where no pattern would spot it. */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < 8) return;
  knownSecrets.delete(value);
  knownSecrets.add(value);
  if (knownSecrets.size > MAX_KNOWN_SECRETS) knownSecrets.delete(knownSecrets.values().next().value!);
}

/** How many values are remembered (for the memory bench and its test). */
export function knownSecretCount(): number {
  return knownSecrets.size;
}

export function forgetSecret(value: string | undefined | null): void {
  if (value) knownSecrets.delete(value);
}

/**
 * Our own error codes (AuthError, BasecampError, the window contract, the port check): a `code` field holding
 * one of these is a harmless identifier, not an OAuth authorization code, so it is kept. redact.test.ts checks
 * this list against the error-code types, so a new code cannot be forgotten here.
 */
export const KNOWN_ERROR_CODES: ReadonlySet<string> = new Set([
  // AuthErrorCode
  'not_configured',
  'bad_redirect_uri',
  'bad_launchpad_url',
  'port_in_use',
  'state_mismatch',
  'access_denied',
  'timeout',
  'cancelled',
  'redirect_mismatch',
  'unknown_client',
  'launchpad_failed',
  'launchpad_unreachable',
  'no_bc3_account',
  'unknown_account',
  'needs_sign_in',
  'signed_out',
  'account_not_chosen',
  // BasecampErrorCode
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'account_inactive',
  'validation_failed',
  'rate_limited',
  'account_limit',
  'server_error',
  'http_error',
  'bad_response',
  'network_error',
  'bad_cursor',
  'unsafe_url',
  'download_too_large',
  // The window contract's ErrorCode
  'invalid-request',
  'unknown-channel',
  'failed',
  'unavailable',
  // OAuth error responses (RFC 6749 §5.2), which Launchpad may send as `error`/`code`
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
]);

/** True for one of our error-code identifiers or a Node system error code (ECONNREFUSED). */
export function isKnownErrorCode(value: unknown): boolean {
  return typeof value === 'string' && (KNOWN_ERROR_CODES.has(value) || /^E[A-Z]{3,}$/.test(value));
}

type Replacement = string | ((match: string, ...groups: string[]) => string);

const PATTERNS: ReadonlyArray<[RegExp, Replacement]> = [
  // Authorization headers and bearer tokens in any text.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${MASK}`],
  [/("?authorization"?\s*[:=]\s*"?)[^",}\s]+/gi, `$1${MASK}`],
  // OAuth fields in JSON, form bodies and query strings.
  [
    /(["']?(?:access_token|refresh_token|client_secret|id_token|token|password|secret)["']?\s*[:=]\s*["']?)[^"'&,}\s]+/gi,
    `$1${MASK}`,
  ],
  // An authorization code is masked; one of our error codes in a `code` field is not.
  [
    /(["']?code["']?\s*[:=]\s*["']?)([^"'&,}\s]+)/gi,
    (match, lead, value) => (isKnownErrorCode(value) ? match : `${lead}${MASK}`),
  ],
  // Companion client tokens have a recognisable prefix.
  [/\bbcc_[A-Za-z0-9_-]{10,}/g, MASK],
];

export function redactText(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  for (const [pattern, replacement] of PATTERNS)
    out =
      typeof replacement === 'string'
        ? out.replace(pattern, replacement)
        : out.replace(pattern, replacement as (match: string, ...rest: unknown[]) => string);
  return out;
}

const SECRET_KEYS =
  /^(authorization|access_?token|refresh_?token|client_?secret|id_?token|password|secret|token|code|cookie|set-cookie)$/i;

/** Deep copy of a value with secret-named keys masked and every string redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const harmless = /^code$/i.test(key) && (typeof item === 'number' || isKnownErrorCode(item));
    out[key] =
      SECRET_KEYS.test(key) && item != null && item !== '' && !harmless ? MASK : redactValue(item, depth + 1);
  }
  return out;
}
