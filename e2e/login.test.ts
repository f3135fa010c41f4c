// `basecamp-companion login` as a user runs it: a real child process, the sandbox as Launchpad, a real
// Secret Service (run under scripts/with-keyring.sh), and a plain HTTP client in the role of the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../src-main/core/sandbox/server.ts';
import { createAuth } from '../src-main/core/auth/auth.ts';
import { visitSignInLink, type BrowserVisit } from '../src-main/core/auth/browser-test-support.ts';
import { freePort } from '../src-main/core/auth/auth-test-support.ts';
import { NeedsSignInError } from '../src-main/core/auth/errors.ts';
import { silentLogger } from '../src-main/core/log/logger.ts';
import { openSettings } from '../src-main/core/settings/settings.ts';
import { createKeyringStore, keychainService } from '../src-main/core/secrets/keyring-store.ts';
import { keyringSkipReason, secretToolSearch } from '../src-main/core/secrets/keyring-test-support.ts';
import {
  repoRoot,
  runCli,
  startCli,
  throwawayHome,
  type RunningCommand,
  type ThrowawayHome,
} from './support/product.ts';

const skip = await keyringSkipReason();
const URL_LINE = /^(http:\/\/127\.0\.0\.1:\d+\/authorization\/new\?\S+)$/m;

interface Setup {
  sandbox: Sandbox;
  home: ThrowawayHome;
  redirectUri: string;
  service: string;
  close(): Promise<void>;
}

/** A sandbox Launchpad with our integration registered, and a throwaway HOME whose env points the CLI at it. */
async function setup(options: { registeredRedirectUri?: string; bc3Accounts?: 1 | 2 } = {}): Promise<Setup> {
  const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
  const sandbox = await startSandbox({
    redirectUri: options.registeredRedirectUri ?? redirectUri,
    ...(options.bc3Accounts ? { bc3Accounts: options.bc3Accounts } : {}),
  });
  const home = throwawayHome({
    BASECAMP_LAUNCHPAD_URL: sandbox.launchpadUrl,
    BASECAMP_REDIRECT_URI: redirectUri,
    BASECAMP_CLIENT_ID: sandbox.oauthClient.clientId,
    BASECAMP_CLIENT_SECRET: sandbox.oauthClient.clientSecret,
  });
  const service = keychainService(home.env);
  return {
    sandbox,
    home,
    redirectUri,
    service,
    async close() {
      await runCli(['logout', '--forget-client'], home.env); // leave the shared test keyring clean
      await sandbox.close();
      home.remove();
    },
  };
}

interface LoginRun {
  cli: RunningCommand;
  exited: Promise<number | null>;
  url: string;
}

async function startLogin(env: NodeJS.ProcessEnv, args: string[] = []): Promise<LoginRun> {
  const cli = startCli(['login', '--no-browser', ...args], env);
  const exited = once(cli.child, 'exit').then(([code]) => code as number | null);
  const [, url] = await cli.waitFor(URL_LINE);
  return { cli, exited, url: url ?? '' };
}

/** Every file under dir that contains any of the secrets. */
function filesHolding(dir: string, secrets: string[]): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = fs.readFileSync(file);
    if (secrets.some((secret) => bytes.includes(secret))) found.push(file);
  }
  return found;
}

test(
  'login --no-browser: prints the link, the browser approves, the CLI names the user and the bc3 account, tokens only in the keychain',
  { skip },
  async (t) => {
    const s = await setup();
    t.after(() => s.close());
    const login = await startLogin(s.home.env);
    // The link is on a line of its own, and carries what Launchpad needs.
    const link = new URL(login.url);
    assert.equal(link.searchParams.get('response_type'), 'code');
    assert.equal(link.searchParams.get('type'), 'web_server');
    assert.equal(link.searchParams.get('redirect_uri'), s.redirectUri);
    assert.equal(link.searchParams.get('client_id'), s.sandbox.oauthClient.clientId);
    assert.ok((link.searchParams.get('state') ?? '').length >= 32);

    const visit = await visitSignInLink(login.url);
    assert.match(visit.finalPage ?? '', /You can close this tab/);
    assert.equal(await login.exited, 0, login.cli.output());
    const out = login.cli.output();
    assert.match(out, /Signed in as Ada Lindqvist <ada@juniperandpine\.example>\./);
    const [account] = s.sandbox.accounts;
    assert.ok(account);
    assert.match(out, new RegExp(`Basecamp account: Juniper & Pine \\(${account.id}\\)`));
    assert.doesNotMatch(out, /Classic|Chat/); // the bcx and campfire entries never show up

    // The standard tool finds the three items, filed under our service.
    const items = secretToolSearch(s.service);
    for (const name of ['access-token', 'refresh-token', 'client-secret'])
      assert.match(items, new RegExp(`username = ${name}`));

    const store = createKeyringStore({ service: s.service });
    const secrets = [
      await store.get('access-token'),
      await store.get('refresh-token'),
      s.sandbox.oauthClient.clientSecret,
    ];
    assert.ok(secrets.every((secret) => secret && secret.length > 10));
    assert.equal(s.sandbox.tokens.checkAccess(secrets[0] ?? '').ok, true);
    assert.deepEqual(
      filesHolding(s.home.home, secrets as string[]),
      [],
      'no token or secret in any file under HOME or the data directory',
    );
    const settings = JSON.parse(
      fs.readFileSync(path.join(s.home.dataDir, 'settings.json'), 'utf8'),
    ) as Record<string, unknown>;
    assert.equal(settings.signInState, 'signed-in');
    assert.equal(settings.selectedAccountId, account.id);

    // Signed out: the items are gone, and so is the identity.
    const logout = await runCli(['logout'], s.home.env);
    assert.equal(logout.code, 0, logout.stderr);
    assert.match(logout.stdout, /Signed out Ada Lindqvist/);
    assert.doesNotMatch(secretToolSearch(s.service), /username = (access|refresh)-token/);
    const after = JSON.parse(fs.readFileSync(path.join(s.home.dataDir, 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.equal(after.signInState, 'signed-out');
    assert.equal(after.identity, undefined);
  },
);

test(
  'several bc3 accounts: login asks to choose, and login --account switches without the browser',
  { skip },
  async (t) => {
    const s = await setup({ bc3Accounts: 2 });
    t.after(() => s.close());
    const login = await startLogin(s.home.env);
    await visitSignInLink(login.url);
    assert.equal(await login.exited, 0, login.cli.output());
    const [first, second] = s.sandbox.accounts;
    assert.ok(first && second);
    assert.match(login.cli.output(), /You have 2 Basecamp accounts/);
    assert.match(login.cli.output(), /Choose one with: basecamp-companion login --account ID/);

    const tokenRequests = s.sandbox.counters.tokenRequests.total;
    const choose = await runCli(['login', '--account', String(second.id)], s.home.env);
    assert.equal(choose.code, 0, choose.stderr);
    assert.match(choose.stdout, new RegExp(`Now using Trail Crew \\(${second.id}\\)`));
    assert.equal(s.sandbox.counters.tokenRequests.total, tokenRequests);
  },
);

test(
  'a forged state is refused as a request; the login keeps waiting and the real answer signs in',
  { skip },
  async (t) => {
    const s = await setup();
    t.after(() => s.close());
    const login = await startLogin(s.home.env);
    const visit = await visitSignInLink(login.url, 'allow', (redirect) => {
      redirect.searchParams.set('state', 'not-the-state-we-sent');
      return redirect;
    });
    assert.equal(visit.finalStatus, 400);
    assert.match(visit.finalPage ?? '', /does not belong to the sign-in/);
    // What a web page can fire at the receiver without any Launchpad visit at all.
    const drive = await fetch(`${s.redirectUri}?error=access_denied&state=x`);
    assert.equal(drive.status, 400);
    assert.equal(s.sandbox.counters.tokenRequests.total, 0, 'the forged code is never exchanged');
    assert.doesNotMatch(secretToolSearch(s.service), /username = access-token/);
    const real = await visitSignInLink(login.url);
    assert.match(real.finalPage ?? '', /You can close this tab/);
    assert.equal(await login.exited, 0, login.cli.output());
    assert.match(login.cli.output(), /Signed in as/);
    assert.match(secretToolSearch(s.service), /username = access-token/);
  },
);

test('Deny on the Launchpad page: a clear message, exit 1, nothing stored', { skip }, async (t) => {
  const s = await setup();
  t.after(() => s.close());
  const login = await startLogin(s.home.env);
  const visit: BrowserVisit = await visitSignInLink(login.url, 'deny');
  assert.match(visit.finalPage ?? '', /nothing was stored/);
  assert.equal(await login.exited, 1);
  assert.match(login.cli.output(), /You chose Deny on the Launchpad page/);
  assert.doesNotMatch(secretToolSearch(s.service), /username = access-token/);
});

test(
  'redirect URI not the registered one: Launchpad refuses, and the CLI names the URI to register',
  { skip },
  async (t) => {
    const s = await setup({ registeredRedirectUri: 'http://127.0.0.1:8976/callback' });
    t.after(() => s.close());
    const login = await startLogin(s.home.env);
    const visit = await visitSignInLink(login.url);
    assert.equal(visit.authorizeStatus, 400);
    assert.match(visit.authorizePage, /redirect_uri is not approved/);
    // The user gives up on the error page and presses Ctrl-C.
    login.cli.child.kill('SIGINT');
    assert.equal(await login.exited, 1);
    const out = login.cli.output();
    assert.match(out, /Sign-in cancelled; nothing was stored/);
    assert.ok(out.includes(`must have exactly ${s.redirectUri} as its redirect URI`), out);
  },
);

test('redirect port in use: a clear message before any browser is involved', { skip }, async (t) => {
  const s = await setup();
  t.after(() => s.close());
  const blocker = net.createServer();
  const port = Number(new URL(s.redirectUri).port);
  await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => blocker.close(resolve)));
  const result = await runCli(['login', '--no-browser'], s.home.env);
  assert.equal(result.code, 1);
  assert.match(result.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
  assert.match(result.stderr, /BASECAMP_REDIRECT_URI/);
  assert.doesNotMatch(result.stdout, URL_LINE);
});

test(
  'keychain locked: a clear message to unlock it, no link, nothing written anywhere',
  { skip },
  async (t) => {
    const s = await setup();
    t.after(() => s.close());
    // A private session of its own whose login keyring is locked, so the shared test keyring stays usable.
    const script = `node -e "import('${path.join(repoRoot, 'src-main/core/secrets/keyring-test-support.ts')}').then((m) => m.lockLoginKeyring())" && exec "$0" "$@"`;
    const cli = path.join(repoRoot, 'src-main', 'cli', 'main.ts');
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(
      path.join(repoRoot, 'scripts/with-keyring.sh'),
      ['sh', '-c', script, process.execPath, cli, 'login', '--no-browser'],
      {
        env: s.home.env,
        encoding: 'utf8',
      },
    );
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /login keyring is locked/);
    assert.match(result.stderr, /Unlock it/);
    assert.doesNotMatch(result.stdout, URL_LINE);
    assert.deepEqual(filesHolding(s.home.home, [s.sandbox.oauthClient.clientSecret]), []);
  },
);

test(
  'a revoked refresh token: the next process finds "needs sign-in" with instructions, and nothing crashes',
  { skip },
  async (t) => {
    const s = await setup();
    t.after(() => s.close());
    const login = await startLogin(s.home.env);
    await visitSignInLink(login.url);
    assert.equal(await login.exited, 0, login.cli.output());

    s.sandbox.faults.expireAccessTokens();
    s.sandbox.faults.revokeRefreshTokens();
    // A later process (as `serve` would be) built from the same data directory and keychain.
    const settings = openSettings(s.home.dataDir, silentLogger);
    const auth = createAuth({
      settings,
      secrets: createKeyringStore({ service: s.service }),
      env: s.home.env,
      logger: silentLogger,
      openUrl: () => {},
    });
    const stale = await auth.tokenProvider.accessToken();
    await assert.rejects(auth.tokenProvider.afterUnauthorized(stale), (error: NeedsSignInError) => {
      assert.ok(error instanceof NeedsSignInError);
      assert.match(error.message, /basecamp-companion login/);
      return true;
    });
    assert.equal(auth.status().state, 'needs-sign-in');
    assert.equal(
      JSON.parse(fs.readFileSync(path.join(s.home.dataDir, 'settings.json'), 'utf8')).signInState,
      'needs-sign-in',
    );

    // Signing in again with the CLI heals it.
    const again = await startLogin(s.home.env);
    await visitSignInLink(again.url);
    assert.equal(await again.exited, 0, again.cli.output());
    assert.equal(s.sandbox.tokens.checkAccess(await auth.tokenProvider.accessToken()).ok, true);
    assert.equal(auth.status().state, 'signed-in');
  },
);
