import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createMemoryBackend } from '../../../e2e/browser/memory-backend.ts';
import { MAX_KNOWN_SECRETS, redactText, registerSecret } from '../log/redact.ts';
import { createWindowApi } from '../state/handlers.ts';
import { SESSION_IDLE_MS, SESSION_LIFETIME_MS, startDashboard, type Dashboard } from './dashboard.ts';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  dashboard: Dashboard,
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: dashboard.port,
        path: pathname,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function started(extra: { now?: () => number } = {}) {
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-window-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Window</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(os.tmpdir(), 'bcc-outside.js'), 'secret');
  const backend = createMemoryBackend();
  const api = createWindowApi(backend, backend.logger);
  const dashboard = await startDashboard({
    handlers: api.handlers,
    events: api.events,
    staticDir,
    logger: backend.logger,
    ...extra,
  });
  const link = new URL(dashboard.url);
  const opened = await request(dashboard, link.pathname + link.search);
  const cookie = String(opened.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  const done = async () => {
    await dashboard.close();
    api.close();
    fs.rmSync(staticDir, { recursive: true, force: true });
  };
  return { backend, api, dashboard, link, opened, cookie, done };
}

test('the one-time link becomes an HttpOnly SameSite=Strict cookie and cannot be used twice', async () => {
  const { dashboard, link, opened, cookie, backend, done } = await started();
  try {
    assert.equal(opened.status, 303);
    assert.equal(opened.headers.location, '/');
    assert.match(String(opened.headers['set-cookie']), /HttpOnly; SameSite=Strict; Path=\//);
    const page = await request(dashboard, '/', { headers: { cookie } });
    assert.equal(page.status, 200);
    assert.match(page.body, /<title>Window<\/title>/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
    assert.equal(page.headers['access-control-allow-origin'], undefined);

    const again = await request(dashboard, link.pathname + link.search);
    assert.equal(again.status, 403);
    assert.match(again.body, /This link has been used/);
    assert.equal(again.headers['set-cookie'], undefined);

    const noCookie = await request(dashboard, '/');
    assert.equal(noCookie.status, 401);
    const logged = backend
      .logs(0, 500)
      .map((entry) => JSON.stringify(entry))
      .join('\n');
    assert.ok(!logged.includes(link.searchParams.get('token')!), 'the link token never reaches the log');
  } finally {
    await done();
  }
});

test('the API speaks the contract over POST, with the same validation', async () => {
  const { dashboard, cookie, done } = await started();
  const post = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    request(dashboard, `/api/${channel}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { cookie, 'content-type': 'application/json', origin: dashboard.origin, ...headers },
    });
  try {
    const snapshot = await post('snapshot:get', {});
    assert.equal(snapshot.status, 200);
    const value = JSON.parse(snapshot.body);
    assert.equal(value.ok, true);
    assert.equal(value.value.auth.state, 'signed-out');

    const configured = JSON.parse((await post('clients:configure', { kind: 'cursor' })).body);
    assert.equal(configured.value.name, 'cursor');

    const invalid = await post('settings:update', { port: 'eighty' });
    assert.equal(invalid.status, 400);
    assert.match(JSON.parse(invalid.body).error.message, /port/);
    assert.equal((await post('nothing:here', {})).status, 404);

    const noType = await request(dashboard, '/api/snapshot:get', {
      method: 'POST',
      body: '{}',
      headers: { cookie, origin: dashboard.origin },
    });
    assert.equal(noType.status, 415, 'a form post cannot reach the API');
    const noOrigin = await request(dashboard, '/api/snapshot:get', {
      method: 'POST',
      body: '{}',
      headers: { cookie, 'content-type': 'application/json' },
    });
    assert.equal(noOrigin.status, 403);
    assert.equal((await post('snapshot:get', {}, { origin: 'http://evil.example' })).status, 403);
    assert.equal(
      (await post('snapshot:get', {}, { origin: 'http://127.0.0.1:1' })).status,
      403,
      'another local port is another site',
    );
    assert.equal((await post('snapshot:get', {}, { 'sec-fetch-site': 'cross-site' })).status, 403);
    assert.equal((await post('snapshot:get', {}, { cookie: 'companion_dashboard_1=nope' })).status, 401);
    assert.equal(
      (await post('snapshot:get', {}, { host: 'evil.example:' + dashboard.port })).status,
      421,
      'DNS rebinding is refused',
    );
  } finally {
    await done();
  }
});

test('files outside the bundle are never served', async () => {
  const { dashboard, cookie, done } = await started();
  try {
    assert.equal((await request(dashboard, '/assets/app.js', { headers: { cookie } })).status, 200);
    for (const evil of ['/../bcc-outside.js', '/%2e%2e/bcc-outside.js', '/assets/..%2f..%2fbcc-outside.js']) {
      const answer = await request(dashboard, evil, { headers: { cookie } });
      assert.notEqual(answer.status, 200, evil);
      assert.ok(!answer.body.includes('secret'), evil);
    }
  } finally {
    await done();
  }
});

test('events arrive as server-sent events: snapshots and log lines', async () => {
  const { dashboard, cookie, backend, done } = await started();
  try {
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: dashboard.port, path: '/api/events', headers: { cookie } },
        (res) => {
          assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('event: snapshot:changed') && text.includes('event: logs:appended')) {
              req.destroy();
              resolve(text);
            }
          });
          setImmediate(
            () =>
              void backend
                .updateSettings({ readOnly: true })
                .then(() => backend.logger.info('read-only now')),
          );
        },
      );
      req.on('error', reject);
    });
    const snapshotLine = received
      .split('\n')
      .find(
        (line, index, lines) => line.startsWith('data: ') && lines[index - 1] === 'event: snapshot:changed',
      )!;
    assert.equal(JSON.parse(snapshotLine.slice(6)).settings.readOnly, true);
    assert.match(received, /read-only now/);
  } finally {
    await done();
  }
});

test('a malformed channel escape is a 404, not a 500 with an error in the log', async () => {
  const { dashboard, cookie, done } = await started();
  try {
    const answer = await request(dashboard, '/api/%E0%A4%A', {
      method: 'POST',
      body: '{}',
      headers: { cookie, 'content-type': 'application/json', origin: dashboard.origin },
    });
    assert.equal(answer.status, 404);
    assert.equal(JSON.parse(answer.body).error.code, 'unknown-channel');
  } finally {
    await done();
  }
});

test('a body over 256 KB gets a 413 answer (declared or streamed), not a dropped connection', async () => {
  const { dashboard, cookie, done } = await started();
  try {
    const big = JSON.stringify({ text: 'x'.repeat(300 * 1024) });
    const headers = { cookie, 'content-type': 'application/json', origin: dashboard.origin };
    const declared = await request(dashboard, '/api/snapshot:get', { method: 'POST', body: big, headers });
    assert.equal(declared.status, 413);
    assert.match(JSON.parse(declared.body).error.message, /256 KB/);
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: dashboard.port,
          path: '/api/snapshot:get',
          method: 'POST',
          headers: { ...headers, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(big.slice(0, 200 * 1024));
      req.write(big.slice(200 * 1024));
      req.end();
    });
    assert.equal(streamed, 413);
  } finally {
    await done();
  }
});

test('a dashboard session ends after its lifetime, or when left idle', async () => {
  let clock = 1_000_000;
  const { dashboard, cookie, opened, done } = await started({ now: () => clock });
  try {
    assert.match(String(opened.headers['set-cookie']), new RegExp(`Max-Age=${SESSION_LIFETIME_MS / 1000}`));
    const page = () => request(dashboard, '/', { headers: { cookie } });
    // Used every half idle period: still open until the lifetime runs out.
    for (let used = 0; used + SESSION_IDLE_MS / 2 < SESSION_LIFETIME_MS; used += SESSION_IDLE_MS / 2) {
      clock += SESSION_IDLE_MS / 2;
      assert.equal((await page()).status, 200);
    }
    clock += SESSION_IDLE_MS / 2 + 1;
    assert.equal((await page()).status, 401, 'over the lifetime');

    const fresh = new URL(dashboard.newLink());
    const reopened = await request(dashboard, fresh.pathname + fresh.search);
    const second = String(reopened.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    clock += SESSION_IDLE_MS + 1;
    assert.equal(
      (await request(dashboard, '/', { headers: { cookie: second } })).status,
      401,
      'idle too long',
    );
  } finally {
    await done();
  }
});

test('a flood of new links keeps only the newest few open and does not push real secrets out of the redactor', async () => {
  const { dashboard, done } = await started();
  try {
    const secret = 'correct-horse-battery-staple-42';
    registerSecret(secret);
    const oldest = new URL(dashboard.newLink());
    for (let i = 0; i < MAX_KNOWN_SECRETS + 10; i++) dashboard.newLink();
    assert.equal(redactText(`seen ${secret} here`).includes(secret), false, 'a real token is still masked');
    const retired = await request(dashboard, oldest.pathname + oldest.search);
    assert.equal(retired.status, 403, 'a link retired by newer ones no longer opens a session');
    assert.equal(retired.headers['set-cookie'], undefined);
    const newest = new URL(dashboard.newLink());
    assert.equal((await request(dashboard, newest.pathname + newest.search)).status, 303);
  } finally {
    await done();
  }
});
