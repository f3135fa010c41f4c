import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { authHarness, freePort, signIn } from './auth-test-support.ts';
import { visitSignInLink, type BrowserVisit } from './browser-test-support.ts';
import { createLaunchpad } from './launchpad.ts';
import { createLogger } from '../log/logger.ts';
import { LogRing } from '../log/ring.ts';
import { createMemoryStore } from '../secrets/memory-store.ts';
import { KeychainError, type SecretStore } from '../secrets/store.ts';
import type { AuthError } from './errors.ts';
import { NeedsSignInError } from './errors.ts';
import type { LoginProgress } from './login.ts';

test('sign-in through the sandbox Launchpad: identity, only the bc3 account, tokens in the secret store only', async (t) => {
  const h = await authHarness();
  t.after(() => h.close());
  const events: LoginProgress['phase'][] = [];
  h.auth.onProgress((event) => events.push(event.phase));

  const { result, visit } = await signIn(h.auth);
  assert.match(visit.authorizePage, /would like to access your Basecamp account/);
  assert.match(visit.finalPage ?? '', /You can close this tab/);
  assert.deepEqual(events, ['waiting-for-browser', 'exchanging', 'done']);

  assert.equal(result.identity.name, 'Ada Lindqvist');
  assert.equal(result.identity.email, 'ada@juniperandpine.example');
  assert.deepEqual(
    result.accounts.map((account) => [account.id, account.product]),
    h.sandbox.accounts.map((account) => [account.id, 'bc3']),
  );
  assert.equal(result.selectedAccount?.id, h.sandbox.accounts[0]?.id);
  assert.equal(result.needsAccountChoice, false);

  const status = h.auth.status();
  assert.equal(status.state, 'signed-in');
  assert.equal(status.selectedAccount?.href, `${h.sandbox.url}/${h.sandbox.accounts[0]?.id}`);
  assert.ok(status.tokenExpiresAt && Date.parse(status.tokenExpiresAt) > Date.now());
  assert.match(status.summary, /Signed in as Ada Lindqvist/);

  const access = await h.secrets.get('access-token');
  const refresh = await h.secrets.get('refresh-token');
  assert.ok(access && refresh);
  assert.equal(await h.auth.tokenProvider.accessToken(), access);
  assert.equal(h.sandbox.tokens.checkAccess(access).ok, true);
  // The client secret the environment supplied is remembered in the keychain, its ID in settings.
  assert.equal(await h.secrets.get('client-secret'), h.sandbox.oauthClient.clientSecret);
  assert.equal(h.settings.get().oauth.clientId, h.sandbox.oauthClient.clientId);

  for (const file of fs.readdirSync(h.dataDir)) {
    const text = fs.readFileSync(`${h.dataDir}/${file}`, 'utf8');
    for (const secret of [access, refresh, h.sandbox.oauthClient.clientSecret])
      assert.ok(!text.includes(secret), `${file} holds a secret`);
  }
});

test('several bc3 accounts: the user picks one (and can switch later); bcx and campfire entries are never offered', async (t) => {
  const h = await authHarness({ sandbox: { bc3Accounts: 2 } });
  t.after(() => h.close());
  const [first, second] = h.sandbox.accounts;
  assert.ok(first && second);

  const { result } = await signIn(h.auth);
  assert.equal(result.needsAccountChoice, true);
  assert.equal(result.selectedAccount, undefined);
  assert.deepEqual(result.accounts.map((account) => account.id).sort(), [first.id, second.id].sort());
  assert.match(h.auth.status().summary, /choose an account/);
  assert.throws(
    () => h.auth.resolveAccount(),
    (error: AuthError) =>
      error.code === 'account_not_chosen' && /several Basecamp accounts/.test(error.message),
  );

  assert.equal(h.auth.selectAccount(second.id).name, second.name);
  assert.equal(h.auth.selectedAccount()?.id, second.id);
  assert.equal(h.auth.resolveAccount(first.id).id, first.id);
  assert.throws(
    () => h.auth.selectAccount(2_048_001),
    (error: AuthError) => error.code === 'unknown_account',
  );

  const again = await signIn(h.auth, { accountId: first.id });
  assert.equal(again.result.selectedAccount?.id, first.id);
  // Asking for the Basecamp 2 (bcx) account signs in but refuses the choice, naming the real options.
  await assert.rejects(signIn(h.auth, { accountId: 2_048_001 }), (error: AuthError) => {
    assert.equal(error.code, 'unknown_account');
    assert.match(error.message, new RegExp(`${first.id} \\(${first.name}\\)`));
    return true;
  });
});

test('Deny on the Launchpad page: a clear message, and nothing is stored', async (t) => {
  const h = await authHarness();
  t.after(() => h.close());
  const failures: string[] = [];
  h.auth.onProgress((event) => event.phase === 'failed' && failures.push(event.code));
  await assert.rejects(signIn(h.auth, { decision: 'deny' }), (error: AuthError) => {
    assert.equal(error.code, 'access_denied');
    assert.match(error.message, /Deny/);
    return true;
  });
  assert.deepEqual(failures, ['access_denied']);
  assert.equal(h.auth.status().state, 'signed-out');
  assert.equal(await h.secrets.get('access-token'), undefined);
  assert.equal(h.sandbox.counters.tokenRequests.total, 0);
});

test('a forged state in the redirect is refused and the code is never exchanged; the real answer still signs in', async (t) => {
  const h = await authHarness();
  t.after(() => h.close());
  let forged: BrowserVisit | undefined;
  const result = h.auth.login({
    noBrowser: true,
    onUrl: (url) => {
      // First a forged answer (what another web page could send), then the user's own.
      void (async () => {
        forged = await visitSignInLink(url, 'allow', (redirect) => {
          redirect.searchParams.set('state', 'forged-state');
          return redirect;
        });
        assert.equal(h.sandbox.counters.tokenRequests.total, 0, 'the forged code is never exchanged');
        await visitSignInLink(url, 'allow');
      })();
    },
  });
  await result;
  assert.equal(forged?.finalStatus, 400);
  assert.match(forged?.finalPage ?? '', /does not belong to the sign-in/);
  assert.equal(h.sandbox.counters.tokenRequests.total, 1, 'only the real code was exchanged');
  assert.equal(h.auth.status().state, 'signed-in');
});

test('an unknown client ID is named on the Launchpad page; a wrong secret fails the exchange with what to check', async (t) => {
  const h = await authHarness();
  t.after(() => h.close());
  const unknown = h.another({ env: { ...h.env, BASECAMP_CLIENT_ID: 'no-such-client-42' } });
  const controller = new AbortController();
  let page = '';
  const waiting = unknown.login({
    noBrowser: true,
    signal: controller.signal,
    onUrl: (url) =>
      void visitSignInLink(url).then((visit) => {
        page = visit.authorizePage;
        controller.abort(); // the user gives up on the error page
      }),
  });
  await assert.rejects(waiting, (error: AuthError) => error.code === 'cancelled');
  assert.match(page, /Unknown integration/);
  assert.match(page, /no-such-client-42/);

  const wrongSecret = h.another({ env: { ...h.env, BASECAMP_CLIENT_SECRET: 'not-the-secret-000' } });
  await assert.rejects(signIn(wrongSecret), (error: AuthError) => {
    assert.equal(error.code, 'unknown_client');
    assert.match(error.message, /BASECAMP_CLIENT_SECRET/);
    return true;
  });
  assert.equal(
    await h.secrets.get('client-secret'),
    undefined,
    'a secret that did not work is not remembered',
  );
});

test('a redirect URI that is not the registered one: Launchpad says so, and the exchange error names the URI to register', async (t) => {
  const h = await authHarness();
  t.after(() => h.close());
  // The user registered one URI but the companion uses another: Launchpad refuses on its page.
  const elsewhere = h.another({
    env: { ...h.env, BASECAMP_REDIRECT_URI: `http://127.0.0.1:${await freePort()}/callback` },
  });
  const controller = new AbortController();
  let page = '';
  const waiting = elsewhere.login({
    noBrowser: true,
    signal: controller.signal,
    onUrl: (url) =>
      void visitSignInLink(url).then((visit) => {
        page = visit.authorizePage;
        controller.abort();
      }),
  });
  await assert.rejects(waiting, (error: AuthError) => error.code === 'cancelled');
  assert.match(page, /redirect_uri is not approved/);
  // And when a code is exchanged with a different redirect URI, Launchpad's redirect_uri_mismatch becomes a sentence.
  const code = h.sandbox.tokens.issueCode(h.sandbox.oauthClient.clientId, h.sandbox.oauthClient.redirectUri);
  const launchpad = createLaunchpad({
    url: h.sandbox.launchpadUrl,
    userAgent: 'Basecamp Companion tests (test@example.com)',
  });
  const other = 'http://127.0.0.1:1234/callback';
  await assert.rejects(
    launchpad.exchangeCode({ code, redirectUri: other, client: h.sandbox.oauthClient }),
    (error: AuthError) => {
      assert.equal(error.code, 'redirect_mismatch');
      assert.match(error.message, /redirect URI is exactly http:\/\/127\.0\.0\.1:1234\/callback/);
      return true;
    },
  );
});

test('a second sign-in replaces one still waiting for the browser (it needs the same port)', async (t) => {
  const h = await authHarness();
  t.after(() => h.close());
  const first = h.auth.login({ noBrowser: true });
  first.catch(() => {});
  assert.equal(h.auth.status().loginInProgress, true);
  const { result } = await signIn(h.auth);
  await assert.rejects(first, (error: AuthError) => error.code === 'cancelled');
  assert.equal(result.identity.name, 'Ada Lindqvist');
  assert.equal(h.auth.status().loginInProgress, false);
});

test('sign-out deletes the tokens and the identity; the token provider then says to sign in', async (t) => {
  const h = await authHarness();
  t.after(() => h.close());
  await signIn(h.auth);
  await h.auth.logout();
  assert.equal(await h.secrets.get('access-token'), undefined);
  assert.equal(await h.secrets.get('refresh-token'), undefined);
  const status = h.auth.status();
  assert.equal(status.state, 'signed-out');
  assert.equal(status.identity, undefined);
  assert.deepEqual(status.accounts, []);
  await assert.rejects(
    h.auth.tokenProvider.accessToken(),
    (error: AuthError) => error instanceof NeedsSignInError && /basecamp-companion login/.test(error.message),
  );
  // The registered client stays, so signing in again needs no setup; forgetClient drops it too.
  assert.equal(await h.auth.hasClient(), true);
  await h.auth.logout({ forgetClient: true });
  assert.equal(await h.secrets.get('client-secret'), undefined);
});

test('sign-out with a locked keychain still signs out here and says how to finish removing the tokens', async (t) => {
  const memory = createMemoryStore();
  let locked = false;
  // The real locked-keyring behaviour is covered in e2e/login.test.ts; here only delete is refused.
  const secrets: SecretStore = {
    ...memory,
    delete: async (key) => {
      if (locked)
        throw new KeychainError('locked', 'Your login keyring is locked. Unlock it, then try again.');
      await memory.delete(key);
    },
  };
  const h = await authHarness({ secrets });
  t.after(() => h.close());
  await signIn(h.auth);
  locked = true;
  await assert.rejects(h.auth.logout(), (error: KeychainError) => {
    assert.equal(error.problem, 'locked');
    assert.match(error.message, /^Signed out here, but the Basecamp tokens could not be removed/);
    assert.match(error.message, /basecamp-companion logout/);
    return true;
  });
  assert.equal(h.auth.status().state, 'signed-out');
  locked = false;
  await h.auth.logout();
  assert.equal(await memory.get('access-token'), undefined);
});

test('a bad BASECAMP_REDIRECT_URI shows up in status and stops sign-in before anything listens', async (t) => {
  const h = await authHarness();
  t.after(() => h.close());
  const misconfigured = h.another({
    env: { ...h.env, BASECAMP_REDIRECT_URI: 'https://example.com/callback' },
  });
  const status = misconfigured.status();
  assert.match(status.problem ?? '', /cannot be used.*explicit port/);
  assert.equal(status.redirectUri, 'https://example.com/callback');
  await assert.rejects(
    misconfigured.login({ noBrowser: true }),
    (error: AuthError) => error.code === 'bad_redirect_uri',
  );
  assert.equal(misconfigured.status().loginInProgress, false);
});

test('Launchpad lists an account at a plain-http address besides a good one: signed in to the good one, a warning, and status says so', async (t) => {
  const ring = new LogRing(100);
  const h = await authHarness({
    sandbox: { insecureAccount: true },
    auth: { logger: createLogger({ level: 'info', ring }) },
  });
  t.after(() => h.close());
  const { result } = await signIn(h.auth);
  assert.deepEqual(
    result.accounts.map((account) => account.id),
    h.sandbox.accounts.map((account) => account.id),
  );
  const warning = ring
    .since(0, 100)
    .find((entry) => entry.level === 'warn' && /plain http/i.test(entry.message));
  assert.ok(warning, 'a warning names the refused account');
  assert.match(JSON.stringify(warning), /http:\/\/basecamp\.example\//);
  const status = h.auth.status();
  assert.equal(status.state, 'signed-in');
  assert.match(
    status.problem ?? '',
    /Juniper & Pine Mirror \(\d+\) at http:\/\/basecamp\.example\/\d+.*not HTTPS/,
  );
  // Signed out: nothing left to warn about.
  await h.auth.logout();
  assert.equal(h.auth.status().problem, undefined);
});
