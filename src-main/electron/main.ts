// The tray app's entry: hands the real Electron modules and the real core to the shell. Kept tiny;
// everything it calls is tested with fakes (shell.test.ts) or in the core.
import path from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  Notification,
  protocol,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import { createCompanion } from '../core/app.ts';
import { createCompanionBackend } from '../core/state/companion-backend.ts';
import type { ShellElectron } from './electron-api.ts';
import { APP_ID, PRODUCT_NAME } from './identity.ts';
import { startShell, type ShellCompanion, type ShellCompanionOptions } from './shell.ts';
import { isBridgeLaunch, prepareBridgeLaunch, runStdioBridge } from './stdio-bridge.ts';

const electron: ShellElectron = {
  app,
  BrowserWindow,
  Tray,
  Menu,
  Notification,
  screen,
  ipcMain,
  protocol,
  session,
  shell,
  clipboard,
  nativeTheme,
};

// The bundle lives in out/main; the preload and the window bundle are its siblings.
const out = path.join(import.meta.dirname, '..');
const resources = app.isPackaged ? process.resourcesPath : path.join(out, '..', 'assets');

/** The core, as the shell needs it. */
async function openCompanion(options: ShellCompanionOptions): Promise<ShellCompanion> {
  const companion = await createCompanion({
    dataDir: options.dataDir,
    sandbox: options.sandbox,
    openUrl: options.openExternal,
  });
  const backend = createCompanionBackend(companion, {
    surface: 'tray',
    bridge: options.bridge,
    setOpenAtLogin: options.setOpenAtLogin,
  });
  return {
    logger: companion.logger,
    backend,
    // The core knows which Launchpad it signs in with (the sandbox's, or the configured one).
    launchpadBase: companion.auth.status().launchpadUrl,
    start: async () => {
      await companion.startServer();
    },
    stop: () => companion.close(),
  };
}

if (isBridgeLaunch(process.argv)) {
  // A stdio client started us as its MCP server: relay, then exit; no tray, no lock, no window.
  // Chromium's files go to a folder of the bridge's own, set before anything else (see prepareBridgeLaunch).
  prepareBridgeLaunch(app, process.env, process.platform);
  void runStdioBridge({
    env: process.env,
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
  }).then(
    (code) => app.exit(code),
    (error: unknown) => {
      process.stderr.write(`The bridge stopped: ${error instanceof Error ? error.message : String(error)}\n`);
      app.exit(1);
    },
  );
} else {
  startShell(electron, {
    createCompanion: openCompanion,
    files: {
      preload: path.join(out, 'preload', 'preload.cjs'),
      renderer: path.join(out, 'renderer'),
      trayIcons: path.join(resources, 'tray'),
      appIcon: path.join(resources, app.isPackaged ? 'icon.png' : 'icons/256x256.png'),
    },
    appId: APP_ID,
    productName: PRODUCT_NAME,
    platform: process.platform,
    argv: process.argv,
    env: process.env,
    execPath: process.execPath,
    // Started from a launcher there is no terminal to read: say it in a dialog too.
    reportFatal: (message) => {
      process.stderr.write(message + '\n');
      dialog.showErrorBox('Basecamp Companion could not start', message);
    },
  });
}
