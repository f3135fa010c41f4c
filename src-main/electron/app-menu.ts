// The application menu. Electron's default one brings Reload (Ctrl+R), zoom (Ctrl+=/-) and DevTools
// shortcuts to the frameless popup on Windows and Linux: there the app has no menu at all. On macOS the
// text fields' copy, paste and undo shortcuts come from the Edit menu's roles, so keep a minimal one
// (not shown: the app is a menu-bar agent, LSUIElement, but its key equivalents still work).
import type { MenuItemConstructorOptions } from 'electron';
import type { ShellElectron } from './electron-api.ts';

export function applicationMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  // appMenu carries Quit (Cmd+Q) and Hide; editMenu carries undo/redo, cut/copy/paste and select all.
  return [{ role: 'appMenu' }, { role: 'editMenu' }];
}

export function installApplicationMenu(
  electron: Pick<ShellElectron, 'Menu'>,
  platform: NodeJS.Platform,
): void {
  const template = applicationMenuTemplate(platform);
  electron.Menu.setApplicationMenu(template ? electron.Menu.buildFromTemplate(template) : null);
}
