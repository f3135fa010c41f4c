// The main bundle as `npm run build` makes it: only Electron, the native keychain module and Node's
// built-ins are left outside, and the ESM bundle (with its bundled CommonJS dependencies) loads and
// reaches the first steps of start-up. Electron's binary cannot run here, so a child Node process
// resolves 'electron' to a small recording stand-in; the shell's behaviour is covered by shell.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildMain, MAIN_EXTERNALS } from '../scripts/build.ts';

const STAND_IN = `
const calls = [];
const record = (name) => (...args) => { calls.push(name + (typeof args[0] === 'string' ? ':' + args[0] : '')); };
process.on('exit', () => process.stdout.write(JSON.stringify(calls)));
export const app = {
  isPackaged: false,
  setPath: record('setPath'),
  requestSingleInstanceLock: () => { calls.push('requestSingleInstanceLock'); return process.env.LOCK !== 'taken'; },
  on: record('on'),
  quit: record('quit'),
  whenReady: () => new Promise(() => {}),
  getVersion: () => '0.0.0',
  getPath: () => '/nowhere',
};
export const protocol = { registerSchemesAsPrivileged: record('registerSchemesAsPrivileged'), handle: record('handle') };
export const BrowserWindow = class {}, Tray = class {}, Menu = {}, Notification = {}, screen = {}, ipcMain = {},
  session = {}, shell = {}, clipboard = {};
`;

function standIn(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-bundle-'));
  fs.writeFileSync(path.join(dir, 'electron.mjs'), STAND_IN);
  fs.writeFileSync(
    path.join(dir, 'hooks.mjs'),
    `export async function resolve(specifier, context, next) {
      if (specifier === 'electron') return { url: ${JSON.stringify(pathToFileURL(path.join(dir, 'electron.mjs')).href)}, shortCircuit: true };
      return next(specifier, context);
    }`,
  );
  fs.writeFileSync(
    path.join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
  );
  return dir;
}

test('the main bundle leaves out only electron, the keychain module and Node built-ins, and loads', async () => {
  // Built inside the repo (in a scratch folder under out/) so the keychain module resolves as it will.
  const out = path.join(import.meta.dirname, '..', 'out');
  fs.mkdirSync(out, { recursive: true });
  const outdir = fs.mkdtempSync(path.join(out, '.bundle-test-'));
  try {
    const meta = await buildMain(outdir);
    const bundle = path.join(outdir, 'main.mjs');
    const external = new Set(
      Object.values(meta.outputs).flatMap((output) =>
        output.imports.filter((entry) => entry.external).map((entry) => entry.path),
      ),
    );
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const unexpected = [...external].filter((name) => !builtins.has(name) && !MAIN_EXTERNALS.includes(name));
    assert.deepEqual(unexpected, [], 'everything else is bundled');
    assert.ok(external.has('electron') && external.has('@napi-rs/keyring'));

    const hooks = standIn();
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(
        process.execPath,
        ['--import', pathToFileURL(path.join(hooks, 'register.mjs')).href, bundle],
        {
          env: {
            ...process.env,
            BASECAMP_COMPANION_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-home-')),
            ...env,
          },
          encoding: 'utf8',
          timeout: 30_000,
        },
      );

    const first = run({});
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), [
      'setPath:userData',
      'setPath:sessionData',
      'requestSingleInstanceLock',
      'registerSchemesAsPrivileged',
      'on:web-contents-created',
      'on:window-all-closed',
      'on:second-instance',
      'on:before-quit',
    ]);

    const second = run({ LOCK: 'taken' });
    assert.equal(second.status, 0, second.stderr);
    assert.deepEqual(JSON.parse(second.stdout), [
      'setPath:userData',
      'setPath:sessionData',
      'requestSingleInstanceLock',
      'quit',
    ]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
