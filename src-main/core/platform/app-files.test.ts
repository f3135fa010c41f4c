import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WINDOW_CSP, resolveBundleFile, serveBundleFile } from './app-files.ts';

function bundle(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-bundle-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(root), `${path.basename(root)}-secret.txt`), 'nope');
  return root;
}

test('requests map to files inside the bundle, and "/" is the entry page', () => {
  const root = bundle();
  assert.equal(resolveBundleFile(root, 'app://companion/', 'companion'), path.join(root, 'index.html'));
  assert.equal(
    resolveBundleFile(root, 'app://companion/assets/app.js?v=1', 'companion'),
    path.join(root, 'assets', 'app.js'),
  );
});

test('other hosts, escapes from the bundle and malformed addresses map to nothing', () => {
  const root = bundle();
  for (const url of [
    'app://other/index.html',
    'app://companion/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://companion/..%2f..%2fsecret.txt',
    'app://companion/%00index.html',
    'app://companion/%E0%A4%A',
    'not a url',
  ]) {
    assert.equal(resolveBundleFile(root, url, 'companion'), null, url);
  }
  // Dot segments the URL parser already removed stay inside the bundle.
  for (const url of ['app://companion/../secret.txt', 'app://companion/%2e%2e/secret.txt']) {
    const file = resolveBundleFile(root, url, 'companion');
    assert.ok(file === null || file.startsWith(root + path.sep), url);
  }
});

test('served files carry the strict CSP and the right type; missing files are 404; writes are refused', async () => {
  const root = bundle();
  const page = await serveBundleFile(root, new Request('app://companion/index.html'), 'companion');
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(page.headers.get('content-security-policy'), WINDOW_CSP);
  assert.match(await page.text(), /<title>x<\/title>/);

  const script = await serveBundleFile(root, new Request('app://companion/assets/app.js'), 'companion');
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');

  const missing = await serveBundleFile(root, new Request('app://companion/nope.js'), 'companion');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('content-security-policy'), WINDOW_CSP);

  const escaped = await serveBundleFile(root, new Request('app://companion/%2e%2e/x'), 'companion');
  assert.equal(escaped.status, 404);

  const post = await serveBundleFile(
    root,
    new Request('app://companion/index.html', { method: 'POST', body: 'x' }),
    'companion',
  );
  assert.equal(post.status, 405);
});

test('the policy allows nothing remote and no inline script', () => {
  assert.match(WINDOW_CSP, /default-src 'none'/);
  assert.match(WINDOW_CSP, /script-src 'self'(;|$)/);
  assert.doesNotMatch(WINDOW_CSP, /unsafe-inline|unsafe-eval|https?:|\*/);
});
