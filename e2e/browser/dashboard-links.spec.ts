// A spent dashboard link is not the end: Enter in serve's terminal (a line on its stdin) prints a fresh
// one-time link, without restarting serve or closing a session already open. Plain HTTP, the way a browser
// follows the link: GET ?token= → 303 with a session cookie → the page and the API with that cookie.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startCli, throwawayHome, type ThrowawayHome } from '../support/product.ts';

const DASHBOARD_LINK = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/g;

let home: ThrowawayHome;
test.beforeAll(() => {
  home = throwawayHome();
});
test.afterAll(() => home?.remove());

/** Follows a one-time link as a browser would; the session cookie when it opened, else the page it got. */
async function open(link: string): Promise<{ status: number; cookie?: string; body: string }> {
  const answer = await fetch(link, { redirect: 'manual' });
  const cookie = answer.headers.get('set-cookie')?.split(';')[0];
  return { status: answer.status, body: await answer.text(), ...(cookie ? { cookie } : {}) };
}

async function snapshotStatus(origin: string, cookie: string): Promise<number> {
  const answer = await fetch(`${origin}/api/snapshot:get`, {
    method: 'POST',
    headers: { cookie, origin, 'content-type': 'application/json' },
    body: '{}',
  });
  return answer.status;
}

test('Enter in the serve terminal prints a new one-time link; old sessions keep working', async () => {
  const serve = startCli(['serve', '--sandbox', '--dashboard', '--no-browser', '--port', '0'], home.env);
  try {
    await serve.waitFor(/Press Ctrl-C to stop\./);
    expect(serve.output()).toMatch(/a new dashboard link/);
    const [first] = serve.output().match(DASHBOARD_LINK)!;
    const origin = new URL(first!).origin;

    const opened = await open(first!);
    expect(opened.status).toBe(303);
    expect(await snapshotStatus(origin, opened.cookie!)).toBe(200);

    serve.child.stdin!.write('\n');
    await serve.waitFor(/New dashboard link[^\n]*\n(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/);
    const links = serve.output().match(DASHBOARD_LINK)!;
    expect(links).toHaveLength(2);
    const second = links[1]!;
    expect(second).not.toBe(first);
    expect(new URL(second).origin).toBe(origin);

    // The new link opens its own session; the first session is not revoked by it.
    const reopened = await open(second);
    expect(reopened.status).toBe(303);
    expect(reopened.cookie).not.toBe(opened.cookie);
    expect(await snapshotStatus(origin, reopened.cookie!)).toBe(200);
    expect(await snapshotStatus(origin, opened.cookie!)).toBe(200);

    // Both links are spent now, and the spent page says how to get another.
    for (const link of [first!, second]) {
      const spent = await open(link);
      expect(spent.status).toBe(403);
      expect(spent.cookie).toBeUndefined();
      expect(spent.body).toContain('This link has been used');
      expect(spent.body).toContain('press Enter in the terminal');
    }

    // The log says a link was printed, never the link's token or a session cookie.
    const logFile = path.join(home.dataDir, 'logs', 'companion.log');
    await expect
      .poll(() => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''))
      .toContain('A new dashboard link was printed');
    const logged = fs.readFileSync(logFile, 'utf8');
    for (const secret of [first!, second, opened.cookie!, reopened.cookie!]) {
      const value = secret.includes('token=')
        ? new URL(secret).searchParams.get('token')!
        : secret.split('=')[1]!;
      expect(logged).not.toContain(value);
    }
  } finally {
    await serve.stop();
  }
});
