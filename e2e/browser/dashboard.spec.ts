// The acceptance run: the real product in dashboard mode on the sandbox, driven the way a user does.
// Sign in through the sandbox's Authorize page, configure Cursor into a throwaway HOME, call a tool with
// an MCP client that reads that file, watch it appear in the window, revoke it and see the 401.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startCli, throwawayHome, type ThrowawayHome } from '../support/product.ts';

const DASHBOARD_LINK = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/;

async function shots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const close of await page.locator('.notice-close').all()) await close.click().catch(() => {});
  await page.locator('.panel').evaluate((panel) => (panel.scrollTop = 0));
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: testInfo.outputPath(`${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

interface CursorEntry {
  url: string;
  headers: Record<string, string>;
}

function cursorEntry(home: ThrowawayHome): CursorEntry {
  const file = path.join(home.home, '.cursor', 'mcp.json');
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { mcpServers: Record<string, CursorEntry> };
  return config.mcpServers.basecamp!;
}

let home: ThrowawayHome;
test.beforeAll(() => {
  home = throwawayHome();
});
test.afterAll(() => home?.remove());

test('sign in, configure Cursor, call a tool, see it, revoke it', async ({ page }, testInfo) => {
  // The longest scenario, and the first to run in a fresh browser: give it room, and name each phase so a
  // slow or failing run says where its time went (the list reporter prints step durations).
  test.slow();
  const serve = startCli(['serve', '--sandbox', '--dashboard', '--no-browser', '--port', '0'], home.env);
  try {
    await test.step('open the dashboard, signed out', async () => {
      const [link] = await serve.waitFor(DASHBOARD_LINK);
      await page.goto(link);
      await expect(page.getByRole('heading', { name: 'Basecamp Companion' })).toBeVisible();
      // A sandbox run may start signed in; the acceptance wants the Authorize click, so start from signed out.
      const signOut = page.getByRole('button', { name: 'Sign out' });
      if (await signOut.isVisible()) await signOut.click();
      await expect(page.locator('.status')).toContainText('Signed out');
      await shots(page, testInfo, 'account-signed-out');
    });

    await test.step('sign in through the Authorize page', async () => {
      await page.getByRole('button', { name: 'Sign in with Basecamp' }).click();
      const open = page.getByRole('link', { name: 'Open the sign-in page' });
      await expect(open).toBeVisible();
      await shots(page, testInfo, 'account-signing-in');
      const [authorize] = await Promise.all([page.waitForEvent('popup'), open.click()]);
      await authorize.getByTestId('authorize').click();
      // Close only once the redirect has reached the loopback callback: closing earlier can abort it.
      await expect(authorize).toHaveURL(/\/done\?outcome=ok$/, { timeout: 30_000 });
      await authorize.close();
      await expect(page.locator('.identity-name')).toBeVisible();
      await expect(page.locator('.status')).toContainText('Connected');
      await shots(page, testInfo, 'account-signed-in');
    });

    const entry = await test.step('configure Cursor into the throwaway HOME', async () => {
      await page.getByRole('tab', { name: 'Clients' }).click();
      await shots(page, testInfo, 'clients-empty');
      const [running] = await serve.waitFor(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/m);
      await page.getByRole('button', { name: 'Configure Cursor' }).click();
      await expect(page.getByRole('listitem', { name: /^Cursor/ })).toBeVisible();
      // This run is on --port 0: the file gets the port in settings, as `configure` in a terminal writes
      // it, and the window says when Cursor will connect.
      await expect(
        page.getByText(/Cursor will connect once the companion runs on port 3917\./),
      ).toBeVisible();
      const written = cursorEntry(home);
      expect(written.url).toBe('http://127.0.0.1:3917/mcp');
      expect(written.headers.Authorization).toMatch(/^Bearer \S+/);
      // The MCP client below stands for Cursor on a later run: this run's address, the file's token.
      return { url: running, headers: written.headers };
    });

    const cursor = page.getByRole('listitem', { name: /^Cursor/ });
    const toolName = await test.step('an MCP client that uses that file calls a tool', async () => {
      const client = new Client({ name: 'e2e-cursor', version: '1.2.3' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(entry.url), { requestInit: { headers: entry.headers } }),
      );
      const { tools } = await client.listTools();
      const tool = tools.find(
        (candidate) => candidate.annotations?.readOnlyHint && !(candidate.inputSchema.required ?? []).length,
      );
      expect(tool, 'a read-only tool that needs no arguments').toBeTruthy();
      const result = await client.callTool({ name: tool!.name, arguments: {} });
      expect(result.isError ?? false).toBe(false);
      await client.close();

      await expect(cursor).toContainText(/[1-9]\d* calls?/);
      await expect(cursor).toContainText('e2e-cursor 1.2.3');
      await shots(page, testInfo, 'clients-connected');
      return tool!.name;
    });

    await test.step('the call is in the log, the token is not', async () => {
      await page.getByRole('tab', { name: 'Logs' }).click();
      await expect(page.getByRole('list', { name: 'Log' })).toContainText(toolName);
      await shots(page, testInfo, 'logs');
      const everything = await page.getByRole('list', { name: 'Log' }).innerText();
      expect(everything).not.toContain(entry.headers.Authorization!.slice('Bearer '.length));
    });

    await test.step("revoke: that client's next call gets 401", async () => {
      await page.getByRole('tab', { name: 'Clients' }).click();
      await cursor.getByRole('button', { name: /^Revoke/ }).click();
      await cursor.getByRole('button', { name: 'Revoke access' }).click();
      await expect(cursor.getByText('Revoked', { exact: true })).toBeVisible();
      const after = await fetch(entry.url, {
        method: 'POST',
        headers: {
          ...entry.headers,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(after.status).toBe(401);
      await page.getByRole('tab', { name: 'Settings' }).click();
      await shots(page, testInfo, 'settings');
    });
  } finally {
    await serve.stop();
  }
});
