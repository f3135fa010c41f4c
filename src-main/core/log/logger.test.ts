import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from './logger.ts';
import { knownSecretCount, MAX_KNOWN_SECRETS, redactText, redactValue, registerSecret } from './redact.ts';
import { LogRing } from './ring.ts';
import { RotatingFile } from './rotating-file.ts';

test('redaction masks bearer tokens, OAuth fields, codes in URLs and client tokens', () => {
  const samples = [
    'Authorization: Bearer BAhbB0kiAbR7ImNsaWVudF9pZCI6ImFiYyJ9',
    '{"access_token":"BAhbB0kiAbR7Im","refresh_token":"BAhbRefresh123456"}',
    'grant_type=refresh_token&refresh_token=BAhbRefresh123456&client_secret=s3cr3t-value',
    'http://127.0.0.1:3918/callback?code=abcdef123456&state=xyz',
    'token bcc_abcdefghijklmnopqrstuvwxyz012345 was presented',
  ];
  for (const sample of samples) {
    const out = redactText(sample);
    for (const secret of [
      'BAhbB0kiAbR7',
      'BAhbRefresh123456',
      's3cr3t-value',
      'abcdef123456',
      'bcc_abcdefghij',
    ]) {
      assert.equal(out.includes(secret), false, `${secret} leaked from ${sample} → ${out}`);
    }
  }
});

test('a registered secret is masked wherever it appears, even without a tell-tale name', () => {
  registerSecret('plain-looking-value-42');
  assert.equal(redactText('the value is plain-looking-value-42.'), 'the value is [redacted].');
});

test('structured fields with secret names are masked, other fields kept', () => {
  const out = redactValue({
    authorization: 'Bearer x',
    nested: { refreshToken: 'abc', count: 3 },
    url: 'https://x.example/a',
  });
  assert.deepEqual(out, {
    authorization: '[redacted]',
    nested: { refreshToken: '[redacted]', count: 3 },
    url: 'https://x.example/a',
  });
});

test('the logger redacts before any sink, honours its level and can change it at run time', () => {
  const ring = new LogRing(10);
  const logger = createLogger({ ring, level: 'info' });
  logger.debug('hidden');
  logger.child('auth').info('got Bearer abcdefghijklmnop', { token: 'zzz-secret-zzz' });
  assert.equal(ring.since().length, 1);
  const [entry] = ring.since();
  assert.equal(entry?.scope, 'auth');
  assert.equal(entry?.message, 'got Bearer [redacted]');
  assert.deepEqual(entry?.fields, { token: '[redacted]' });
  logger.setLevel('debug');
  logger.debug('now shown');
  assert.equal(ring.since().at(-1)?.message, 'now shown');
});

test('the ring keeps the newest entries up to its capacity and tails from a sequence number', () => {
  const ring = new LogRing(3);
  const logger = createLogger({ ring });
  for (let index = 1; index <= 5; index++) logger.info(`line ${index}`);
  assert.deepEqual(
    ring.since().map((entry) => entry.message),
    ['line 3', 'line 4', 'line 5'],
  );
  assert.deepEqual(
    ring.since(4).map((entry) => entry.message),
    ['line 5'],
  );
});

test('the log file rolls over at its size limit and keeps a bounded number of old files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-log-'));
  const file = new RotatingFile(path.join(dir, 'companion.log'), 200, 2);
  const logger = createLogger({ file });
  for (let index = 0; index < 40; index++) logger.info(`entry number ${index} with some padding`);
  const names = fs.readdirSync(dir).sort();
  assert.deepEqual(names, ['companion.log', 'companion.log.1', 'companion.log.2']);
  for (const name of names) assert.ok(fs.statSync(path.join(dir, name)).size <= 300);
});

test('remembered secrets stay capped while the ones in use stay masked', () => {
  const inUse = 'the-current-access-token-7f3a';
  registerSecret(inUse);
  // Three caps' worth of sign-ins and refreshes, the current token used (so registered again) in between.
  for (let refresh = 0; refresh < 3 * MAX_KNOWN_SECRETS; refresh++) {
    registerSecret(`rotated-away-token-${refresh}`);
    if (refresh % 100 === 0) registerSecret(inUse);
  }
  assert.equal(knownSecretCount(), MAX_KNOWN_SECRETS);
  assert.equal(redactText(`sent ${inUse} again`), 'sent [redacted] again');
  assert.equal(redactText(`old rotated-away-token-${3 * MAX_KNOWN_SECRETS - 1}`), 'old [redacted]');
});
