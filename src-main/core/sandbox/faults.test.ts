import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CONTROL_HEADER } from './control.ts';
import { startSandbox, type Sandbox } from './server.ts';

const UA = 'Sandbox tests (tests@example.com)';

describe('sandbox faults and counters', () => {
  let sandbox: Sandbox;
  let token: string;
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${sandbox.accounts[0]!.href}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        'User-Agent': UA,
        ...(init.headers as Record<string, string>),
      },
    });
  const control = (path: string, init: RequestInit = {}, secret = 'control-secret') =>
    fetch(`${sandbox.url}/__sandbox${path}`, {
      ...init,
      headers: {
        [CONTROL_HEADER]: secret,
        'Content-Type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
    });

  before(async () => {
    sandbox = await startSandbox({ controlToken: 'control-secret' });
    token = (await sandbox.issueTokens()).access_token;
  });
  after(() => sandbox.close());
  beforeEach(() => {
    sandbox.faults.reset();
    sandbox.counters.reset();
  });

  test('a 429 burst: the next N requests get 429 with Retry-After, then service resumes', async () => {
    sandbox.faults.rateLimit({ count: 2, retryAfter: 7 });
    for (let i = 0; i < 2; i++) {
      const limited = await call('/projects.json');
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '7');
      assert.equal(((await limited.json()) as { retry_after: number }).retry_after, 7);
    }
    assert.equal((await call('/projects.json')).status, 200);
  });

  test('a standing window limit: the request past the limit gets 429 with a Retry-After inside the window', async () => {
    sandbox.faults.limitWindow({ requests: 3, windowSeconds: 60 });
    for (let i = 0; i < 3; i++) assert.equal((await call('/projects.json')).status, 200);
    const limited = await call('/projects.json');
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60);
    sandbox.faults.reset();
    assert.equal((await call('/projects.json')).status, 200);
  });

  test('5xx only for the matching method and path', async () => {
    sandbox.faults.serverError({ count: 1, status: 502, method: 'GET', path: '/people/*.json' });
    assert.equal((await call('/projects.json')).status, 200, 'other paths are untouched');
    const people = (await (await call('/people.json')).json()) as { id: number }[];
    assert.equal((await call(`/people/${people[0]!.id}.json`)).status, 502);
    assert.equal((await call(`/people/${people[0]!.id}.json`)).status, 200);
    assert.throws(() => sandbox.faults.serverError({ status: 418 }), /500, 502, 503 or 504/);
  });

  test('latency is applied to matching requests and counted down', async () => {
    sandbox.faults.latency({ ms: 20, count: 1, path: '/projects.json' });
    assert.equal((await call('/projects.json')).status, 200);
    const state = sandbox.faults.state() as { latencies: { remaining: number }[] };
    assert.equal(state.latencies[0]!.remaining, 0);
  });

  test('an inactive account answers 404 with Reason: Account Inactive', async () => {
    sandbox.faults.setAccountInactive(sandbox.accounts[0]!.id);
    const response = await call('/projects.json');
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('reason'), 'Account Inactive');
    sandbox.faults.reset();
    assert.equal((await call('/projects.json')).status, 200);
  });

  test('counters: token requests by grant, API requests per path and route, per account, and the busiest 10 s window', async () => {
    const tokens = await sandbox.issueTokens();
    const refresh = await fetch(`${sandbox.launchpadUrl}/authorization/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': UA },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        client_id: sandbox.oauthClient.clientId,
        client_secret: sandbox.oauthClient.clientSecret,
      }),
    });
    assert.equal(refresh.status, 200);
    for (let i = 0; i < 3; i++) await call('/projects.json');
    await call('/people.json');
    assert.deepEqual(sandbox.counters.tokenRequests, {
      total: 1,
      authorization_code: 0,
      refresh_token: 1,
      failed: 0,
    });
    assert.equal(sandbox.counters.apiRequests, 4);
    assert.equal(sandbox.counters.byPath.get(`/${sandbox.accounts[0]!.id}/projects.json`), 3);
    assert.equal(sandbox.counters.byRoute.get('GET /projects.json'), 3);
    assert.equal(sandbox.counters.byAccount.get(sandbox.accounts[0]!.id), 4);
    assert.equal(sandbox.counters.maxInWindow(10_000), 4);
    assert.ok(sandbox.counters.log.every((r) => r.status === 200 && r.at > 0));
  });

  test('the control API drives faults and reads counters over HTTP, only with the token', async () => {
    assert.equal((await control('/faults', {}, 'wrong')).status, 403);
    const armed = await control('/faults', {
      method: 'POST',
      body: JSON.stringify({ kind: 'rateLimit', count: 1, retryAfter: 3 }),
    });
    assert.equal(armed.status, 200);
    assert.equal(((await armed.json()) as { rateLimits: unknown[] }).rateLimits.length, 1);
    assert.equal((await call('/projects.json')).status, 429);
    assert.equal((await call('/projects.json')).status, 200);

    const counters = (await (await control('/counters')).json()) as {
      apiRequests: number;
      byRoute: Record<string, number>;
    };
    assert.equal(counters.apiRequests, 2);
    assert.equal(counters.byRoute['GET /projects.json'], 1, 'the rate-limited request never reached a route');

    await control('/faults', { method: 'POST', body: JSON.stringify({ kind: 'expireAccessTokens' }) });
    assert.equal((await call('/projects.json')).status, 401);
    token = (await sandbox.issueTokens()).access_token;

    const bad = await control('/faults', { method: 'POST', body: JSON.stringify({ kind: 'meteor' }) });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /Unknown fault kind 'meteor'/);
    const settings = await control('/launchpad', {
      method: 'PUT',
      body: JSON.stringify({ rotateRefreshTokens: false }),
    });
    assert.equal(((await settings.json()) as { rotateRefreshTokens: boolean }).rotateRefreshTokens, false);
    sandbox.tokens.settings.rotateRefreshTokens = true;
  });

  test('the control API is off without a control token', async () => {
    const plain = await startSandbox();
    try {
      const response = await fetch(`${plain.url}/__sandbox/faults`, {
        headers: { [CONTROL_HEADER]: 'anything' },
      });
      assert.equal(response.status, 404);
      assert.match(((await response.json()) as { error: string }).error, /controlToken/);
    } finally {
      await plain.close();
    }
  });
});
