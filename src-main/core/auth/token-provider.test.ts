import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authHarness, signIn } from './auth-test-support.ts';
import type { AuthError } from './errors.ts';
import { NeedsSignInError } from './errors.ts';

/** A clock the test moves; the sandbox keeps real time, so "our" expiry can come first. */
function clock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => (offset += ms) };
}

const TWO_WEEKS_MS = 1_209_600_000;

test('50 concurrent callers on an expiring token share exactly one refresh', async (t) => {
  const time = clock();
  const h = await authHarness({ auth: { now: time.now } });
  t.after(() => h.close());
  await signIn(h.auth);
  const before = await h.secrets.get('access-token');
  const refreshBefore = await h.secrets.get('refresh-token');
  h.sandbox.counters.reset();

  time.advance(TWO_WEEKS_MS - 60_000); // one minute left: inside the 5-minute margin
  const tokens = await Promise.all(Array.from({ length: 50 }, () => h.auth.tokenProvider.accessToken()));
  assert.equal(h.sandbox.counters.tokenRequests.refresh_token, 1);
  assert.equal(h.sandbox.counters.tokenRequests.total, 1);
  assert.equal(new Set(tokens).size, 1);
  assert.notEqual(tokens[0], before);
  assert.equal(h.sandbox.tokens.checkAccess(tokens[0] ?? '').ok, true);
  // Rotated: the new refresh token replaced the old one in the keychain, and the expiry moved on.
  assert.notEqual(await h.secrets.get('refresh-token'), refreshBefore);
  assert.equal(await h.secrets.get('access-token'), tokens[0]);
  assert.ok(Date.parse(h.settings.get().tokenExpiresAt ?? '') > time.now() + TWO_WEEKS_MS - 60_000);
  // Nothing left to do: the next call uses the new token without asking Launchpad.
  assert.equal(await h.auth.tokenProvider.accessToken(), tokens[0]);
  assert.equal(h.sandbox.counters.tokenRequests.total, 1);
});

test('50 concurrent 401s on an expired token (Basecamp says so, our clock does not) mean exactly one refresh', async (t) => {
  const h = await authHarness();
  t.after(() => h.close());
  await signIn(h.auth);
  const rejected = await h.auth.tokenProvider.accessToken();
  h.sandbox.faults.expireAccessTokens();
  assert.equal(h.sandbox.tokens.checkAccess(rejected).ok, false);
  h.sandbox.counters.reset();

  const tokens = await Promise.all(
    Array.from({ length: 50 }, () => h.auth.tokenProvider.afterUnauthorized(rejected)),
  );
  assert.equal(h.sandbox.counters.tokenRequests.refresh_token, 1);
  assert.equal(new Set(tokens).size, 1);
  assert.equal(h.sandbox.tokens.checkAccess(tokens[0] ?? '').ok, true);
  // A late 401 for the old token does not refresh again: the replacement is already there.
  assert.equal(await h.auth.tokenProvider.afterUnauthorized(rejected), tokens[0]);
  assert.equal(h.sandbox.counters.tokenRequests.total, 1);
});

test('a refresh response without a refresh token keeps the old one, which keeps working', async (t) => {
  const time = clock();
  const h = await authHarness({
    sandbox: { launchpad: { rotateRefreshTokens: false, omitRefreshTokenOnRefresh: true } },
    auth: { now: time.now },
  });
  t.after(() => h.close());
  await signIn(h.auth);
  const refresh = await h.secrets.get('refresh-token');
  time.advance(TWO_WEEKS_MS);
  const first = await h.auth.tokenProvider.accessToken();
  assert.equal(await h.secrets.get('refresh-token'), refresh);
  time.advance(TWO_WEEKS_MS);
  const second = await h.auth.tokenProvider.accessToken();
  assert.notEqual(second, first);
  assert.equal(h.sandbox.counters.tokenRequests.refresh_token, 2);
  assert.equal(h.sandbox.counters.tokenRequests.failed, 0);
});

test('a revoked refresh token turns into "needs sign-in": a clear error, the state saved, no retry storm', async (t) => {
  const h = await authHarness();
  t.after(() => h.close());
  await signIn(h.auth);
  const rejected = await h.auth.tokenProvider.accessToken();
  h.sandbox.faults.expireAccessTokens();
  h.sandbox.faults.revokeRefreshTokens();
  h.sandbox.counters.reset();

  const results = await Promise.allSettled(
    Array.from({ length: 10 }, () => h.auth.tokenProvider.afterUnauthorized(rejected)),
  );
  for (const result of results) {
    assert.equal(result.status, 'rejected');
    const error = (result as PromiseRejectedResult).reason as AuthError;
    assert.ok(error instanceof NeedsSignInError);
    assert.equal(error.code, 'needs_sign_in');
    assert.match(
      error.message,
      /Sign in again from Basecamp Companion \(its window or tray menu\), or run basecamp-companion login\./,
    );
  }
  assert.equal(h.sandbox.counters.tokenRequests.refresh_token, 1);
  assert.equal(h.auth.status().state, 'needs-sign-in');
  assert.match(h.auth.status().summary, /Sign in again/);
  // Later calls fail fast without asking Launchpad again.
  await assert.rejects(h.auth.tokenProvider.accessToken(), NeedsSignInError);
  assert.equal(h.sandbox.counters.tokenRequests.total, 1);

  // Signing in again (here, from another process sharing the keychain and settings) heals this one.
  await signIn(h.another());
  const healed = await h.auth.tokenProvider.accessToken();
  assert.equal(h.sandbox.tokens.checkAccess(healed).ok, true);
  assert.equal(h.auth.status().state, 'signed-in');
});

test('Launchpad down while renewing early: the still-valid token is used; once expired the error is temporary, not a sign-out', async (t) => {
  const time = clock();
  const h = await authHarness({ auth: { now: time.now } });
  t.after(() => h.close());
  await signIn(h.auth);
  const current = await h.auth.tokenProvider.accessToken();
  h.sandbox.faults.serverError({ scope: 'launchpad', count: 2, status: 503 });
  time.advance(TWO_WEEKS_MS - 60_000);
  assert.equal(await h.auth.tokenProvider.accessToken(), current);
  time.advance(120_000);
  await assert.rejects(
    h.auth.tokenProvider.accessToken(),
    (error: AuthError) => error.code === 'launchpad_unreachable',
  );
  assert.equal(h.auth.status().state, 'signed-in');
  // Launchpad is back: the next call renews.
  const renewed = await h.auth.tokenProvider.accessToken();
  assert.notEqual(renewed, current);
  assert.equal(h.sandbox.tokens.checkAccess(renewed).ok, true);
});

test('two processes on one keychain: when one has rotated the refresh token, the other adopts it instead of failing', async (t) => {
  const time = clock();
  const h = await authHarness({ auth: { now: time.now } });
  t.after(() => h.close());
  await signIn(h.auth);
  const tray = h.auth;
  const serve = h.another({ now: time.now });
  const old = await serve.tokenProvider.accessToken(); // serve holds the tokens in memory now
  assert.equal(await tray.tokenProvider.accessToken(), old);

  time.advance(TWO_WEEKS_MS - 60_000);
  const renewedByTray = await tray.tokenProvider.accessToken();
  assert.equal(h.sandbox.counters.tokenRequests.refresh_token, 1);
  // serve's refresh token was rotated away; it must pick up the tray's tokens, not call Launchpad and lose.
  assert.equal(await serve.tokenProvider.accessToken(), renewedByTray);
  assert.equal(await serve.tokenProvider.afterUnauthorized(old), renewedByTray);
  assert.equal(h.sandbox.counters.tokenRequests.refresh_token, 1);
  assert.equal(serve.status().state, 'signed-in');
});

test('an unknown expiry (no expires_in) means no early refresh; a 401 still renews', async (t) => {
  const time = clock();
  const h = await authHarness({ sandbox: { launchpad: { omitExpiresIn: true } }, auth: { now: time.now } });
  t.after(() => h.close());
  await signIn(h.auth);
  // authorization.json's expires_at is the fallback, so expiry is known here; drop it to model "unknown".
  h.settings.update(() => ({ tokenExpiresAt: undefined, tokenObtainedAt: undefined }));
  const token = await h.auth.tokenProvider.accessToken();
  time.advance(10 * TWO_WEEKS_MS);
  assert.equal(await h.auth.tokenProvider.accessToken(), token);
  assert.equal(h.sandbox.counters.tokenRequests.refresh_token, 0);
  const renewed = await h.auth.tokenProvider.afterUnauthorized(token);
  assert.notEqual(renewed, token);
  assert.equal(h.sandbox.counters.tokenRequests.refresh_token, 1);
});
