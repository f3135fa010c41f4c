import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { answerAuthorizePage } from './browserless.ts';
import { startSandbox, type Sandbox } from './server.ts';

const UA = 'Sandbox tests (tests@example.com)';
const REDIRECT = 'http://127.0.0.1:45999/callback';

function authorizeUrl(sandbox: Sandbox, params: Record<string, string>): string {
  const url = new URL('/authorization/new', sandbox.launchpadUrl);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

async function token(sandbox: Sandbox, form: Record<string, string>, where: 'body' | 'query' = 'body') {
  const url = new URL('/authorization/token', sandbox.launchpadUrl);
  const params = new URLSearchParams(form);
  if (where === 'query') for (const [k, v] of params) url.searchParams.set(k, v);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      'User-Agent': UA,
    },
    body: where === 'body' ? params : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function signIn(sandbox: Sandbox, state = 'st-1') {
  const { clientId, clientSecret, redirectUri } = sandbox.oauthClient;
  const outcome = await answerAuthorizePage(
    authorizeUrl(sandbox, { response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state }),
    'allow',
  );
  const code = new URL(outcome.location!).searchParams.get('code')!;
  const exchanged = await token(sandbox, {
    grant_type: 'authorization_code',
    code,
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uri: redirectUri,
  });
  assert.equal(exchanged.status, 200);
  return exchanged.body as { access_token: string; refresh_token: string; expires_in: number };
}

const api = (sandbox: Sandbox, accessToken: string, path = '/my/profile.json') =>
  fetch(`${sandbox.accounts[0]!.href}${path}`, {
    headers: { Authorization: `Bearer ${accessToken}`, 'User-Agent': UA },
  });

describe('sandbox Launchpad', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ redirectUri: REDIRECT });
  });
  after(() => sandbox.close());

  test('code flow: Authorize redirects with a code and the state; the code buys tokens that work on the API', async () => {
    const { clientId, clientSecret } = sandbox.oauthClient;
    const page = await fetch(
      authorizeUrl(sandbox, {
        response_type: 'code',
        client_id: clientId,
        redirect_uri: REDIRECT,
        state: 'abc 123',
      }),
    );
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(html, /data-testid="authorize"/);
    assert.match(html, /data-testid="deny"/);

    const outcome = await answerAuthorizePage(
      authorizeUrl(sandbox, {
        response_type: 'code',
        client_id: clientId,
        redirect_uri: REDIRECT,
        state: 'abc 123',
      }),
      'allow',
    );
    assert.equal(outcome.status, 302);
    const location = new URL(outcome.location!);
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
    assert.equal(location.searchParams.get('state'), 'abc 123');
    const code = location.searchParams.get('code');
    assert.ok(code);

    const before = sandbox.counters.tokenRequests.authorization_code;
    const exchanged = await token(sandbox, {
      grant_type: 'authorization_code',
      code: code!,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: REDIRECT,
      code_verifier: 'ignored-by-launchpad',
    });
    assert.equal(exchanged.status, 200);
    assert.equal(exchanged.body.token_type, 'Bearer');
    assert.equal(exchanged.body.expires_in, 1209600);
    assert.equal(typeof exchanged.body.refresh_token, 'string');
    assert.equal(sandbox.counters.tokenRequests.authorization_code, before + 1);

    const me = await api(sandbox, String(exchanged.body.access_token));
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { name: string }).name, 'Ada Lindqvist');

    const again = await token(sandbox, {
      grant_type: 'authorization_code',
      code: code!,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: REDIRECT,
    });
    assert.equal(again.status, 400, 'a code is single-use');
    assert.equal(again.body.error, 'invalid_grant');
  });

  test('Deny redirects with error=access_denied and the state', async () => {
    const outcome = await answerAuthorizePage(
      authorizeUrl(sandbox, {
        response_type: 'code',
        client_id: sandbox.oauthClient.clientId,
        redirect_uri: REDIRECT,
        state: 'xyz',
      }),
      'deny',
    );
    const location = new URL(outcome.location!);
    assert.equal(location.searchParams.get('error'), 'access_denied');
    assert.equal(location.searchParams.get('state'), 'xyz');
    assert.equal(location.searchParams.get('code'), null);
  });

  test('a redirect_uri that is not the registered one gets an error page naming both', async () => {
    const page = await fetch(
      authorizeUrl(sandbox, {
        response_type: 'code',
        client_id: sandbox.oauthClient.clientId,
        redirect_uri: 'http://127.0.0.1:1/elsewhere',
      }),
    );
    const html = await page.text();
    assert.equal(page.status, 400);
    assert.match(html, /Provided redirect_uri is not approved/);
    assert.ok(html.includes('http://127.0.0.1:1/elsewhere') && html.includes(REDIRECT));
  });

  test('an unknown client gets a clear error page, and so does a missing response type', async () => {
    const unknown = await fetch(
      authorizeUrl(sandbox, { response_type: 'code', client_id: 'nope', redirect_uri: REDIRECT }),
    );
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /No integration is registered with client_id <code>nope<\/code>/);
    const noType = await fetch(
      authorizeUrl(sandbox, { client_id: sandbox.oauthClient.clientId, redirect_uri: REDIRECT }),
    );
    assert.equal(noType.status, 400);
    assert.match(await noType.text(), /response_type=code/);
  });

  test('legacy forms: type=web_server to authorize and exchange (in the query string), type=refresh to refresh', async () => {
    const { clientId, clientSecret } = sandbox.oauthClient;
    const outcome = await answerAuthorizePage(
      authorizeUrl(sandbox, { type: 'web_server', client_id: clientId, redirect_uri: REDIRECT }),
      'allow',
    );
    const code = new URL(outcome.location!).searchParams.get('code')!;
    const exchanged = await token(
      sandbox,
      { type: 'web_server', code, client_id: clientId, client_secret: clientSecret, redirect_uri: REDIRECT },
      'query',
    );
    assert.equal(exchanged.status, 200);
    const refreshed = await token(sandbox, {
      type: 'refresh',
      refresh_token: String(exchanged.body.refresh_token),
      client_id: clientId,
      client_secret: clientSecret,
    });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.access_token, exchanged.body.access_token);
  });

  test('the code exchange checks the secret (401) and the redirect_uri (redirect_uri_mismatch)', async () => {
    const { clientId } = sandbox.oauthClient;
    const wrongSecret = await token(sandbox, {
      grant_type: 'authorization_code',
      code: 'x',
      client_id: clientId,
      client_secret: 'wrong',
      redirect_uri: REDIRECT,
    });
    assert.equal(wrongSecret.status, 401);
    assert.equal(wrongSecret.body.error, 'invalid_client');

    const outcome = await answerAuthorizePage(
      authorizeUrl(sandbox, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT }),
      'allow',
    );
    const code = new URL(outcome.location!).searchParams.get('code')!;
    const mismatch = await token(sandbox, {
      grant_type: 'authorization_code',
      code,
      client_id: clientId,
      client_secret: sandbox.oauthClient.clientSecret,
      redirect_uri: 'http://127.0.0.1:45999/other',
    });
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.body.error, 'redirect_uri_mismatch');
  });

  test('refresh rotates the refresh token: the old one stops working', async () => {
    const { clientId, clientSecret } = sandbox.oauthClient;
    const first = await signIn(sandbox);
    const refreshed = await token(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      client_id: clientId,
      client_secret: clientSecret,
    });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.refresh_token, first.refresh_token);
    const reused = await token(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      client_id: clientId,
      client_secret: clientSecret,
    });
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error, 'invalid_grant');
    assert.equal((await api(sandbox, String(refreshed.body.access_token))).status, 200);
  });

  test('expired and revoked: 401 "OAuth token expired (old age)" after expiry, then refresh works until revoked', async () => {
    const { clientId, clientSecret } = sandbox.oauthClient;
    const tokens = await signIn(sandbox);
    assert.equal((await api(sandbox, tokens.access_token)).status, 200);
    sandbox.faults.expireAccessTokens();
    const expired = await api(sandbox, tokens.access_token);
    assert.equal(expired.status, 401);
    assert.match(expired.headers.get('www-authenticate') ?? '', /invalid_token/);
    assert.match(((await expired.json()) as { error: string }).error, /^OAuth token expired \(old age\)/);

    const refreshed = await token(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: clientId,
      client_secret: clientSecret,
    });
    assert.equal(refreshed.status, 200);
    assert.equal((await api(sandbox, String(refreshed.body.access_token))).status, 200);

    sandbox.faults.revokeRefreshTokens();
    const revoked = await token(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: String(refreshed.body.refresh_token),
      client_id: clientId,
      client_secret: clientSecret,
    });
    assert.equal(revoked.status, 400);
  });

  test('authorization.json lists the identity, bc3 accounts and other products', async () => {
    const tokens = await sandbox.issueTokens();
    const response = await fetch(`${sandbox.launchpadUrl}/authorization.json`, {
      headers: { Authorization: `Bearer ${tokens.access_token}`, 'User-Agent': UA },
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      expires_at: string;
      identity: { first_name: string };
      accounts: { product: string; href: string }[];
    };
    assert.equal(body.identity.first_name, 'Ada');
    assert.ok(Date.parse(body.expires_at) > Date.now());
    assert.deepEqual(
      body.accounts.map((a) => a.product),
      ['bc3', 'bcx', 'campfire'],
    );
    assert.equal(body.accounts[0]!.href, sandbox.accounts[0]!.href);
    // The Basecamp 2 account is not an API account of this server: picking it fails like in real life.
    const wrong = await fetch(`${body.accounts[1]!.href}/projects.json`, {
      headers: { Authorization: `Bearer ${tokens.access_token}`, 'User-Agent': UA },
    });
    assert.equal(wrong.status, 404);
    const anonymous = await fetch(`${sandbox.launchpadUrl}/authorization.json`, {
      headers: { 'User-Agent': UA },
    });
    assert.equal(anonymous.status, 401);
  });
});

describe('sandbox Launchpad settings', () => {
  test('two bc3 accounts, rotation off, refresh without refresh_token, and a zero lifetime that expires at once', async () => {
    const sandbox = await startSandbox({
      bc3Accounts: 2,
      launchpad: { rotateRefreshTokens: false, omitRefreshTokenOnRefresh: true, accessTokenLifetime: 0 },
    });
    try {
      assert.equal(sandbox.accounts.length, 2);
      assert.notEqual(sandbox.stores.get(sandbox.accounts[1]!.id)?.account.name, sandbox.store.account.name);
      const tokens = await sandbox.issueTokens();
      assert.equal((await api(sandbox, tokens.access_token)).status, 401, 'lifetime 0 expires immediately');
      const form = {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        client_id: sandbox.oauthClient.clientId,
        client_secret: sandbox.oauthClient.clientSecret,
      };
      const first = await token(sandbox, form);
      assert.equal(first.status, 200);
      assert.equal(first.body.refresh_token, undefined);
      const second = await token(sandbox, form);
      assert.equal(second.status, 200, 'without rotation the refresh token keeps working');
      sandbox.tokens.settings.accessTokenLifetime = 3600;
      const third = await token(sandbox, form);
      const listed = await fetch(`${sandbox.launchpadUrl}/authorization.json`, {
        headers: { Authorization: `Bearer ${String(third.body.access_token)}`, 'User-Agent': UA },
      });
      const accounts = ((await listed.json()) as { accounts: { product: string }[] }).accounts;
      assert.equal(accounts.filter((a) => a.product === 'bc3').length, 2);
    } finally {
      await sandbox.close();
    }
  });
});
