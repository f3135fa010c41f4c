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
  icon?: string;
}

export function setOpenAtLogin(enabled: boolean, context: LoginItemContext): void {
  if (context.platform === 'linux') {
    setLinuxAutostart(enabled, {
      appId: context.appId,
      name: context.productName,
      exec: autostartProgram(context.env, context.execPath),
      args: [LOGIN_ARG],
      comment: 'Connects your AI tools to Basecamp',
      env: context.env,
      ...(context.icon ? { icon: context.icon } : {}),
    });
    return;
  }
  // `args` is used on Windows; macOS login items start the bundle as it is.
  context.app.setLoginItemSettings({ openAtLogin: enabled, args: [LOGIN_ARG] });
}

export function isOpenAtLogin(context: LoginItemContext): boolean {
  if (context.platform === 'linux')
    return isLinuxAutostartEnabled({ appId: context.appId, env: context.env });
  return context.app.getLoginItemSettings().openAtLogin;
}

/** Started by the OS at login (then the app stays in the tray instead of opening its window). */
export function launchedAtLogin(
  argv: readonly string[],
  context: Pick<LoginItemContext, 'app' | 'platform'>,
): boolean {
  if (argv.includes(LOGIN_ARG)) return true;
  return context.platform === 'darwin' && context.app.getLoginItemSettings().wasOpenedAtLogin === true;
}
