// Open at login: Electron's login items on macOS and Windows, an XDG autostart entry on Linux.
import {
  LOGIN_ARG,
  autostartProgram,
  isLinuxAutostartEnabled,
  setLinuxAutostart,
} from '../core/platform/autostart-linux.ts';
import type { AppLike } from './electron-api.ts';

export interface LoginItemContext {
  app: Pick<AppLike, 'setLoginItemSettings' | 'getLoginItemSettings'>;
  platform: NodeJS.Platform;
  appId: string;
  productName: string;
  execPath: string;
  env: NodeJS.ProcessEnv;
  /** Unpackaged (development): the executable is the bare Electron binary, which needs the app folder. */
  packaged: boolean;
  /** app.getAppPath(): what the Electron binary is given in development. */
  appPath: string;
  icon?: string;
}

/** What the OS made of the request. */
export type LoginItemOutcome =
  | { state: 'applied' }
  /** macOS 13+: registered, but the user has to allow it in System Settings › General › Login Items. */
  | { state: 'requires-approval' }
  /** Not registered, for the reason given (said to the user as it is). */
  | { state: 'not-applied'; reason: string };

export const DEVELOPMENT_MAC_REASON =
  'Open at login is not registered in development on macOS: the login item would start the bare Electron app, not the companion. It works in the packaged app.';

/**
 * The arguments the OS starts us with. In development the Electron binary needs the app folder first
 * (as the stdio bridge command does); Windows wants paths quoted in login item args.
 */
export function loginArgs(context: Pick<LoginItemContext, 'packaged' | 'appPath' | 'platform'>): string[] {
  if (context.packaged) return [LOGIN_ARG];
  const appPath = context.platform === 'win32' ? `"${context.appPath}"` : context.appPath;
  return [appPath, LOGIN_ARG];
}

export function setOpenAtLogin(enabled: boolean, context: LoginItemContext): LoginItemOutcome {
  if (context.platform === 'linux') {
    setLinuxAutostart(enabled, {
      appId: context.appId,
      name: context.productName,
      exec: autostartProgram(context.env, context.execPath),
      args: loginArgs(context),
      comment: 'Connects your AI tools to Basecamp',
      env: context.env,
      ...(context.icon ? { icon: context.icon } : {}),
    });
    return { state: 'applied' };
  }
  // macOS login items start the bundle as it is, with no arguments: in development that is Electron.app.
  if (context.platform === 'darwin' && !context.packaged) {
    return enabled ? { state: 'not-applied', reason: DEVELOPMENT_MAC_REASON } : { state: 'applied' };
  }
  // `path` and `args` are used on Windows (and must be given again to read the item back).
  context.app.setLoginItemSettings({
    openAtLogin: enabled,
    path: context.execPath,
    args: loginArgs(context),
  });
  if (enabled && context.platform === 'darwin' && readBack(context).status === 'requires-approval')
    return { state: 'requires-approval' };
  return { state: 'applied' };
}

export function isOpenAtLogin(context: LoginItemContext): boolean {
  if (context.platform === 'linux')
    return isLinuxAutostartEnabled({ appId: context.appId, env: context.env });
  if (context.platform === 'darwin' && !context.packaged) return false;
  return readBack(context).openAtLogin;
}

/** Windows compares the registered command with these; without them a set item reads back as off. */
function readBack(context: LoginItemContext) {
  return context.app.getLoginItemSettings({ path: context.execPath, args: loginArgs(context) });
}

/** Started by the OS at login (then the app stays in the tray instead of opening its window). */
export function launchedAtLogin(
  argv: readonly string[],
  context: Pick<LoginItemContext, 'app' | 'platform'>,
): boolean {
  if (argv.includes(LOGIN_ARG)) return true;
  return context.platform === 'darwin' && context.app.getLoginItemSettings().wasOpenedAtLogin === true;
}
