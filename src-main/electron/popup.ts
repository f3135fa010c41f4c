// The tray popup: one frameless, sandboxed window, created hidden, shown next to the tray (or centred),
// hidden again on blur and on close. It is never destroyed until quit (Wayland-safe, keeps state).
import type { BrowserWindowConstructorOptions } from 'electron';
import { popupPosition, type Rect } from '../core/platform/popup-position.ts';
import type { ShellElectron, WindowLike } from './electron-api.ts';
import { APP_ENTRY_URL, secureWebPreferences } from './security.ts';

export const POPUP_SIZE = { width: 380, height: 580 } as const;
/** A click on the tray icon blurs the popup just before toggling it; waiting a moment avoids a fight. */
const BLUR_HIDE_DELAY_MS = 120;

export interface PopupOptions {
  preload: string;
  devTools: boolean;
  /** Under native Wayland the compositor places windows; we skip positioning. */
  wayland: boolean;
  /** Reads the tray icon's bounds, where the OS reports them. */
  trayBounds: () => Rect | null;
  /** Set when the app is quitting, so close really closes. */
  isQuitting: () => boolean;
  /** A link the page tried to open in a new window (target=_blank); the window itself is always denied. */
  onOpenLink?: (url: string) => void;
  url?: string;
}

/** The window's own background (src-renderer/styles.css --bg), so it never flashes white or black. */
export const POPUP_BACKGROUND = { light: '#f7f6f3', dark: '#18191b' } as const;

export function popupWindowOptions(
  preload: string,
  devTools: boolean,
  dark = false,
): BrowserWindowConstructorOptions {
  return {
    ...POPUP_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    title: 'Basecamp Companion',
    backgroundColor: dark ? POPUP_BACKGROUND.dark : POPUP_BACKGROUND.light,
    webPreferences: secureWebPreferences(preload, devTools),
  };
}

export interface Popup {
  readonly window: WindowLike;
  show(): void;
  hide(): void;
  toggle(): void;
}

export function createPopup(
  electron: Pick<ShellElectron, 'BrowserWindow' | 'screen' | 'nativeTheme'>,
  options: PopupOptions,
): Popup {
  const window = new electron.BrowserWindow(
    popupWindowOptions(options.preload, options.devTools, electron.nativeTheme.shouldUseDarkColors),
  );
  let blurTimer: ReturnType<typeof setTimeout> | undefined;

  // Replaces the generic deny-all handler every web contents gets: still deny, but hand the link to main.
  window.webContents.setWindowOpenHandler(({ url }) => {
    options.onOpenLink?.(url);
    return { action: 'deny' };
  });
  void window.loadURL(options.url ?? APP_ENTRY_URL);

  const place = (): void => {
    const trayBounds = options.trayBounds();
    const display =
      trayBounds && trayBounds.width > 0
        ? electron.screen.getDisplayMatching(trayBounds)
        : electron.screen.getDisplayNearestPoint(electron.screen.getCursorScreenPoint());
    const [width = POPUP_SIZE.width, height = POPUP_SIZE.height] = window.getSize();
    const position = popupPosition({
      trayBounds,
      workArea: display.workArea,
      window: { width, height },
      wayland: options.wayland,
    });
    if (position) window.setPosition(position.x, position.y);
  };

  const show = (): void => {
    if (window.isDestroyed()) return;
    clearTimeout(blurTimer);
    place();
    window.show();
    window.focus();
  };
  const hide = (): void => {
    clearTimeout(blurTimer);
    if (!window.isDestroyed()) window.hide();
  };

  // Escape closes the popup, as it does a menu (the window has no title bar to close it with).
  window.webContents.on('before-input-event', (event, input) => {
    if (input.type === 'keyDown' && input.key === 'Escape' && !input.alt && !input.control && !input.meta) {
      event.preventDefault();
      hide();
    }
  });
  window.on('blur', () => {
    clearTimeout(blurTimer);
    blurTimer = setTimeout(hide, BLUR_HIDE_DELAY_MS);
  });
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    hide();
  });

  return {
    window,
    show,
    hide,
    // A tray click on a visible popup blurs it first; the delayed hide keeps it visible long
    // enough for this toggle to see it and close it, instead of reopening it.
    toggle: () => (window.isVisible() ? hide() : show()),
  };
}
