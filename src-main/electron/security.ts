// The shell's security settings in one place (Electron's security checklist): locked-down web
// preferences for every window, no navigation, no new windows, no webviews, no permissions.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { SessionLike, WebContentsLike } from './electron-api.ts';

/** The only origin our window is ever loaded from (served by the app:// protocol handler). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'companion';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Web preferences for every window the shell creates. */
export function secureWebPreferences(
  preload: string,
  devTools: boolean,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

/** True for a URL of our own bundle (app://companion/…). `new URL().origin` is "null" for custom schemes. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Applied to every web contents as it is created: the window never navigates away from the bundle,
 * never opens windows, never attaches webviews. Links meant for the browser go through main's gate.
 */
export function hardenWebContents(contents: WebContentsLike): void {
  contents.on('will-navigate', (event) => {
    // The bundle is a single page; reloads of our own entry are the only navigation allowed.
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * The one permission any page gets: our own window may write (sanitized) text to the clipboard, for
 * the Logs panel's Copy. No camera, microphone, notifications (they come from main), clipboard reads…
 */
export function isPermissionAllowed(permission: string, url: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(url);
}

export function restrictPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, origin) =>
    isPermissionAllowed(permission, origin),
  );
  session.setDevicePermissionHandler(() => false);
}
