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

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Authorization headers and bearer tokens in any text.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${MASK}`],
  [/("?authorization"?\s*[:=]\s*"?)[^",}\s]+/gi, `$1${MASK}`],
  // OAuth fields in JSON, form bodies and query strings.
  [
    /(["']?(?:access_token|refresh_token|client_secret|id_token|code|token|password|secret)["']?\s*[:=]\s*["']?)[^"'&,}\s]+/gi,
    `$1${MASK}`,
  ],
  // Companion client tokens have a recognisable prefix.
  [/\bbcc_[A-Za-z0-9_-]{10,}/g, MASK],
];

export function redactText(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
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
    out[key] = SECRET_KEYS.test(key) && item != null && item !== '' ? MASK : redactValue(item, depth + 1);
  }
  return out;
}
