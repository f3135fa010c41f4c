import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSettings } from './settings.ts';
import { createLogger } from '../log/logger.ts';
import { LogRing } from '../log/ring.ts';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-settings-'));
}

test('settings start from defaults and persist validated changes', () => {
  const dir = tempDir();
  const settings = openSettings(dir, createLogger());
  assert.equal(settings.get().port, 3917);
  settings.update(() => ({ readOnly: true, port: 4000 }));
  const reopened = openSettings(dir, createLogger());
  assert.equal(reopened.get().readOnly, true);
  assert.equal(reopened.get().port, 4000);
});

test('an invalid change is refused with a clear message and nothing is written', () => {
  const dir = tempDir();
  const settings = openSettings(dir, createLogger());
  assert.throws(() => settings.update(() => ({ port: 70000 })), /port/);
  assert.equal(openSettings(dir, createLogger()).get().port, 3917);
});

test('a corrupt settings file is recovered from the last good copy, and the broken one is kept', () => {
  const dir = tempDir();
  openSettings(dir, createLogger()).update(() => ({ port: 4100 }));
  fs.writeFileSync(path.join(dir, 'settings.json'), '{"port": 41');
  const ring = new LogRing();
  const settings = openSettings(dir, createLogger({ ring }));
  assert.equal(settings.get().port, 4100);
  assert.ok(
    ring.since().some((entry) => entry.level === 'warn' && /restored the last good copy/.test(entry.message)),
  );
  assert.ok(fs.readdirSync(dir).some((name) => name.startsWith('settings.json.corrupt-')));
});

test('a change made by another process is picked up by reload()', async () => {
  const dir = tempDir();
  const serving = openSettings(dir, createLogger());
  const other = openSettings(dir, createLogger());
  await new Promise((resolve) => setTimeout(resolve, 20)); // mtime granularity
  other.update(() => ({ readOnly: true }));
  assert.equal(serving.get().readOnly, false);
  assert.equal(serving.reload(), true);
  assert.equal(serving.get().readOnly, true);
  assert.equal(serving.reload(), false);
});
