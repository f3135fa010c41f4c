// The window, panel by panel, in Debian's Chromium: the real renderer bundle, the real dashboard and
// contract handlers, over an in-memory backend (harness.ts) so every state can be reached on purpose.
// The end-to-end run against the real product is dashboard.spec.ts.
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { bridgeEvents, bridgeMethods } from '../../src-shared/contract.ts';
import { startHarness, type Harness } from './harness-process.ts';

let harness: Harness;
test.beforeEach(async () => {
  harness = await startHarness();
});
test.afterEach(async () => {
  await harness.stop();
});

async function shots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const close of await page.locator('.notice-close').all()) await close.click().catch(() => {});
  await page
    .locator('.panel')
    .evaluate((panel) => (panel.scrollTop = 0))
    .catch(() => {});
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: testInfo.outputPath(`${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** A notice sits under the panel (which gives up the room), never over a field or a button in it. */
async function expectBelowPanel(page: Page): Promise<void> {
  const panel = (await page.locator('.panel').boundingBox())!;
  const notices = (await page.locator('.notices').boundingBox())!;
  expect(notices.y).toBeGreaterThanOrEqual(panel.y + panel.height - 0.5);
}

test('every panel, light and dark, from signed out to a revoked client', async ({ page }, testInfo) => {
  await page.goto(harness.url);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'Basecamp Companion' })).toBeVisible();
  await expect(page.locator('.status')).toContainText('Signed out');
  await shots(page, testInfo, 'account-signed-out');

  // Sign in, see the progress, cancel it.
  await page.getByRole('button', { name: 'Sign in with Basecamp' }).click();
  await expect(page.getByText('Signing in to Basecamp')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open the sign-in page' })).toHaveAttribute(
    'href',
    /authorization\/new/,
  );
  await shots(page, testInfo, 'account-signing-in');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Sign-in cancelled.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in with Basecamp' })).toBeEnabled();

  // Sign in for real this time; the browser's Authorize click is the harness's `approve`.
  await page.getByRole('button', { name: 'Sign in with Basecamp' }).click();
  await expect(page.getByText('Signing in to Basecamp')).toBeVisible();
  await harness.send('approve');
  await expect(page.getByText('Annie Bryan')).toBeVisible();
  await expect(page.locator('.status')).toContainText('Connected');
  const second = page.getByRole('radio', { name: /Field Notes Co\./ });
  await second.check();
  await expect(second).toBeChecked();
  await expect(page.getByText('Tools use Field Notes Co. unless told otherwise.')).toBeVisible();
  await shots(page, testInfo, 'account-signed-in');

  // Clients: empty, then Cursor configured, then calling.
  await page.getByRole('tab', { name: 'Clients' }).click();
  await expect(page.getByText('No clients yet')).toBeVisible();
  await shots(page, testInfo, 'clients-empty');
  await page.getByRole('button', { name: 'Configure Cursor' }).click();
  await expect(page.getByText('Added Basecamp to Cursor.')).toBeVisible();
  await expectBelowPanel(page);
  const cursor = page.getByRole('listitem', { name: 'Cursor' });
  await expect(cursor).toContainText('0 calls');
  await expect(cursor).toContainText('not seen yet');
  for (const outcome of ['ok', 'ok', 'ok', 'fail'])
    await harness.send(`call cursor ${outcome} cursor-vscode 1.7.2`);
  await expect(cursor).toContainText('4 calls');
  await expect(cursor).toContainText('1 error');
  await expect(cursor).toContainText('cursor-vscode 1.7.2');
  await expect(page.locator('.status')).toContainText('Serving 1 client');
  await shots(page, testInfo, 'clients-connected');

  // A per-project entry is its own client.
  await page.getByText('Add to one project instead').click();
  await page.getByRole('combobox', { name: 'Client' }).selectOption('vscode');
  await page.getByLabel('Project folder').fill('/home/annie/code/site');
  await page.getByRole('button', { name: 'Add to project' }).click();
  await expect(page.getByRole('listitem', { name: 'VS Code (site)' })).toContainText('not seen yet');
  await expectBelowPanel(page);
  await page.getByText('Add to one project instead').click();

  // Revoke asks once more, then the client is marked revoked.
  await cursor.getByRole('button', { name: 'Revoke Cursor' }).click();
  await cursor.getByRole('button', { name: 'Revoke access' }).click();
  await expect(cursor.getByText('Revoked', { exact: true })).toBeVisible();
  await expect(page.getByText('Cursor can no longer reach Basecamp.')).toBeVisible();

  // Logs: live, searchable, filterable.
  await harness.send('log warn Basecamp answered 429; waiting 2 seconds');
  await harness.send('log error Could not reach 3.basecampapi.com');
  await page.getByRole('tab', { name: 'Logs' }).click();
  const log = page.getByRole('list', { name: 'Log' });
  await expect(log).toContainText('Cursor called list_projects');
  await expect(log).toContainText('Signed in as Annie Bryan');
  await shots(page, testInfo, 'logs');
  await harness.send('log info a line that arrived while watching');
  await expect(log).toContainText('a line that arrived while watching');
  await page.getByRole('searchbox', { name: 'Search logs' }).fill('revoked');
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search logs' }).fill('');
  await page.getByRole('combobox', { name: 'Level' }).selectOption('error');
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await expect(log).toContainText('Could not reach');
  await page.getByRole('combobox', { name: 'Level' }).selectOption('debug');

  // Settings.
  await page.getByRole('tab', { name: 'Settings' }).click();
  const readOnly = page.getByRole('switch', { name: 'Read-only' });
  await expect(readOnly).toHaveAttribute('aria-checked', 'false');
  await readOnly.click();
  await expect(readOnly).toHaveAttribute('aria-checked', 'true');
  const campfire = page.getByRole('checkbox', { name: 'Campfire 2 actions' });
  await expect(page.getByRole('checkbox', { name: 'To-dos 7 actions' })).toBeChecked();
  await campfire.uncheck();
  await expect(campfire).not.toBeChecked();
  await expect(page.getByText('Campfire is off: AI tools no longer see its actions.')).toBeVisible();
  await campfire.check();
  await expect(page.getByText('Campfire is on: AI tools can use its actions again.')).toBeVisible();
  await campfire.uncheck();
  await expect(campfire).not.toBeChecked();
  const portField = page.getByRole('textbox', { name: 'Port' });
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await expect(portField).toHaveAccessibleDescription('Stays the same across restarts.');
  const fieldBorder = await portField.evaluate((el) => getComputedStyle(el).borderTopColor);
  for (const bad of ['0', '80', 'abc', '65536', '1023', '']) {
    await portField.fill(bad);
    await expect(portField).toHaveAttribute('aria-invalid', 'true');
    await expect(portField).toHaveAccessibleDescription(/a number from 1024 to 65535\.$/);
    await expect(save).toBeDisabled();
    // Visibly wrong too: the field's border and the hint under it turn the error colour.
    const error = await page.locator('.row-hint.invalid').evaluate((el) => getComputedStyle(el).color);
    expect(await portField.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe(error);
    expect(error).not.toBe(fieldBorder);
  }
  await portField.fill('4100');
  await expect(portField).toHaveAttribute('aria-invalid', 'false');
  await save.click();
  await expect(page.locator('.header')).toBeVisible();
  await expect(page.getByText('Port 4100 saved.', { exact: false })).toBeVisible();
  await expect(portField).toHaveValue('4100');
  await expect(page.getByText('http://127.0.0.1:3917/mcp')).toBeVisible();
  await expect(portField).toHaveAccessibleDescription(
    'This run uses port 3917; the saved port applies after restart.',
  );
  await shots(page, testInfo, 'settings');

  // Back on Account, everything survives a reload (the cookie, not the spent link, lets us in).
  await page.reload();
  await expect(page.getByText('Annie Bryan')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with Basecamp' })).toBeVisible();
});

test('tabs work from the keyboard', async ({ page }) => {
  await page.goto(harness.url);
  await page.getByRole('tab', { name: 'Account' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Clients' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Clients' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Account' })).toHaveAttribute('aria-selected', 'true');
});

test('a spent link does not open the dashboard, and no session means no data', async ({
  page,
  browser,
}, testInfo) => {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Basecamp Companion' })).toBeVisible();
  const stranger = await browser.newPage();
  await stranger.goto(harness.url);
  await expect(stranger.getByText('This link has been used')).toBeVisible();
  await stranger.screenshot({ path: testInfo.outputPath('link-used.png') });
  const api = await stranger.request.post(new URL('/api/snapshot:get', harness.url).toString(), { data: {} });
  expect(api.status()).toBe(403);
  await stranger.close();
});

test('when the app goes away the window says so, and offers to retry', async ({ page }, testInfo) => {
  await page.goto(harness.url);
  await expect(page.locator('.status')).toContainText('Signed out');
  await harness.stop();
  await expect(page.getByText('Lost touch with the app. Reconnecting…')).toBeVisible();
  await page.clock.install();
  await page.getByRole('button', { name: 'Sign in with Basecamp' }).click();
  const problem = page
    .getByRole('alert')
    .filter({ hasText: 'Can’t reach Basecamp Companion. Is it still running?' });
  await expect(problem).toBeVisible();
  // An error that says what to do stays until it is dismissed.
  await page.clock.runFor(60_000);
  await expect(problem).toBeVisible();
  await shots(page, testInfo, 'unavailable');
  harness = await startHarness(); // for afterEach
});

test('first-time setup: the redirect URI to register, then the credentials, then Sign in', async ({
  page,
}, testInfo) => {
  await harness.stop();
  harness = await startHarness({ sandbox: false });
  await page.goto(harness.url);
  const signIn = page.getByRole('button', { name: 'Sign in with Basecamp' });
  await expect(signIn).toBeDisabled();
  await expect(page.getByText('First time? Register the app with 37signals')).toBeVisible();
  await expect(page.locator('.code-row code')).toHaveText('http://127.0.0.1:3918/callback');
  await expect(page.getByRole('link', { name: 'Launchpad' })).toHaveAttribute(
    'href',
    'https://launchpad.37signals.com/integrations',
  );
  await shots(page, testInfo, 'account-setup');

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(signIn).toBeDisabled(); // the browser refuses empty required fields before anything is sent
  await page.getByLabel('Client ID').fill('abc123');
  await page.getByLabel('Client Secret').fill('s3cret-value-for-test');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved. The secret is in your system keychain.')).toBeVisible();
  await expect(signIn).toBeEnabled();
  await expect(page.getByLabel('Client Secret')).toHaveValue('');
  await expect(page.getByText('Your Launchpad integration')).toBeVisible();
});

test('Copy MCP URL and Copy logs put plain text on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Copy MCP URL' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('http://127.0.0.1:3917/mcp');

  await harness.send('log warn something to copy');
  await page.getByRole('tab', { name: 'Logs' }).click();
  await page.getByRole('searchbox', { name: 'Search logs' }).fill('something to copy');
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByText('Copied 1 log line.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
    /^\S+ WARN {2}\[test\] something to copy\n$/,
  );
});

test('a sign-in that stopped working asks, kindly, to sign in again; Export saves the log', async ({
  page,
}, testInfo) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Sign in with Basecamp' }).click();
  await expect(page.getByText('Signing in to Basecamp')).toBeVisible();
  await harness.send('approve');
  await expect(page.locator('.status')).toContainText('Connected');
  await harness.send('expire');
  await expect(page.locator('.status')).toContainText('Sign in again');
  await expect(page.getByRole('alert')).toContainText('Basecamp no longer accepts this sign-in');
  await expect(page.getByRole('button', { name: 'Sign in with Basecamp' })).toBeEnabled();
  await shots(page, testInfo, 'account-needs-sign-in');

  await page.getByRole('tab', { name: 'Logs' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^basecamp-companion-.*\.log$/);
  const saved = testInfo.outputPath('exported.log');
  await download.saveAs(saved);
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(saved, 'utf8')).toContain('The refresh token was refused; sign in again');
});

test('inside the tray app the window talks through the preload bridge, and ignores malformed events', async ({
  page,
}) => {
  await harness.stop();
  harness = await startHarness({ surface: 'tray' });
  // A stand-in for the preload: the same named functions, forwarded to the real handlers over HTTP.
  await page.addInitScript(
    ({ methods, subscriptions }) => {
      const calls: string[] = [];
      const bridge: Record<string, unknown> = {};
      for (const [method, channel] of Object.entries(methods)) {
        bridge[method] = async (request: unknown) => {
          calls.push(method);
          const answer = await fetch(`/api/${channel}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(request),
          });
          return answer.json();
        };
      }
      let source: EventSource | undefined;
      for (const [subscription, event] of Object.entries(subscriptions)) {
        bridge[subscription] = (listener: (payload: unknown) => void) => {
          source ??= new EventSource('/api/events');
          const forward = (message: Event) => listener(JSON.parse((message as MessageEvent<string>).data));
          source.addEventListener(event, forward);
          // A preload bug or a compromised main must not be able to push junk into the window.
          if (event === 'snapshot:changed') setTimeout(() => listener({ rev: 1e9, accessToken: 'x' }), 0);
          return () => source?.removeEventListener(event, forward);
        };
      }
      Object.assign(window, { companion: Object.freeze(bridge), bridgeCalls: calls });
    },
    { methods: bridgeMethods, subscriptions: bridgeEvents },
  );
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(harness.url);
  await expect(page.locator('.status')).toContainText('Signed out');
  await page.getByRole('button', { name: 'Sign in with Basecamp' }).click();
  await expect(page.getByText('Signing in to Basecamp')).toBeVisible();
  await expect(
    page.getByText('We opened Basecamp in your browser. Approve there, then come back.'),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open it again' })).toHaveAttribute(
    'href',
    /authorization\/new/,
  );
  await harness.send('approve');
  await expect(page.locator('.status')).toContainText('Connected');
  const calls = await page.evaluate(() => (window as unknown as { bridgeCalls: string[] }).bridgeCalls);
  expect(calls).toEqual(expect.arrayContaining(['getSnapshot', 'tailLogs', 'signIn']));
  expect(warnings.some((text) => text.includes('Ignored a malformed snapshot:changed event'))).toBe(true);
});

test('while the first snapshot is on its way the window says it is connecting', async ({
  page,
}, testInfo) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/snapshot:get', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(harness.url);
  await expect(page.getByText('Connecting to Basecamp Companion…')).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: testInfo.outputPath(`loading-${colorScheme}.png`) });
  }
  release();
  await expect(page.locator('.status')).toContainText('Signed out');
});

test('a narrow window, also with large text, never scrolls sideways', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 280, height: 560 });
  await page.goto(harness.url);
  await expect(page.locator('.status')).toContainText('Signed out');
  const fits = () =>
    page.evaluate(() => {
      // The page, and the panel that scrolls on its own: how far each one runs past its width.
      const boxes = [document.documentElement, document.querySelector('.panel')!];
      return boxes.map((box) => box.scrollWidth - box.clientWidth);
    });
  for (const fontSize of ['', '26px']) {
    // 26px is 200% of the window's 13px base text.
    await page.evaluate((size) => (document.documentElement.style.fontSize = size), fontSize);
    for (const name of ['Account', 'Clients', 'Logs', 'Settings']) {
      const tab = page.getByRole('tab', { name });
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await expect(tab).toBeInViewport({ ratio: 1 });
      expect(await fits(), `${name} at ${fontSize || '13px'}`).toEqual([0, 0]);
    }
  }
  await page.screenshot({ path: testInfo.outputPath('narrow-large-text.png') });
});

test('choosing Deny on the Basecamp page says so once, in the panel', async ({ page }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Sign in with Basecamp' }).click();
  await expect(page.getByText('Signing in to Basecamp')).toBeVisible();
  await harness.send('deny');
  const denied = 'You chose Deny on the Basecamp page. Sign in again when you are ready.';
  await expect(page.locator('.banner')).toContainText(denied);
  await expect(page.getByRole('button', { name: 'Sign in with Basecamp' })).toBeEnabled();
  await expect(page.getByText(denied)).toHaveCount(1);
  await expect(page.locator('.notice')).toHaveCount(0);
});

/** WCAG contrast of two computed `rgb(r, g, b)` colours. */
function contrast(foreground: string, background: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = colour
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((part) => {
        const c = Number(part) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

test('the SANDBOX badge is readable in both themes', async ({ page }) => {
  await page.goto(harness.url);
  const badge = page.locator('.badge.sandbox');
  await expect(badge).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { color, background } = await badge.evaluate((el) => {
      const style = getComputedStyle(el);
      return { color: style.color, background: style.backgroundColor };
    });
    expect(contrast(color, background), `${colorScheme}: ${color} on ${background}`).toBeGreaterThanOrEqual(
      4.5,
    );
  }
});

test('removing Basecamp from a client asks once more, like Revoke', async ({ page }) => {
  await page.goto(harness.url);
  await page.getByRole('tab', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'Configure Zed' }).click();
  await expect(page.getByRole('button', { name: 'Configure Zed' })).toContainText('Configured');
  const remove = page.getByRole('button', { name: 'Remove Basecamp from Zed' });
  const box = (await remove.boundingBox())!;
  expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);

  await remove.click();
  const confirm = page.getByRole('group', { name: 'Remove Basecamp from Zed?' });
  await confirm.getByRole('button', { name: 'Keep' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Configure Zed' })).toContainText('Configured');

  await remove.click();
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByText('Removed.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Configure Zed' })).not.toContainText('Configured');
  await expect(remove).toHaveCount(0);
});

test('the dashboard has an inline icon, so the browser asks for no /favicon.ico', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(harness.url);
  await expect(page.locator('.status')).toContainText('Signed out');
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveAttribute('href', /^data:image\/svg\+xml,/);
  // It decodes as an image under the page's own content security policy.
  const size = await icon.evaluate(
    (link: HTMLLinkElement) =>
      new Promise<number>((resolve, reject) => {
        const image = new Image();
        image.onload = () => resolve(image.naturalWidth);
        image.onerror = () => reject(new Error('the icon did not load'));
        image.src = link.href;
      }),
  );
  expect(size).toBeGreaterThan(0);
  expect(missing).toEqual([]);
});
