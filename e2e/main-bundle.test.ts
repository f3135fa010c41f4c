// The main bundle as `npm run build` makes it: only MAIN_EXTERNALS and Node's built-ins are left
// outside, and the ESM bundle (with its bundled CommonJS dependencies) loads and starts the real core.
// Electron's binary cannot run here, so a child Node process resolves 'electron' to a stand-in: a
// recording one for the first steps, then the shell test's typed fake for a whole sandbox start.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { buildMain, MAIN_EXTERNALS } from '../scripts/build.ts';
import { channels } from '../src-shared/contract.ts';

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
  session = {}, shell = {}, clipboard = {}, nativeTheme = {}, dialog = {};
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

// Built once, inside the repo (a scratch folder under out/), so the external modules resolve as they will.
const out = path.join(import.meta.dirname, '..', 'out');
let outdir = '';
let meta: Metafile;
before(async () => {
  fs.mkdirSync(out, { recursive: true });
  outdir = fs.mkdtempSync(path.join(out, '.bundle-test-'));
  meta = await buildMain(outdir);
});
after(() => fs.rmSync(outdir, { recursive: true, force: true }));

test('the main bundle leaves out only its declared externals and Node built-ins, and loads', () => {
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
    spawnSync(process.execPath, ['--import', pathToFileURL(path.join(hooks, 'register.mjs')).href, bundle], {
      env: {
        ...process.env,
        BASECAMP_COMPANION_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-home-')),
        ...env,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });

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
});

const DRIVER = (bundle: string, fakeModule: string) => `
import { createFakeElectron } from ${JSON.stringify(fakeModule)};
const fake = createFakeElectron();
globalThis.__companionFake = fake;
fake.makeReady();
await import(${JSON.stringify(bundle)});
const until = async (check) => { while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50)); };
let snapshot;
await until(async () => {
  if (!fake.trays.length) return false;
  const answer = await fake.invoke('snapshot:get', {});
  snapshot = answer.ok ? answer.value : undefined;
  return snapshot?.server.state === 'running';
});
const window = fake.windows[0];
const result = {
  channels: [...fake.handlers.keys()],
  webPreferences: window.options.webPreferences,
  url: window.webContents.url,
  tray: fake.trays[0].images.at(-1),
  tooltip: fake.trays[0].toolTip,
  auth: snapshot.auth.state,
  surface: snapshot.app.surface,
  sandbox: snapshot.app.sandbox,
  server: snapshot.server.url,
};
fake.app.quit();
await until(() => fake.quitCalls >= 2);
process.stdout.write(JSON.stringify(result));
process.exit(0);
`;

test('the bundled app starts the real core in sandbox mode behind the shell, and quits cleanly', () => {
  // The stand-in module re-exports the fake the driver created (one per process).
  const hooks = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-bundle-'));
  const electronModule = path.join(hooks, 'electron.mjs');
  fs.writeFileSync(
    electronModule,
    `const f = globalThis.__companionFake;\nexport const { app, BrowserWindow, Tray, Menu, Notification, screen, ipcMain, protocol, session, shell, clipboard, nativeTheme } = f;\nexport const dialog = { showErrorBox: (title, message) => process.stderr.write(title + ': ' + message + '\\n') };\n`,
  );
  fs.writeFileSync(
    path.join(hooks, 'hooks.mjs'),
    `export async function resolve(specifier, context, next) {
        if (specifier === 'electron') return { url: ${JSON.stringify(pathToFileURL(electronModule).href)}, shortCircuit: true };
        return next(specifier, context);
      }`,
  );
  fs.writeFileSync(
    path.join(hooks, 'register.mjs'),
    `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
  );
  const driver = path.join(hooks, 'driver.mjs');
  fs.writeFileSync(
    driver,
    DRIVER(
      pathToFileURL(path.join(outdir, 'main.mjs')).href,
      pathToFileURL(path.join(import.meta.dirname, '..', 'src-main', 'electron', 'electron-fake.ts')).href,
    ),
  );
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-home-'));
  // Port 0: other tests may be serving on the default port.
  fs.writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ port: 0 }));
  const result = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(path.join(hooks, 'register.mjs')).href, driver],
    {
      env: {
        ...process.env,
        BASECAMP_COMPANION_HOME: home,
        BASECAMP_COMPANION_SANDBOX: '1',
        XDG_CONFIG_HOME: home,
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  assert.equal(result.status, 0, result.stderr);
  const seen = JSON.parse(result.stdout);
  assert.deepEqual([...seen.channels].sort(), Object.keys(channels).sort());
  assert.equal(seen.webPreferences.sandbox, true);
  assert.equal(seen.webPreferences.contextIsolation, true);
  assert.equal(seen.webPreferences.nodeIntegration, false);
  assert.equal(seen.webPreferences.preload, path.join(out, 'preload', 'preload.cjs'));
  assert.equal(seen.url, 'app://companion/index.html');
  assert.equal(seen.auth, 'signed-in', 'the sandbox signs in by itself');
  assert.equal(seen.surface, 'tray');
  assert.equal(seen.sandbox, true);
  assert.match(seen.server, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  assert.match(seen.tray, /assets\/tray\/tray-connected\.png$/);
  assert.match(seen.tooltip, /Connected as/);
});
