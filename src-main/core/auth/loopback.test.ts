import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { parseRedirectUri } from './config.ts';
import type { AuthError } from './errors.ts';
import { startLoopbackReceiver } from './loopback.ts';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Answer {
  status: number;
  location?: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body,
            headers: response.headers,
            ...(response.headers.location ? { location: response.headers.location } : {}),
          }),
        );
      })
      .on('error', reject);
  });
}

async function receiver(state = 'expected-state', extra: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const redirect = parseRedirectUri(`http://127.0.0.1:${await freePort()}/callback`);
  return { redirect, receiver: await startLoopbackReceiver({ redirect, state, ...extra }) };
}

test('the callback with our state yields the code, sends the browser to /done, shows success and shuts', async () => {
  const { redirect, receiver: r } = await receiver();
  const callback = await get(`${redirect.uri}?code=the-code-123&state=expected-state`);
  assert.equal(callback.status, 302);
  assert.equal(callback.location, '/done?outcome=ok');
  assert.equal(await r.code, 'the-code-123');
  const done = await get(`http://127.0.0.1:${redirect.port}${callback.location}`);
  assert.equal(done.status, 200);
  assert.match(done.body, /data-outcome="ok"/);
  assert.match(done.body, /You can close this tab/);
  assert.match(String(done.headers['content-security-policy']), /default-src 'none'/);
  assert.doesNotMatch(done.body, /the-code-123/);
  await r.close();
  await assert.rejects(get(redirect.uri), /ECONNREFUSED/);
});

test('a wrong or missing state is refused as a request (400), and the sign-in keeps waiting for the real one', async () => {
  const { redirect, receiver: r } = await receiver();
  // What any web page can do with <img src="http://127.0.0.1:port/callback?…">.
  for (const query of [
    'code=attacker-code&state=forged',
    'error=access_denied',
    'error=access_denied&state=x',
    '',
  ]) {
    const answer = await get(`${redirect.uri}?${query}`);
    assert.equal(answer.status, 400, query);
    assert.match(answer.body, /does not belong to the sign-in/);
    assert.match(String(answer.headers['content-security-policy']), /default-src 'none'/);
  }
  const callback = await get(`${redirect.uri}?code=the-real-code&state=expected-state`);
  assert.equal(callback.status, 302);
  assert.equal(await r.code, 'the-real-code', 'the attacker code is never used');
  await r.close();
});

test('a timeout after refused answers says they were refused', async () => {
  const { redirect, receiver: r } = await receiver('expected-state', { timeoutMs: 2_000 }); // room for the forged answer to arrive first on a loaded machine;
  await get(`${redirect.uri}?code=x&state=forged`);
  await assert.rejects(
    r.code,
    (error: AuthError) => error.code === 'timeout' && /did not belong to this sign-in/.test(error.message),
  );
  await r.close();
});

test('error=access_denied (the user chose Deny) gives a clear message and a page that says nothing was stored', async () => {
  const { redirect, receiver: r } = await receiver();
  await get(`${redirect.uri}?error=access_denied&state=expected-state`);
  await assert.rejects(
    r.code,
    (error: AuthError) =>
      error.code === 'access_denied' &&
      /Deny/.test(error.message) &&
      /nothing was stored/.test(error.message),
  );
  const done = await get(`http://127.0.0.1:${redirect.port}/done`);
  assert.match(done.body, /nothing was stored/);
  await r.close();
});

test('the receiver is single use: a second callback after the answer is not accepted', async () => {
  const { redirect, receiver: r } = await receiver();
  await get(`${redirect.uri}?code=first&state=expected-state`);
  const second = await get(`${redirect.uri}?code=second&state=expected-state`);
  assert.equal(second.status, 404);
  assert.equal(await r.code, 'first');
  await r.close();
});

test('requests with a foreign Host header (DNS rebinding) or other paths do not touch the sign-in', async () => {
  const { redirect, receiver: r } = await receiver();
  const rebound = await get(`${redirect.uri}?code=x&state=expected-state`, {
    Host: `evil.example:${redirect.port}`,
  });
  assert.equal(rebound.status, 400);
  assert.equal((await get(`http://127.0.0.1:${redirect.port}/favicon.ico`)).status, 404);
  await get(`${redirect.uri}?code=real&state=expected-state`);
  assert.equal(await r.code, 'real');
  await r.close();
});

test('a port already in use is a clear error naming the redirect URI and what to do', async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const { port } = blocker.address() as net.AddressInfo;
  const redirect = parseRedirectUri(`http://127.0.0.1:${port}/callback`);
  await assert.rejects(startLoopbackReceiver({ redirect, state: 's' }), (error: AuthError) => {
    assert.equal(error.code, 'port_in_use');
    assert.match(error.message, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
    assert.match(error.message, /BASECAMP_REDIRECT_URI/);
    return true;
  });
  await new Promise((resolve) => blocker.close(resolve));
});

test('no answer before the timeout stops the sign-in and frees the port', async () => {
  const { redirect, receiver: r } = await receiver('s', { timeoutMs: 50 });
  await assert.rejects(
    r.code,
    (error: AuthError) => error.code === 'timeout' && error.message.includes(redirect.uri),
  );
  await r.close();
  const again = await startLoopbackReceiver({ redirect, state: 's' });
  await again.close();
});

test("cancelling (the window's Cancel, Ctrl-C) rejects the wait and frees the port", async () => {
  const controller = new AbortController();
  const { redirect, receiver: r } = await receiver('s', { signal: controller.signal });
  controller.abort();
  await assert.rejects(r.code, (error: AuthError) => error.code === 'cancelled');
  await r.close();
  await assert.rejects(get(redirect.uri), /ECONNREFUSED/);
});
