// npm start where the Electron binary is missing (as on our build machines): it must say how to get
// the binary and how to use the browser dashboard, and exit non-zero — never try to download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findElectronBinary } from '../scripts/start.ts';

const root = path.join(import.meta.dirname, '..');

function fakeElectronPackage(withBinary: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-electron-'));
  fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
  if (withBinary) {
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'electron'), '#!/bin/sh\n', { mode: 0o755 });
  }
  return dir;
}

test('the binary is found from path.txt and dist/, or from ELECTRON_OVERRIDE_DIST_PATH; else null', () => {
  assert.equal(findElectronBinary(fakeElectronPackage(false), {}, 'linux'), null);
  const installed = fakeElectronPackage(true);
  assert.equal(findElectronBinary(installed, {}, 'linux'), path.join(installed, 'dist', 'electron'));
  const override = path.join(fakeElectronPackage(true), 'dist');
  assert.equal(
    findElectronBinary(fakeElectronPackage(false), { ELECTRON_OVERRIDE_DIST_PATH: override }, 'linux'),
    path.join(override, 'electron'),
  );
  // Without path.txt the per-OS name is assumed, as electron's installer writes it.
  const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-electron-'));
  fs.mkdirSync(path.join(bare, 'dist'));
  fs.writeFileSync(path.join(bare, 'dist', 'electron.exe'), '');
  assert.equal(findElectronBinary(bare, {}, 'win32'), path.join(bare, 'dist', 'electron.exe'));
});

test('npm start without the Electron binary explains what to do and exits non-zero', (t) => {
  const env = { ...process.env };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  if (findElectronBinary(path.join(root, 'node_modules', 'electron'), env)) {
    t.skip('an Electron binary is installed on this machine; this test covers machines without one');
    return;
  }
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.ts')], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /Electron binary is not installed/);
  assert.match(result.stderr, /npx install-electron/);
  assert.match(result.stderr, /npm run cli -- serve --dashboard/);
  assert.doesNotMatch(result.stderr + result.stdout, /Downloading Electron/);
  assert.equal(
    fs.existsSync(path.join(root, 'node_modules', 'electron', 'dist')),
    false,
    'nothing was downloaded',
  );
});
