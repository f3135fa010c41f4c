// The Electron shell against a typed stand-in of the electron API (electron-fake.ts), without the
// Electron binary: every contract channel has a handler, every window is locked down, senders are
// checked, navigation/new windows/permissions are refused, and the tray, popup and login items work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  bridgeEvents,
  bridgeMethods,
  channels,
  type ClientKind,
  type ConfigureResult,
  type Envelope,
  type SettingsPatch,
  type Snapshot,
  type SnapshotBody,
} from '../../src-shared/contract.ts';
import type { IpcRendererEvent } from 'electron';
import type { LogEntry } from '../../src-shared/state.ts';
import { createLogger } from '../core/log/logger.ts';
import { LogRing } from '../core/log/ring.ts';
import { WINDOW_CSP } from '../core/platform/app-files.ts';
import { sampleClient, sampleSnapshot } from '../core/platform/testing.ts';
import type { CompanionBackend } from '../core/state/backend.ts';
import { createBridge } from './bridge.ts';
import { createFakeElectron, fakeEvent, type FakeElectron, type FakeMenu } from './electron-fake.ts';
import { startShell, type RunningShell, type ShellCompanionOptions, type ShellOptions } from './shell.ts';

// ---- an in-memory core ----------------------------------------------------------------------------

class MemoryBackend implements CompanionBackend {
  body: SnapshotBody;
  readonly calls: string[] = [];
  readonly entries: LogEntry[] = [];
  private readonly changeListeners = new Set<() => void>();
  private readonly logListeners = new Set<(entry: LogEntry) => void>();
  /** The authorize URL the sign-in asks main to open. */
  authorizeUrl = 'http://127.0.0.1:41999/authorization/new?state=abc';
  open: ((url: string) => Promise<void>) | undefined;

  constructor(change: (snapshot: Snapshot) => void = () => {}) {
    const { rev: _rev, ...body } = sampleSnapshot(change);
    this.body = body;
  }
  change(edit: (body: SnapshotBody) => void): void {
    edit(this.body);
    for (const listener of this.changeListeners) listener();
  }
  log(message: string): void {
    const entry: LogEntry = {
      seq: this.entries.length + 1,
      time: new Date(0).toISOString(),
      level: 'info',
      scope: 'test',
      message,
    };
    this.entries.push(entry);
    for (const listener of this.logListeners) listener(entry);
  }
  status(): SnapshotBody {
    return structuredClone(this.body);
  }
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }
  async signIn(
    onProgress: (progress: { step: 'waiting-for-browser'; message: string; authorizeUrl: string }) => void,
  ): Promise<void> {
    this.calls.push('signIn');
    onProgress({
      step: 'waiting-for-browser',
      message: 'Approve in your browser',
      authorizeUrl: this.authorizeUrl,
    });
    await this.open!(this.authorizeUrl);
    this.change((body) => void (body.auth.state = 'signed-in'));
  }
  async signOut(): Promise<void> {
    this.calls.push('signOut');
    this.change((body) => void (body.auth.state = 'signed-out'));
  }
  async selectAccount(): Promise<void> {}
  async setAppCredentials(): Promise<void> {}
  async revokeClient(name: string): Promise<void> {
    this.calls.push(`revoke:${name}`);
  }
  async configureClient(kind: ClientKind): Promise<ConfigureResult> {
    this.calls.push(`configure:${kind}`);
    return {
      name: kind,
      kind,
      changed: true,
      configPath: '/home/me/.cursor/mcp.json',
      message: 'Added Basecamp to Cursor.',
      restartHint: 'Restart Cursor.',
    };
  }
  async removeClient(): Promise<{ removed: boolean; message: string }> {
    return { removed: false, message: 'Nothing to remove.' };
  }
  logs(sinceSeq: number, limit: number): LogEntry[] {
    return this.entries.filter((entry) => entry.seq > sinceSeq).slice(-limit);
  }
  onLog(listener: (entry: LogEntry) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }
  getSettings() {
    return this.body.settings;
  }
  async updateSettings(patch: SettingsPatch) {
    this.change((body) => void Object.assign(body.settings, patch));
    return this.body.settings;
  }
  connectionInfo() {
    return { url: this.body.server.url ?? '', note: 'Use Configure to add a client token.' };
  }
}

interface Started {
  fake: FakeElectron;
  backend: MemoryBackend;
  shell: RunningShell;
  companionOptions: ShellCompanionOptions;
  stops: number;
  dirs: { renderer: string; data: string; config: string };
}

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bcc-shell-${name}-`));
}

async function start(
  options: {
    platform?: NodeJS.Platform;
    argv?: string[];
    backend?: MemoryBackend;
    fake?: FakeElectron;
    startFails?: boolean;
  } = {},
): Promise<Started> {
  const fake = options.fake ?? createFakeElectron();
  const backend = options.backend ?? new MemoryBackend((s) => void (s.auth.state = 'signed-out'));
  const renderer = tempDir('renderer');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Companion</title>');
  const data = tempDir('data');
  const config = tempDir('xdg');
  const started = { stops: 0 } as Started;
  const shellOptions: ShellOptions = {
    createCompanion: (companionOptions) => {
      started.companionOptions = companionOptions;
      backend.open = companionOptions.openExternal;
      return {
        logger: createLogger({ ring: new LogRing() }),
        backend,
        launchpadBase: 'http://127.0.0.1:41999',
        start: async () => {
          if (options.startFails)
            throw new Error('Port 3917 is already in use. Pick another port in Settings.');
        },
        stop: async () => void started.stops++,
      };
    },
    files: { preload: '/app/out/preload/preload.cjs', renderer, trayIcons: '/app/assets/tray' },
    appId: 'com.basecamp-companion.app',
    productName: 'Basecamp Companion',
    platform: options.platform ?? 'linux',
    argv: options.argv ?? ['/usr/bin/basecamp-companion'],
    env: { BASECAMP_COMPANION_HOME: data, XDG_CONFIG_HOME: config },
    execPath: '/usr/bin/basecamp-companion',
    reportFatal: (message) => assert.fail(message),
  };
  const handle = startShell(fake, shellOptions);
  fake.makeReady();
  const shell = await handle.ready;
  assert.ok(shell, 'the shell started');
  return Object.assign(started, { fake, backend, shell, dirs: { renderer, data, config } });
}

/** Let the state store publish (it coalesces changes into one snapshot per microtask). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function trayMenu(fake: FakeElectron): FakeMenu {
  const menu = fake.trays[0]?.contextMenu;
  assert.ok(menu, 'the tray has a context menu');
  return menu;
}

// ---- the tests ------------------------------------------------------------------------------------

test('every contract channel has an IPC handler, and nothing else is registered', async () => {
  const { fake, shell } = await start();
  assert.deepEqual([...fake.handlers.keys()].sort(), Object.keys(channels).sort());
  assert.deepEqual([...shell.channels].sort(), Object.keys(channels).sort());
});

test('every window is created sandboxed, isolated, without Node, frameless and hidden, showing our bundle', async () => {
  const { fake } = await start();
  assert.ok(fake.windows.length > 0);
  for (const window of fake.windows) {
    const prefs = window.options.webPreferences;
    assert.equal(prefs?.contextIsolation, true);
    assert.equal(prefs?.sandbox, true);
    assert.equal(prefs?.nodeIntegration, false);
    assert.equal(prefs?.nodeIntegrationInWorker, false);
    assert.equal(prefs?.nodeIntegrationInSubFrames, false);
    assert.equal(prefs?.webSecurity, true);
    assert.equal(prefs?.webviewTag, false);
    assert.equal(prefs?.allowRunningInsecureContent, false);
    assert.equal(prefs?.preload, '/app/out/preload/preload.cjs');
    assert.equal(window.options.frame, false);
    assert.equal(window.options.show, false);
    assert.equal(window.options.skipTaskbar, true);
    assert.equal(window.webContents.url, 'app://companion/index.html');
  }
});

test('IPC is answered only for the main frame of our window showing our bundle', async () => {
  const { fake } = await start();
  const window = fake.windows[0]!;

  const ours = (await fake.invoke('snapshot:get', {})) as Envelope<Snapshot>;
  assert.equal(ours.ok, true);
  assert.ok(ours.ok && ours.value.rev >= 1);

  const strangers = [
    { id: window.webContents.id + 1000, url: 'app://companion/index.html' },
    { id: window.webContents.id, url: 'app://companion/index.html', subframe: true },
    { id: window.webContents.id, url: 'https://evil.example/' },
    { id: window.webContents.id, url: 'file:///tmp/index.html' },
  ];
  for (const sender of strangers) {
    const answer = (await fake.invoke('auth:sign-out', {}, sender)) as Envelope<unknown>;
    assert.deepEqual(answer.ok, false, JSON.stringify(sender));
    assert.equal(!answer.ok && answer.error.code, 'forbidden');
  }

  const invalid = (await fake.invoke('clients:revoke', { name: '' })) as Envelope<unknown>;
  assert.equal(!invalid.ok && invalid.error.code, 'invalid-request');
});

test('navigation away, redirects, new windows and webviews are refused for every web contents', async () => {
  const { fake } = await start();
  for (const contents of [fake.windows[0]!.webContents, fake.createWebContents()]) {
    const away = fakeEvent({
      url: 'https://evil.example/',
      isSameDocument: false,
      isMainFrame: true,
      frame: null,
    });
    contents.emit('will-navigate', away);
    assert.equal(away.defaultPrevented, true);
    const home = fakeEvent({
      url: 'app://companion/index.html',
      isSameDocument: false,
      isMainFrame: true,
      frame: null,
    });
    contents.emit('will-navigate', home);
    assert.equal(home.defaultPrevented, false, 'reloading our own page is fine');
    const redirect = fakeEvent({
      url: 'http://127.0.0.1:9/',
      isSameDocument: false,
      isMainFrame: true,
      frame: null,
    });
    contents.emit('will-redirect', redirect);
    assert.equal(redirect.defaultPrevented, true);
    const webview = fakeEvent({});
    contents.emit('will-attach-webview', webview);
    assert.equal(webview.defaultPrevented, true);
    assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://3.basecamp.com/' } as never), {
      action: 'deny',
    });
  }
});

test('every permission request and check is denied, except clipboard writes from our own window', async () => {
  const { fake } = await start();
  const ask = (permission: string, url: string) => {
    let granted: boolean | undefined;
    fake.permission.request?.({}, permission, (answer) => (granted = answer), { requestingUrl: url });
    return granted;
  };
  for (const permission of [
    'media',
    'notifications',
    'clipboard-read',
    'geolocation',
    'openExternal',
    'fullscreen',
  ]) {
    assert.equal(ask(permission, 'app://companion/index.html'), false, permission);
    assert.equal(fake.permission.check?.({}, permission, 'app://companion'), false, permission);
  }
  assert.equal(
    ask('clipboard-sanitized-write', 'app://companion/index.html'),
    true,
    'Copy in the Logs panel',
  );
  assert.equal(fake.permission.check?.({}, 'clipboard-sanitized-write', 'app://companion'), true);
  assert.equal(ask('clipboard-sanitized-write', 'https://evil.example/'), false);
  assert.equal(fake.permission.check?.({}, 'clipboard-sanitized-write', 'https://evil.example'), false);
  assert.equal(fake.permission.device?.({}), false);
});

test('the bundle is served from app://companion with the strict CSP', async () => {
  const { fake, dirs } = await start();
  assert.deepEqual(fake.schemes, [
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
  const serve = fake.protocolHandlers.get('app');
  assert.ok(serve);
  const page = await serve(new Request('app://companion/index.html'));
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-security-policy'), WINDOW_CSP);
  assert.match(await page.text(), /Companion/);
  fs.writeFileSync(path.join(path.dirname(dirs.renderer), 'outside.txt'), 'secret');
  assert.equal((await serve(new Request('app://companion/..%2foutside.txt'))).status, 404);
  assert.equal((await serve(new Request('app://elsewhere/index.html'))).status, 404);
});

test('the core gets the companion data dir as userData, and Chromium its own subfolder', async () => {
  const { fake, dirs, companionOptions } = await start();
  assert.equal(fake.paths.get('userData'), dirs.data);
  assert.equal(fake.paths.get('sessionData'), path.join(dirs.data, 'electron'));
  assert.equal(companionOptions.dataDir, dirs.data);
  assert.equal(companionOptions.surface, 'tray');
});

test('a second launch opens the window; without the lock the new instance quits at once', async () => {
  const { fake, shell } = await start({ argv: ['/usr/bin/basecamp-companion', '--login'] });
  assert.equal(shell.popup.window.isVisible(), false, 'started at login: stays in the tray');
  fake.launchAgain();
  assert.equal(shell.popup.window.isVisible(), true);

  const second = createFakeElectron({ lock: false });
  const handle = startShell(second, {
    createCompanion: () => assert.fail('the second instance must not start the core'),
    files: { preload: '/p', renderer: '/r', trayIcons: '/t' },
    appId: 'com.basecamp-companion.app',
    productName: 'Basecamp Companion',
    platform: 'linux',
    argv: [],
    env: { BASECAMP_COMPANION_HOME: tempDir('second') },
    execPath: '/x',
    reportFatal: () => {},
  });
  second.makeReady();
  assert.equal(await handle.ready, null);
  assert.equal(second.quitCalls, 1);
  assert.equal(second.windows.length, 0);
  assert.equal(second.handlers.size, 0);
});

test('a normal launch opens the window; blur hides it again and close only hides it', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { shell, fake } = await start();
  const window = fake.windows[0]!;
  assert.equal(window.isVisible(), true);
  window.emit('blur');
  t.mock.timers.tick(500);
  assert.equal(window.isVisible(), false);
  shell.popup.show();
  const close = fakeEvent({});
  window.emit('close', close);
  assert.equal(close.defaultPrevented, true);
  assert.equal(window.isVisible(), false);
});

test('the tray follows the state: icon, tooltip, menu, and a notice when a client connects', async () => {
  const { fake, backend } = await start();
  const tray = fake.trays[0]!;
  assert.equal(tray.images.at(-1), '/app/assets/tray/tray-signed-out.png');
  assert.match(tray.toolTip, /Not signed in/);
  assert.deepEqual(trayMenu(fake).labels(), [
    'Not signed in',
    'Open Basecamp Companion',
    'Sign in to Basecamp…',
    'Copy MCP URL',
    'Configure Cursor',
    'Open at login',
    'Quit Basecamp Companion',
  ]);

  backend.change((body) => void (body.auth.state = 'signed-in'));
  await settle();
  assert.equal(tray.images.at(-1), '/app/assets/tray/tray-connected.png');
  assert.ok(trayMenu(fake).labels().includes('Sign out'), 'the menu is set again after a change');

  backend.change((body) => void body.clients.push(sampleClient('cursor', 'connected')));
  await settle();
  assert.equal(tray.images.at(-1), '/app/assets/tray/tray-serving.png');
  assert.match(tray.toolTip, /serving 1 client/);
  assert.deepEqual(
    fake.notifications.map((n) => n.title),
    ['Cursor connected'],
  );

  backend.change((body) => void (body.auth.state = 'needs-sign-in'));
  await settle();
  assert.equal(tray.images.at(-1), '/app/assets/tray/tray-error.png');
  assert.equal(fake.notifications.at(-1)?.title, 'Sign in to Basecamp again');
});

test('tray menu: copy the MCP URL, configure Cursor, sign out, quit (which stops the core)', async () => {
  const backend = new MemoryBackend();
  const started = await start({ backend });
  const { fake } = started;
  trayMenu(fake).click('Copy MCP URL');
  await settle();
  assert.equal(fake.clipboardText, 'http://127.0.0.1:3917/mcp');

  trayMenu(fake).click('Configure Cursor');
  await settle();
  assert.ok(backend.calls.includes('configure:cursor'));
  assert.equal(fake.notifications.at(-1)?.body, 'Added Basecamp to Cursor. Restart Cursor.');

  trayMenu(fake).click('Sign out');
  await settle();
  assert.ok(backend.calls.includes('signOut'));

  trayMenu(fake).click('Quit Basecamp Companion');
  await settle();
  await settle();
  assert.equal(started.stops, 1, 'the core was stopped before quitting');
  assert.equal(fake.trays[0]!.destroyed, true);
  assert.equal(fake.quitCalls, 2, 'quit again once the core stopped');
});

test('sign-in opens the Launchpad page through the gate; other links are refused', async () => {
  const backend = new MemoryBackend((s) => void (s.auth.state = 'signed-out'));
  const { fake, companionOptions } = await start({ backend });
  const answer = (await fake.invoke('auth:sign-in', {})) as Envelope<{ outcome: string }>;
  assert.deepEqual(answer, { ok: true, value: { outcome: 'signed-in', message: 'Signed in to Basecamp.' } });
  assert.deepEqual(fake.opened, [backend.authorizeUrl]);

  for (const url of [
    'https://evil.example/',
    'file:///etc/passwd',
    'http://127.0.0.1:9/x',
    'javascript:alert(1)',
  ]) {
    await assert.rejects(companionOptions.openExternal(url), /did not open that link/);
  }
  await companionOptions.openExternal('https://3.basecamp.com/99/projects');
  assert.equal(fake.opened.length, 2);
});

test('contract events are pushed to the window: snapshots, sign-in progress, logs', async () => {
  const { fake, backend } = await start();
  const sent = fake.windows[0]!.webContents.sent;
  backend.change((body) => void (body.server.state = 'stopped'));
  backend.log('MCP endpoint listening');
  await settle();
  const snapshots = sent.filter((m) => m.channel === 'snapshot:changed').map((m) => m.payload as Snapshot);
  assert.ok(snapshots.length >= 1);
  assert.equal(snapshots.at(-1)?.server.state, 'stopped');
  const logs = sent.filter((m) => m.channel === 'logs:appended');
  assert.deepEqual(logs.at(-1)?.payload, { entries: [backend.entries[0]] });

  await fake.invoke('auth:sign-in', {});
  assert.ok(sent.some((m) => m.channel === 'auth:progress'));
  for (const message of sent)
    assert.ok(message.channel in { 'snapshot:changed': 1, 'logs:appended': 1, 'auth:progress': 1 });
});

test('macOS: template icons, the menu on right click, the popup under the tray icon', async () => {
  const fake = createFakeElectron({ workArea: { x: 0, y: 25, width: 1440, height: 875 } });
  const { shell } = await start({
    fake,
    platform: 'darwin',
    argv: ['/Applications/Basecamp Companion.app', '--login'],
  });
  const tray = fake.trays[0]!;
  tray.bounds = { x: 1200, y: 0, width: 22, height: 24 };
  assert.equal(tray.images[0], '/app/assets/tray/tray-signed-outTemplate.png');
  assert.equal(tray.contextMenu, null, 'a context menu would swallow the left click on macOS');
  tray.emit('right-click');
  assert.ok(tray.poppedUp?.labels().includes('Quit Basecamp Companion'));
  tray.emit('click');
  assert.equal(shell.popup.window.isVisible(), true);
  assert.deepEqual(
    fake.windows[0]!.position,
    [1200 + 11 - 380 / 2, 24 + 5],
    'centred under the icon, just below the bar',
  );
  // Clicking the icon again closes it: the click's blur schedules a hide, the toggle sees it still open.
  fake.windows[0]!.emit('blur');
  tray.emit('click');
  assert.equal(shell.popup.window.isVisible(), false);
  tray.emit('click');
  assert.equal(shell.popup.window.isVisible(), true);
});

test('Linux: no tray bounds, so the popup is centred on the display', async () => {
  const { fake } = await start();
  assert.deepEqual(fake.windows[0]!.position, [(1920 - 380) / 2, (1080 - 580) / 2]);
});

test('open at login follows the setting: an XDG autostart entry on Linux, login items elsewhere', async () => {
  const { fake, dirs } = await start({ fake: createFakeElectron({ packaged: true }) });
  const entry = path.join(dirs.config, 'autostart', 'com.basecamp-companion.app.desktop');
  assert.equal(fs.existsSync(entry), false);
  trayMenu(fake).click('Open at login');
  await settle();
  await settle();
  assert.match(fs.readFileSync(entry, 'utf8'), /^Exec=\/usr\/bin\/basecamp-companion --login$/m);
  await fake.invoke('settings:update', { openAtLogin: false });
  await settle();
  assert.equal(fs.existsSync(entry), false);

  const windows = await start({ platform: 'win32', fake: createFakeElectron({ packaged: true }) });
  await windows.fake.invoke('settings:update', { openAtLogin: true });
  await settle();
  assert.deepEqual(windows.fake.loginItem, {
    openAtLogin: true,
    path: '/usr/bin/basecamp-companion',
    args: ['--login'],
  });
});

test('Windows reads the login item back with the arguments it was set with, so it can be turned off', async () => {
  const fake = createFakeElectron({ packaged: true });
  const backend = new MemoryBackend((s) => void (s.auth.state = 'signed-out'));
  await start({ platform: 'win32', fake, backend });
  await fake.invoke('settings:update', { openAtLogin: true });
  await settle();
  assert.equal(fake.loginItem.openAtLogin, true);
  // Turned off while the app was not running (the CLI): the next start finds the item and removes it.
  const next = createFakeElectron({ packaged: true });
  next.loginItem = fake.loginItem;
  await start({ platform: 'win32', fake: next, backend: new MemoryBackend() });
  assert.equal(next.loginItem.openAtLogin, false, 'removed: it read back as set, with the same args');
});

test('in development the login entry starts Electron with the app folder (Linux, Windows), not the bare binary', async () => {
  const { fake, dirs } = await start();
  await fake.invoke('settings:update', { openAtLogin: true });
  await settle();
  const entry = path.join(dirs.config, 'autostart', 'com.basecamp-companion.app.desktop');
  assert.match(fs.readFileSync(entry, 'utf8'), /^Exec=\/usr\/bin\/basecamp-companion \/app --login$/m);

  const windows = await start({ platform: 'win32' });
  await windows.fake.invoke('settings:update', { openAtLogin: true });
  await settle();
  assert.deepEqual(windows.fake.loginItem.args, ['"/app"', '--login']);
});

test('macOS: a login item waiting for approval is said, and development does not register Electron.app', async () => {
  const mac = await start({ platform: 'darwin', fake: createFakeElectron({ packaged: true }) });
  mac.fake.loginItemStatus = 'requires-approval';
  await mac.fake.invoke('settings:update', { openAtLogin: true });
  await settle();
  assert.equal(mac.fake.loginItem.openAtLogin, true);
  assert.equal(mac.fake.notifications.at(-1)?.title, 'Open at login needs your approval');
  assert.match(String(mac.fake.notifications.at(-1)?.body), /System Settings › General › Login Items/);

  const development = await start({ platform: 'darwin' });
  await development.fake.invoke('settings:update', { openAtLogin: true });
  await settle();
  assert.equal(development.fake.loginItem.openAtLogin, false, 'nothing registered');
  assert.equal(development.fake.notifications.at(-1)?.title, 'Open at login was not set');
  assert.match(String(development.fake.notifications.at(-1)?.body), /packaged app/);
});

test('an MCP endpoint that cannot start is reported, and the app keeps running', async () => {
  const { fake } = await start({ startFails: true });
  assert.equal(fake.notifications.at(-1)?.title, 'The MCP endpoint did not start');
  assert.match(String(fake.notifications.at(-1)?.body), /Port 3917 is already in use/);
  assert.equal(fake.quitCalls, 0);
});

test('the preload bridge exposes exactly the contract, as named functions, and hides the IPC event', async () => {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, (event: IpcRendererEvent, ...args: unknown[]) => void>();
  const bridge = createBridge({
    invoke: async (...args) => {
      invoked.push(args);
      return { ok: true, value: null };
    },
    on: (channel, listener) => listeners.set(channel, listener),
    removeListener: (channel) => listeners.delete(channel),
  });
  assert.deepEqual(
    Object.keys(bridge).sort(),
    [...Object.keys(bridgeMethods), ...Object.keys(bridgeEvents)].sort(),
  );
  assert.ok(Object.isFrozen(bridge));

  await bridge.revokeClient({ name: 'cursor' });
  await bridge.getSnapshot({});
  assert.deepEqual(invoked, [
    ['clients:revoke', { name: 'cursor' }],
    ['snapshot:get', {}],
  ]);

  const received: unknown[] = [];
  const stop = bridge.onSnapshot((payload) => received.push(payload));
  listeners.get('snapshot:changed')?.({ sender: 'the ipc event' } as unknown as IpcRendererEvent, { rev: 2 });
  assert.deepEqual(received, [{ rev: 2 }]);
  stop();
  assert.equal(listeners.has('snapshot:changed'), false);
  assert.throws(() => bridge.onLogs(undefined as never), /listener function/);
});

test('Escape closes the popup, like a menu', async () => {
  const { fake, shell } = await start();
  const contents = fake.windows[0]!.webContents;
  assert.equal(shell.popup.window.isVisible(), true);
  const typing = fakeEvent({});
  contents.emit('before-input-event', typing, { type: 'keyDown', key: 'a' });
  assert.equal(typing.defaultPrevented, false);
  assert.equal(shell.popup.window.isVisible(), true);
  const escape = fakeEvent({});
  contents.emit('before-input-event', escape, { type: 'keyDown', key: 'Escape' });
  assert.equal(escape.defaultPrevented, true);
  assert.equal(shell.popup.window.isVisible(), false);
});

test('Sign in from the tray before the Launchpad app is set up opens the window with the setup help', async () => {
  const backend = new MemoryBackend((s) => {
    s.auth.state = 'signed-out';
    s.auth.setup.appRegistered = false;
    s.auth.setup.source = 'none';
  });
  const { fake, shell } = await start({ backend, argv: ['/usr/bin/basecamp-companion', '--login'] });
  assert.equal(shell.popup.window.isVisible(), false);
  trayMenu(fake).click('Sign in to Basecamp…');
  await settle();
  assert.equal(shell.popup.window.isVisible(), true);
  assert.deepEqual(backend.calls, [], 'no sign-in was started');
  assert.deepEqual(fake.opened, []);
});

test('a link in the window opens in the browser only if main offered it', async () => {
  const backend = new MemoryBackend((s) => void (s.auth.state = 'signed-out'));
  const { fake } = await start({ backend });
  const open = fake.windows[0]!.webContents.windowOpenHandler!;
  assert.deepEqual(open({ url: 'https://launchpad.37signals.com/integrations' } as never), {
    action: 'deny',
  });
  assert.deepEqual(open({ url: 'https://3.basecamp.com/somewhere' } as never), { action: 'deny' });
  assert.deepEqual(open({ url: 'https://evil.example/' } as never), { action: 'deny' });
  await settle();
  assert.deepEqual(fake.opened, ['https://launchpad.37signals.com/integrations']);
});

test('no default application menu (its Ctrl+R reload and zoom keys reach the popup); macOS keeps app and Edit roles', async () => {
  const linux = await start();
  assert.equal(linux.fake.applicationMenu, null, 'Linux: no menu at all');
  const windows = await start({ platform: 'win32' });
  assert.equal(windows.fake.applicationMenu, null, 'Windows: no menu at all');
  const mac = await start({ platform: 'darwin' });
  // Copy and paste in the window's fields need the Edit menu's roles on macOS; Cmd+Q the app menu's.
  assert.deepEqual(
    mac.fake.applicationMenu?.template.map((item) => item.role),
    ['appMenu', 'editMenu'],
  );
});
