// The tray app's life cycle, written against the Electron slice in electron-api.ts so it runs in tests
// with hand-made fakes. Every decision (what the tray shows, where the popup goes, which links open,
// what to notify) is made in the core; this file only wires Electron to it.
import path from 'node:path';
import type {
  CallContext,
  ChannelName,
  RequestInput,
  ResponseOf,
  Snapshot,
} from '../../src-shared/contract.ts';
import type { BridgeCommand } from '../core/clients/table.ts';
import type { Logger } from '../core/log/logger.ts';
import { redactText } from '../core/log/redact.ts';
import { resolveDataDir } from '../core/paths.ts';
import { serveBundleFile } from '../core/platform/app-files.ts';
import { linksOffered } from '../core/platform/external-url.ts';
import { noticesBetween } from '../core/platform/notices.ts';
import { isNativeWayland } from '../core/platform/popup-position.ts';
import { trayModel, trayStatusOf, type TrayAction } from '../core/platform/tray-model.ts';
import type { CompanionBackend } from '../core/state/backend.ts';
import { dispatch } from '../core/state/dispatch.ts';
import { createWindowApi, type WindowApi } from '../core/state/handlers.ts';
import { installApplicationMenu } from './app-menu.ts';
import type { ShellElectron } from './electron-api.ts';
import { createExternalOpener } from './external.ts';
import { forwardEvents, ownWindowSender, registerContractIpc } from './ipc.ts';
import { isOpenAtLogin, launchedAtLogin, setOpenAtLogin, type LoginItemContext } from './login-item.ts';
import { createNotifier } from './notifications.ts';
import { createPopup, type Popup } from './popup.ts';
import { shellBridgeCommand } from './stdio-bridge.ts';
import { APP_HOST, APP_SCHEME, hardenWebContents, restrictPermissions } from './security.ts';
import { createTray, type TrayController } from './tray.ts';

/** What the shell passes to the core's createCompanion(). */
export interface ShellCompanionOptions {
  /** The one data directory of the companion (shared with the CLI); also Electron's userData. */
  dataDir: string;
  surface: 'tray';
  /** Run against the embedded sandbox Basecamp (`--sandbox`). */
  sandbox: boolean;
  version: string;
  /** How the core opens the Launchpad page: main's gated shell.openExternal. */
  openExternal(url: string): Promise<void>;
  /** Applies "open at login" to the OS (login items, XDG autostart) when the setting changes. */
  setOpenAtLogin(enabled: boolean): void;
  /** How stdio-only clients (Claude Desktop) start the bridge: this app's binary with --stdio-bridge. */
  bridge: BridgeCommand;
}

/**
 * What the shell needs back from createCompanion() (src-main/core/app.ts). The integrator's return
 * value must fit this shape; main.ts checks it at compile time.
 */
export interface ShellCompanion {
  logger: Logger;
  /** The backend of the window contract. */
  backend: CompanionBackend;
  /** The Launchpad origin the sign-in uses: https://launchpad.37signals.com, or the sandbox's loopback one. */
  launchpadBase: string;
  /** Start serving MCP (and the sandbox when asked); the state reports problems such as a busy port. */
  start(): Promise<void>;
  /** Stop everything and flush; called once on quit. */
  stop(): Promise<void>;
}

export interface ShellOptions {
  createCompanion(options: ShellCompanionOptions): Promise<ShellCompanion> | ShellCompanion;
  files: {
    /** out/preload/preload.cjs */
    preload: string;
    /** out/renderer */
    renderer: string;
    /** The tray icon folder (assets/tray, or resources/tray when packaged). */
    trayIcons: string;
    /** The app icon for notifications (optional). */
    appIcon?: string;
  };
  appId: string;
  productName: string;
  platform: NodeJS.Platform;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  execPath: string;
  /** Where a fatal start-up problem is reported (stderr in main.ts). */
  reportFatal(message: string): void;
}

export interface RunningShell {
  companion: ShellCompanion;
  windowApi: WindowApi;
  popup: Popup;
  tray: TrayController;
  channels: readonly ChannelName[];
  /** Run a tray menu action (the menu's click handlers call this). */
  act(action: TrayAction): Promise<void>;
  /** Let go of the tray, the timers and the window state (on quit, after the core stopped). */
  dispose(): void;
}

export interface ShellHandle {
  /** Null when another instance already runs (this one quits). */
  ready: Promise<RunningShell | null>;
}

const CONTEXT: CallContext = { surface: 'tray' };

/** Start the tray app. Call once, at the top of main, before the app is ready. */
export function startShell(electron: ShellElectron, options: ShellOptions): ShellHandle {
  const { app } = electron;

  // One data directory for the tray app and the CLI; Chromium's own files go in a subfolder.
  const dataDir = resolveDataDir(options.env, options.platform);
  app.setPath('userData', dataDir);
  app.setPath('sessionData', path.join(dataDir, 'electron'));

  // A second launch hands over to the running one, which opens its window.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { ready: Promise.resolve(null) };
  }

  // Must happen before ready: our bundle is served from app://companion, a secure standard origin.
  // corsEnabled lets Vite's `<script type="module" crossorigin>` load; no response allows other origins.
  electron.protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  // A tray app keeps running with its window closed.
  app.on('window-all-closed', () => {});

  let running: RunningShell | undefined;
  let showWhenReady = false;
  app.on('second-instance', () => {
    if (running) running.popup.show();
    else showWhenReady = true;
  });

  let quitting = false;
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped || !running) return;
    // Stop the core (MCP server, log file) before Electron exits.
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    const current = running;
    void current.companion
      .stop()
      .catch((error: unknown) => current.companion.logger.error('Stopping failed', { error: String(error) }))
      .finally(() => {
        stopped = true;
        current.dispose();
        app.quit();
      });
  });

  const ready = app.whenReady().then(async (): Promise<RunningShell | null> => {
    try {
      running = await launch(electron, options, dataDir, () => quitting);
    } catch (error) {
      // Core errors are written for people; redact anyway, this one goes to a dialog and stderr.
      options.reportFatal(
        `Basecamp Companion could not start: ${redactText(error instanceof Error ? error.message : String(error))}`,
      );
      stopped = true;
      app.quit();
      return null;
    }
    if (showWhenReady || !launchedAtLogin(options.argv, { app, platform: options.platform }))
      running.popup.show();
    return running;
  });
  return { ready };
}

async function launch(
  electron: ShellElectron,
  options: ShellOptions,
  dataDir: string,
  isQuitting: () => boolean,
): Promise<RunningShell> {
  const { app } = electron;
  if (options.platform === 'win32') app.setAppUserModelId(options.appId);
  installApplicationMenu(electron, options.platform);
  // Packaged builds have no Dock icon (LSUIElement in electron-builder.yml); in development, hide it here.
  if (options.platform === 'darwin' && !app.isPackaged) app.dock?.hide();

  restrictPermissions(electron.session.defaultSession);
  electron.protocol.handle(APP_SCHEME, (request) =>
    serveBundleFile(options.files.renderer, request, APP_HOST),
  );

  let launchpadBase = 'https://launchpad.37signals.com';
  // Known once the core exists; the opener is needed to create it.
  let logger: Logger | undefined = undefined;
  const openExternal = createExternalOpener(
    electron.shell,
    () => ({ launchpadBase }),
    (reason) => logger?.warn('Refused to open a link in the browser', { reason }),
  );

  const loginItems: LoginItemContext = {
    app,
    platform: options.platform,
    appId: options.appId,
    productName: options.productName,
    execPath: options.execPath,
    env: options.env,
    packaged: app.isPackaged,
    appPath: app.getAppPath(),
  };
  // Set once the notifier exists (the core, created first, is handed applyOpenAtLogin).
  let tellUser: ((title: string, body: string) => void) | undefined = undefined;
  // The setting is the source of truth; this remembers what the OS was last told.
  let appliedOpenAtLogin = safely(() => isOpenAtLogin(loginItems), false);
  const applyOpenAtLogin = (enabled: boolean): void => {
    const outcome = setOpenAtLogin(enabled, loginItems);
    // Remembered even when the OS did not take it, so the same request is not repeated on every change.
    appliedOpenAtLogin = enabled;
    if (outcome.state === 'requires-approval') {
      const body = `Allow ${options.productName} in System Settings › General › Login Items, or it will not open at login.`;
      logger?.warn(`Open at login needs approval: ${body}`);
      tellUser?.('Open at login needs your approval', body);
    } else if (outcome.state === 'not-applied') {
      logger?.warn(outcome.reason);
      tellUser?.('Open at login was not set', outcome.reason);
    }
  };

  const companion = await options.createCompanion({
    dataDir,
    surface: 'tray',
    sandbox: options.argv.includes('--sandbox') || options.env.BASECAMP_COMPANION_SANDBOX === '1',
    version: app.getVersion(),
    openExternal,
    setOpenAtLogin: applyOpenAtLogin,
    bridge: shellBridgeCommand({
      packaged: app.isPackaged,
      execPath: options.execPath,
      appPath: app.getAppPath(),
    }),
  });
  logger = companion.logger.child('shell');
  launchpadBase = companion.launchpadBase;

  const windowApi = createWindowApi(companion.backend, companion.logger.child('window'));
  // Tray actions take the same door as the window: validated request, validated answer.
  const call = async <C extends ChannelName>(
    channel: C,
    request: RequestInput<C>,
  ): Promise<ResponseOf<C>> => {
    const result = await dispatch(windowApi.handlers, channel, request, CONTEXT, logger);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as ResponseOf<C>;
  };

  // The popup asks the tray for its bounds; the tray is created below, once the first state is known.
  let tray: TrayController | undefined = undefined;
  const popup = createPopup(electron, {
    preload: options.files.preload,
    devTools: !app.isPackaged,
    wayland: isNativeWayland(options.env, options.argv, options.platform),
    trayBounds: () => tray?.bounds() ?? null,
    isQuitting,
    // Only links main put in the window (and that pass the gate) open in the browser.
    onOpenLink: (url) => {
      if (!linksOffered(windowApi.store.snapshot()).includes(url)) {
        logger?.warn('Refused a link the window asked to open: main did not offer it');
        return;
      }
      openExternal(url).catch(() => {});
    },
  });

  const ipc = registerContractIpc(
    electron.ipcMain,
    windowApi.handlers,
    ownWindowSender(() => popup.window.webContents.id),
    logger,
  );
  forwardEvents(windowApi.events, () => popup.window);

  const notify = createNotifier(electron, {
    ...(options.files.appIcon ? { icon: options.files.appIcon } : {}),
    onClick: () => popup.show(),
  });
  tellUser = (title, body) => notify({ kind: 'action-failed', title, body });

  const act = async (action: TrayAction): Promise<void> => {
    const snapshot = windowApi.store.snapshot();
    try {
      switch (action) {
        case 'open':
          return popup.show();
        case 'quit':
          return app.quit();
        case 'sign-in': {
          // Without a registered Launchpad app there is nothing to open yet: the window explains the setup.
          if (!snapshot.auth.setup.appRegistered) return popup.show();
          const result = await call('auth:sign-in', {});
          if (result.outcome === 'failed')
            notify({ kind: 'action-failed', title: 'Sign-in did not finish', body: result.message });
          return;
        }
        case 'cancel-sign-in':
          await call('auth:cancel-sign-in', {});
          return;
        case 'sign-out':
          await call('auth:sign-out', {});
          return;
        case 'copy-mcp-url':
          if (snapshot.server.url) await electron.clipboard.writeText(snapshot.server.url);
          return;
        case 'configure-cursor': {
          const result = await call('clients:configure', { kind: 'cursor' });
          notify({
            kind: 'action-done',
            title: 'Cursor',
            body: [result.message, result.restartHint].filter(Boolean).join(' '),
          });
          return;
        }
        case 'toggle-open-at-login':
          await call('settings:update', { openAtLogin: !snapshot.settings.openAtLogin });
          return;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger?.warn(`Tray action ${action} failed`, { error: message });
      notify({ kind: 'action-failed', title: 'Basecamp Companion', body: message });
    }
  };

  const first = windowApi.store.snapshot();
  tray = createTray(electron, {
    iconsDir: options.files.trayIcons,
    platform: options.platform,
    initial: trayModel(trayStatusOf(first)),
    onAction: (action) => void act(action),
    onClick: () => popup.toggle(),
  });

  // Keep the OS login item in step with the setting: at start (the OS entry may have been removed
  // or the app moved) and after changes made elsewhere (the CLI, another window).
  const syncLoginItem = (snapshot: Snapshot): void => {
    if (snapshot.settings.openAtLogin === appliedOpenAtLogin) return;
    try {
      applyOpenAtLogin(snapshot.settings.openAtLogin);
    } catch (error) {
      logger?.warn('Could not change open at login', { error: String(error) });
    }
  };
  syncLoginItem(first);

  const seenClients = new Set<string>();
  let previous: Snapshot | undefined;
  const follow = (snapshot: Snapshot): void => {
    tray?.update(trayModel(trayStatusOf(snapshot)));
    for (const notice of noticesBetween(previous, snapshot, seenClients)) notify(notice);
    previous = snapshot;
    syncLoginItem(snapshot);
  };
  follow(first);
  windowApi.store.subscribe(follow);
  // "Serving N clients" counts recent calls: look again now and then, even when nothing else changes.
  const idleCheck = setInterval(
    () => tray?.update(trayModel(trayStatusOf(windowApi.store.snapshot()))),
    60_000,
  );
  idleCheck.unref();

  try {
    await companion.start();
  } catch (error) {
    // The window and the tray show the server's state; the notification says what to do now.
    const message = error instanceof Error ? error.message : String(error);
    logger.error('The MCP server did not start', { error: message });
    notify({ kind: 'action-failed', title: 'The MCP endpoint did not start', body: message });
  }
  windowApi.store.refresh();

  return {
    companion,
    windowApi,
    popup,
    tray,
    channels: ipc.channels,
    act,
    dispose: () => {
      clearInterval(idleCheck);
      windowApi.close();
      tray?.destroy();
    },
  };
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
