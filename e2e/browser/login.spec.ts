// "Sign in with Basecamp" in Debian's Chromium: `login --no-browser` prints the link, the browser opens it on
// the sandbox Launchpad, the user clicks Authorize (or Deny), and the CLI reports the result. Needs a real
// Secret Service: it runs under scripts/with-keyring.sh (npm test does that).
import { once } from 'node:events';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import {
  runCli,
  startCli,
  throwawayHome,
  type RunningCommand,
  type ThrowawayHome,
} from '../support/product.ts';

test.skip(
  process.env.BASECAMP_COMPANION_TEST_KEYRING !== '1',
  'needs a Secret Service: run under scripts/with-keyring.sh',
);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let sandbox: RunningCommand;
let home: ThrowawayHome;

test.beforeEach(async () => {
  const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
  sandbox = startCli(['sandbox', '--port', '0', '--redirect-uri', redirectUri], { ...process.env });
  const [, url] = await sandbox.waitFor(/Sandbox Basecamp is running at (http:\/\/127\.0\.0\.1:\d+)/);
  const [, clientId, clientSecret] = await sandbox.waitFor(/client_id=(\S+) client_secret=(\S+)/);
  home = throwawayHome({
    BASECAMP_LAUNCHPAD_URL: url,
    BASECAMP_REDIRECT_URI: redirectUri,
    BASECAMP_CLIENT_ID: clientId,
    BASECAMP_CLIENT_SECRET: clientSecret,
  });
});

test.afterEach(async () => {
  await runCli(['logout', '--forget-client'], home.env);
  await sandbox.stop();
  home.remove();
});

async function startLogin(): Promise<{ cli: RunningCommand; exited: Promise<unknown>; url: string }> {
  const cli = startCli(['login', '--no-browser'], home.env);
  const exited = once(cli.child, 'exit').then(([code]) => code);
  const [, url] = await cli.waitFor(/^(http:\/\/127\.0\.0\.1:\d+\/authorization\/new\?\S+)$/m);
  return { cli, exited, url: url ?? '' };
}

test('clicking Authorize signs the CLI in and the tab says it can be closed', async ({ page }, testInfo) => {
  const login = await startLogin();
  await page.goto(login.url);
  await expect(
    page.getByRole('heading', { name: /would like to access your Basecamp account/ }),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('launchpad-authorize.png') });
  await page.getByRole('button', { name: "Yes, I'll allow access" }).click();

  await expect(page).toHaveURL(/\/done\?outcome=ok$/);
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await expect(page.getByText('You can close this tab.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('signed-in.png') });

  expect(await login.exited).toBe(0);
  expect(login.cli.output()).toContain('Signed in as Ada Lindqvist <ada@juniperandpine.example>.');
  expect(login.cli.output()).toMatch(/Basecamp account: Juniper & Pine \(\d+\)/);
});

test('clicking Deny leaves nothing stored, and both the tab and the CLI say so', async ({ page }) => {
  const login = await startLogin();
  await page.goto(login.url);
  await page.getByRole('button', { name: 'No, deny' }).click();
  await expect(page).toHaveURL(/\/done\?outcome=denied$/);
  await expect(page.getByRole('heading', { name: 'Not connected' })).toBeVisible();
  expect(await login.exited).toBe(1);
  expect(login.cli.output()).toContain('You chose Deny on the Launchpad page');
  const status = await runCli(['status', '--json'], home.env);
  expect(JSON.parse(status.stdout).state).toBe('signed-out');
});
