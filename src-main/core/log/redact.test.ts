// A `code` field is either an OAuth authorization code (secret) or one of our error codes (harmless, and what
// a user needs to read in the log). The first stays masked, the second goes through.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthErrorCode } from '../auth/errors.ts';
import { AuthError } from '../auth/errors.ts';
import type { BasecampErrorCode } from '../basecamp/errors.ts';
import type { ErrorCode } from '../../../src-shared/contract.ts';
import { createLogger } from './logger.ts';
import { LogRing } from './ring.ts';
import { KNOWN_ERROR_CODES, redactText, redactValue } from './redact.ts';

// Records over the union types: adding a code to one of them without listing it here fails the type check,
// and the test below then fails until KNOWN_ERROR_CODES has it too.
const authCodes: Record<AuthErrorCode, true> = {
  not_configured: true,
  bad_redirect_uri: true,
  bad_launchpad_url: true,
  port_in_use: true,
  state_mismatch: true,
  access_denied: true,
  timeout: true,
  cancelled: true,
  redirect_mismatch: true,
  unknown_client: true,
  launchpad_failed: true,
  launchpad_unreachable: true,
  no_bc3_account: true,
  unknown_account: true,
  needs_sign_in: true,
  signed_out: true,
  account_not_chosen: true,
};
const basecampCodes: Record<BasecampErrorCode, true> = {
  bad_request: true,
  unauthorized: true,
  forbidden: true,
  not_found: true,
  account_inactive: true,
  validation_failed: true,
  rate_limited: true,
  account_limit: true,
  server_error: true,
  http_error: true,
  bad_response: true,
  network_error: true,
  timeout: true,
  bad_cursor: true,
  unsafe_url: true,
  download_too_large: true,
};
const windowCodes: Record<ErrorCode, true> = {
  'invalid-request': true,
  'unknown-channel': true,
  failed: true,
  unavailable: true,
  forbidden: true,
};

test('every error code of ours is known to the redactor', () => {
  for (const code of [
    ...Object.keys(authCodes),
    ...Object.keys(basecampCodes),
    ...Object.keys(windowCodes),
  ]) {
    assert.ok(KNOWN_ERROR_CODES.has(code), `${code} is missing from KNOWN_ERROR_CODES`);
  }
});

test('an error code in a log field goes through; an authorization code stays masked', () => {
  const ring = new LogRing(10);
  const logger = createLogger({ ring, level: 'info' });
  const error = new AuthError('not_configured', 'No Basecamp OAuth client ID is set.');
  logger.warn('sign-in failed', {
    error: error.toJSON(),
    errno: { code: 'ECONNREFUSED' },
    rpc: { code: -32001 },
  });
  logger.info('callback', { code: 'f3a9c0de17b2', nested: { code: 'a-random-code-value' } });
  const [failed, callback] = ring.since();
  assert.deepEqual(failed?.fields, {
    error: { name: 'AuthError', code: 'not_configured', message: 'No Basecamp OAuth client ID is set.' },
    errno: { code: 'ECONNREFUSED' },
    rpc: { code: -32001 },
  });
  assert.deepEqual(callback?.fields, { code: '[redacted]', nested: { code: '[redacted]' } });
});

test('in text, `code=` keeps an error code and masks anything else', () => {
  assert.equal(
    redactText('{"code":"not_configured","message":"x"}'),
    '{"code":"not_configured","message":"x"}',
  );
  assert.equal(redactText('{"code":"timeout"}'), '{"code":"timeout"}');
  const url = redactText('http://127.0.0.1:3918/callback?code=9f8e7d6c5b4a&state=xyz');
  assert.equal(url, 'http://127.0.0.1:3918/callback?code=[redacted]&state=xyz');
  // Something that only starts like an error code is still masked.
  assert.equal(redactText('code=not_configured_abc123'), 'code=[redacted]');
  assert.deepEqual(redactValue({ code: 'not_configuredX' }), { code: '[redacted]' });
  assert.deepEqual(redactValue({ code: '' }), { code: '' });
});
