// The tray icon: one long-lived Tray (garbage collection would remove it), its image and menu
// rebuilt from the core's tray model on every change.
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayIconState, TrayMenuItem, TrayModel } from '../core/platform/tray-model.ts';
import type { Rect } from '../core/platform/popup-position.ts';
import type { ShellElectron, TrayLike } from './electron-api.ts';

/** The icon file per OS: macOS template images (black + alpha), a Windows .ico, Linux PNGs. */
export function trayIconFile(iconsDir: string, state: TrayIconState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return path.join(iconsDir, `tray-${state}Template.png`);
  if (platform === 'win32') return path.join(iconsDir, `tray-${state}.ico`);
  return path.join(iconsDir, `tray-${state}.png`);
}

export function menuTemplate(
  items: readonly TrayMenuItem[],
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'checkbox':
        return {
          type: 'checkbox',
          label: item.label,
          checked: item.checked,
          click: () => onAction(item.action),
        };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
    }
  });
}

export interface TrayController {
  readonly tray: TrayLike;
  update(model: TrayModel): void;
  /** The icon's bounds where the OS reports them (macOS, Windows); null on Linux. */
  bounds(): Rect | null;
  destroy(): void;
}

export function createTray(
  electron: Pick<ShellElectron, 'Tray' | 'Menu'>,
  options: {
    iconsDir: string;
    platform: NodeJS.Platform;
    initial: TrayModel;
    onAction: (action: TrayAction) => void;
    /** A click on the icon itself (where the desktop reports one): open or close the popup. */
    onClick: () => void;
  },
): TrayController {
  const image = (state: TrayIconState) => trayIconFile(options.iconsDir, state, options.platform);
  const tray = new electron.Tray(image(options.initial.icon));
  let icon = options.initial.icon;
  let menu = electron.Menu.buildFromTemplate(menuTemplate(options.initial.menu, options.onAction));
  const mac = options.platform === 'darwin';

  if (mac) {
    // On macOS a context menu would swallow the left click; show it on right click only.
    tray.setIgnoreDoubleClickEvents(true);
    tray.on('right-click', () => tray.popUpContextMenu(menu));
  } else {
    // Linux desktops may never deliver "click": the menu must always be there.
    tray.setContextMenu(menu);
  }
  tray.on('click', () => options.onClick());
  tray.setToolTip(options.initial.tooltip);

  return {
    tray,
    update(model) {
      if (model.icon !== icon) {
        icon = model.icon;
        tray.setImage(image(icon));
      }
      tray.setToolTip(model.tooltip);
      menu = electron.Menu.buildFromTemplate(menuTemplate(model.menu, options.onAction));
      // Linux only picks up menu changes when the menu is set again.
      if (!mac) tray.setContextMenu(menu);
    },
    bounds() {
      if (options.platform === 'linux') return null;
      const rect = tray.getBounds();
      return rect.width > 0 && rect.height > 0 ? rect : null;
    },
    destroy: () => tray.destroy(),
  };
}
