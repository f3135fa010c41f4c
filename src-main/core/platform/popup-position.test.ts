import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centred, isNativeWayland, popupPosition } from './popup-position.ts';

const window = { width: 360, height: 520 };

test('macOS menu bar: the popup hangs just below the icon, centred on it', () => {
  const workArea = { x: 0, y: 25, width: 1440, height: 875 };
  const trayBounds = { x: 1200, y: 0, width: 22, height: 24 };
  assert.deepEqual(popupPosition({ trayBounds, workArea, window }), { x: 1031, y: 29 });
});

test('an icon near the right edge keeps the popup inside the work area', () => {
  const workArea = { x: 0, y: 25, width: 1440, height: 875 };
  const trayBounds = { x: 1410, y: 0, width: 22, height: 24 };
  const position = popupPosition({ trayBounds, workArea, window });
  assert.equal(position?.x, 1440 - 360);
});

test('Windows taskbar at the bottom: the popup sits above the taskbar, under the icon', () => {
  const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
  const trayBounds = { x: 1700, y: 1044, width: 24, height: 32 };
  assert.deepEqual(popupPosition({ trayBounds, workArea, window }), { x: 1532, y: 1040 - 520 - 4 });
});

test('Windows taskbar on the right edge: the popup sits left of it, level with the icon', () => {
  const workArea = { x: 0, y: 0, width: 1860, height: 1080 };
  const trayBounds = { x: 1880, y: 900, width: 24, height: 24 };
  assert.deepEqual(popupPosition({ trayBounds, workArea, window }), { x: 1860 - 360 - 4, y: 1080 - 520 });
});

test('Windows taskbar on the left edge: the popup sits right of it', () => {
  const workArea = { x: 60, y: 0, width: 1860, height: 1080 };
  const trayBounds = { x: 18, y: 300, width: 24, height: 24 };
  assert.deepEqual(popupPosition({ trayBounds, workArea, window }), { x: 64, y: 52 });
});

test('a second display with negative coordinates is respected', () => {
  const workArea = { x: -1920, y: 23, width: 1920, height: 1057 };
  const trayBounds = { x: -300, y: 0, width: 22, height: 22 };
  assert.deepEqual(popupPosition({ trayBounds, workArea, window }), { x: -469, y: 27 });
});

test('without tray bounds (Linux) the popup is centred on the work area', () => {
  const workArea = { x: 0, y: 32, width: 1920, height: 1048 };
  assert.deepEqual(popupPosition({ trayBounds: null, workArea, window }), { x: 780, y: 296 });
  assert.deepEqual(popupPosition({ trayBounds: { x: 0, y: 0, width: 0, height: 0 }, workArea, window }), {
    x: 780,
    y: 296,
  });
});

test('a window larger than the work area starts at its top-left corner instead of off screen', () => {
  const workArea = { x: 0, y: 0, width: 300, height: 400 };
  const trayBounds = { x: 280, y: 0, width: 20, height: 20 };
  assert.deepEqual(popupPosition({ trayBounds, workArea, window }), { x: 0, y: 0 });
  assert.deepEqual(centred({ x: 10, y: 10, width: 360, height: 520 }, window), { x: 10, y: 10 });
});

test('under native Wayland no position is computed: the compositor places the window', () => {
  const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
  assert.equal(popupPosition({ trayBounds: null, workArea, window, wayland: true }), null);
});

test('Wayland detection honours the session type and an explicit --ozone-platform', () => {
  assert.equal(isNativeWayland({ XDG_SESSION_TYPE: 'wayland' }, [], 'linux'), true);
  assert.equal(isNativeWayland({ XDG_SESSION_TYPE: 'wayland' }, ['--ozone-platform=x11'], 'linux'), false);
  assert.equal(isNativeWayland({ XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, [], 'linux'), false);
  assert.equal(isNativeWayland({ WAYLAND_DISPLAY: 'wayland-0' }, [], 'linux'), true);
  assert.equal(isNativeWayland({ XDG_SESSION_TYPE: 'wayland' }, [], 'darwin'), false);
});
