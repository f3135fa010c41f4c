// Where the tray popup goes. Pure geometry so every platform's rule is tested without a screen.

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface PopupPlacement {
  /** The tray icon's bounds as the OS reports them; null or empty where it does not (Linux). */
  trayBounds: Rect | null;
  /** The usable area of the display the tray (or the cursor) is on: screen minus menu bar and taskbar. */
  workArea: Rect;
  window: Size;
  /** Under native Wayland the compositor places windows; setPosition does nothing there. */
  wayland?: boolean;
}

/** Space between the tray icon and the popup, so the popup does not touch the bar. */
const GAP = 4;

function clamp(value: number, low: number, high: number): number {
  // A window wider than the work area starts at its left edge rather than off screen.
  return Math.max(low, Math.min(value, Math.max(low, high)));
}

function hasArea(rect: Rect | null): rect is Rect {
  return rect !== null && rect.width > 0 && rect.height > 0;
}

/** The centre of the work area: the place for a popup when nothing tells us where the tray is. */
export function centred(workArea: Rect, window: Size): Point {
  return {
    x: Math.round(workArea.x + (workArea.width - window.width) / 2),
    y: Math.round(workArea.y + (workArea.height - window.height) / 2),
  };
}

/**
 * The popup's top-left corner: next to the tray icon on the side facing the work area when the OS
 * reports the icon's bounds (macOS menu bar, Windows taskbar on any edge), centred otherwise.
 * Returns null under Wayland, where the compositor decides and positioning must be skipped.
 */
export function popupPosition({
  trayBounds,
  workArea,
  window,
  wayland = false,
}: PopupPlacement): Point | null {
  if (wayland) return null;
  if (!hasArea(trayBounds)) return centred(workArea, window);

  const maxX = workArea.x + workArea.width - window.width;
  const maxY = workArea.y + workArea.height - window.height;
  const trayCentreX = trayBounds.x + trayBounds.width / 2;
  const trayCentreY = trayBounds.y + trayBounds.height / 2;
  const right = workArea.x + workArea.width;
  const bottom = workArea.y + workArea.height;

  // A taskbar on the left or right edge (Windows): the icon lies outside the work area sideways.
  if (trayBounds.x >= right || trayBounds.x + trayBounds.width <= workArea.x) {
    const x = trayBounds.x >= right ? right - window.width - GAP : workArea.x + GAP;
    return {
      x: Math.round(clamp(x, workArea.x, maxX)),
      y: Math.round(clamp(trayCentreY - window.height / 2, workArea.y, maxY)),
    };
  }

  const x = Math.round(clamp(trayCentreX - window.width / 2, workArea.x, maxX));
  // Top bar (macOS, some Linux panels): below the icon. Bottom taskbar (Windows default): above it.
  const atTop = trayCentreY < workArea.y + workArea.height / 2;
  const y = atTop
    ? Math.max(trayBounds.y + trayBounds.height, workArea.y) + GAP
    : Math.min(trayBounds.y, bottom) - window.height - GAP;
  return { x, y: Math.round(clamp(y, workArea.y, maxY)) };
}

/** True when Electron runs as a native Wayland client (the default on Linux since Electron 38). */
export function isNativeWayland(
  env: NodeJS.ProcessEnv,
  argv: readonly string[],
  platform: NodeJS.Platform,
): boolean {
  if (platform !== 'linux') return false;
  if (argv.some((arg) => arg === '--ozone-platform=x11')) return false;
  if (argv.some((arg) => arg === '--ozone-platform=wayland')) return true;
  return env.XDG_SESSION_TYPE === 'wayland' || (!!env.WAYLAND_DISPLAY && !env.DISPLAY);
}
