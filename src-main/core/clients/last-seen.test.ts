// The last-seen file: written at once for a client's first call, then at most once per interval; read by a
// registry in another process; a sighting from before the client's current token is not shown as its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSettings } from '../settings/settings.ts';
import { silentLogger } from '../log/logger.ts';
import { createLastSeenStore, LAST_SEEN_FILE } from './last-seen.ts';
import { createClientRegistry } from './tokens.ts';

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-seen-')), 'data', LAST_SEEN_FILE);
}

test('the first sighting of a client is written at once; later ones at most once per interval', () => {
  const file = tempFile();
  let clock = 1_000_000;
  const store = createLastSeenStore({ file, intervalMs: 60_000, now: () => clock });
  store.note('cursor', '2026-12-03T10:00:00.000Z', { name: 'Cursor', version: '2.1' });
  assert.deepEqual(store.read(), {
    cursor: { lastSeen: '2026-12-03T10:00:00.000Z', clientInfo: { name: 'Cursor', version: '2.1' } },
  });
  clock += 1_000;
  store.note('cursor', '2026-12-03T10:00:01.000Z');
  assert.equal(store.read().cursor?.lastSeen, '2026-12-03T10:00:00.000Z', 'throttled: not written yet');
  store.note('zed', '2026-12-03T10:00:02.000Z');
  assert.equal(store.read().zed?.lastSeen, '2026-12-03T10:00:02.000Z', 'a new client is written at once');
  assert.equal(store.read().cursor?.lastSeen, '2026-12-03T10:00:01.000Z', 'together with what was pending');
  clock += 61_000;
  store.note('cursor', '2026-12-03T10:01:03.000Z');
  assert.deepEqual(store.read().cursor, {
    lastSeen: '2026-12-03T10:01:03.000Z',
    clientInfo: { name: 'Cursor', version: '2.1' },
  });
  store.note('cursor', '2026-12-03T10:01:04.000Z');
  store.flush();
  assert.equal(store.read().cursor?.lastSeen, '2026-12-03T10:01:04.000Z', 'flush writes what is pending');
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
});

test('a broken or foreign last-seen file reads as empty and is replaced by the next write', () => {
  const file = tempFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '{"cursor": {"lastSeen": 12');
  const store = createLastSeenStore({ file });
  assert.deepEqual(store.read(), {});
  store.note('cursor', '2026-12-03T10:00:00.000Z');
  assert.deepEqual(store.read(), { cursor: { lastSeen: '2026-12-03T10:00:00.000Z' } });
});

test('a registry in another process shows the serving one’s last-seen time, never one from an older token', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-seen-registry-'));
  let now = new Date('2026-12-03T10:00:00.000Z');
  const serving = createClientRegistry({ settings: openSettings(dir, silentLogger), now: () => now });
  const { token } = serving.mint('cursor', 'cursor', '/home/me/.cursor/mcp.json');
  now = new Date('2026-12-03T10:05:00.000Z');
  serving.recordSeen('cursor', { name: 'Cursor', version: '2.1' });
  serving.recordCall('cursor', { ok: true });

  const cli = createClientRegistry({ settings: openSettings(dir, silentLogger) });
  assert.deepEqual(cli.get('cursor')?.stats, {
    calls: 0,
    errors: 0,
    lastSeen: '2026-12-03T10:05:00.000Z',
    clientInfo: { name: 'Cursor', version: '2.1' },
    lastSeenShared: true,
  });
  assert.equal(cli.list()[0]?.stats.lastSeen, '2026-12-03T10:05:00.000Z');
  const shared = fs.readFileSync(path.join(dir, LAST_SEEN_FILE), 'utf8');
  assert.ok(!shared.includes(token), 'no token in the shared file');

  now = new Date('2026-12-03T10:10:00.000Z');
  cli.mint('cursor', 'cursor', '/home/me/.cursor/mcp.json'); // configured again: a new token
  const later = createClientRegistry({ settings: openSettings(dir, silentLogger) });
  assert.equal(later.get('cursor')?.stats.lastSeen, undefined, 'the old token’s calls are not this one’s');
});

test('a hostile last-seen file: bad entries are dropped one by one, escapes stripped, a future time is not connected', async () => {
  const { seenRecently } = await import('./status.ts');
  const file = tempFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    JSON.stringify({
      cursor: {
        lastSeen: '2026-12-03T10:00:00.000Z',
        clientInfo: { name: 'Cur\u001b]52;c;aGk=\u0007sor\u202e', version: '1\u001b[2J' },
      },
      zed: { lastSeen: 'yesterday' },
      vscode: { lastSeen: 12 },
      future: { lastSeen: '9999-01-01T00:00:00.000Z' },
    }),
  );
  const records = createLastSeenStore({ file }).read();
  assert.deepEqual(records.cursor, {
    lastSeen: '2026-12-03T10:00:00.000Z',
    clientInfo: { name: 'Cur]52;c;aGk=sor', version: '1[2J' },
  });
  assert.equal(records.zed, undefined);
  assert.equal(records.vscode, undefined);
  assert.equal(seenRecently(records.future?.lastSeen, new Date('2026-12-03T10:00:00.000Z')), false);
  assert.equal(seenRecently('2026-12-03T09:59:00.000Z', new Date('2026-12-03T10:00:00.000Z')), true);
});

test('a last-seen file grown huge is not read, and the next write replaces it with what this process saw', () => {
  const file = tempFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const junk = Object.fromEntries(
    Array.from({ length: 30_000 }, (_, i) => [`junk-${i}`, { lastSeen: '2026-12-03T10:00:00.000Z' }]),
  );
  fs.writeFileSync(file, JSON.stringify(junk));
  assert.ok(fs.statSync(file).size > 1024 * 1024);
  const store = createLastSeenStore({ file });
  assert.deepEqual(store.read(), {});
  store.note('cursor', '2026-12-03T10:00:00.000Z');
  assert.deepEqual(Object.keys(store.read()), ['cursor']);
  assert.ok(fs.statSync(file).size < 1000);
});

test('a link planted at the temp path is not followed: the file it points at is left as it was', () => {
  const file = tempFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const victim = path.join(path.dirname(path.dirname(file)), 'victim.txt');
  fs.writeFileSync(victim, 'keep me\n');
  fs.symlinkSync(victim, `${file}.${process.pid}.tmp`);
  const store = createLastSeenStore({ file, intervalMs: 0 });
  store.note('cursor', '2026-12-03T10:00:00.000Z', { name: 'Cursor' });
  assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me\n');
  // The refused write removed the link, so the next one goes through.
  store.note('cursor', '2026-12-03T10:00:01.000Z');
  assert.equal(store.read().cursor?.lastSeen, '2026-12-03T10:00:01.000Z');
  assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me\n');
  assert.equal(fs.lstatSync(file).isSymbolicLink(), false);
});
