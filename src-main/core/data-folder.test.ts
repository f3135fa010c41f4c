// A file where the data directory (or its logs folder) should be: a clear error naming the path and what to do.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DataFolderError } from './data-folder.ts';
import { silentLogger } from './log/logger.ts';
import { RotatingFile } from './log/rotating-file.ts';
import { openSettings } from './settings/settings.ts';

test('a data directory that is a file, or lies under one, is a clear error instead of EEXIST/ENOTDIR', (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-data-folder-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const file = path.join(root, 'basecamp-companion');
  fs.writeFileSync(file, 'not a folder');
  for (const dir of [file, path.join(file, 'inner')]) {
    assert.throws(
      () => openSettings(dir, silentLogger),
      (error: Error) =>
        error instanceof DataFolderError &&
        error.message.includes(dir) &&
        /a file is in the way/.test(error.message) &&
        /BASECAMP_COMPANION_HOME/.test(error.message),
    );
  }
  fs.mkdirSync(path.join(root, 'home'));
  fs.writeFileSync(path.join(root, 'home', 'logs'), 'not a folder');
  assert.throws(() => new RotatingFile(path.join(root, 'home', 'logs', 'companion.log')), DataFolderError);
  assert.equal(fs.readFileSync(file, 'utf8'), 'not a folder', 'the file is left alone');
});

test('a settings file over 5 MB is set aside like a broken one, not parsed', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-big-settings-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const warnings: string[] = [];
  const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
  fs.writeFileSync(
    path.join(dir, 'settings.json'),
    `{"port": 3917, "pad": "${'x'.repeat(5 * 1024 * 1024)}"}`,
  );
  const settings = openSettings(dir, logger as typeof silentLogger);
  assert.equal(settings.get().port, 3917);
  assert.match(warnings.join('\n'), /unreadable.*kept at/);
  assert.ok(fs.readdirSync(dir).some((name) => name.startsWith('settings.json.corrupt-')));
});
