import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trayIconState, trayModel, trayStatusOf, type TrayAction, type TrayStatus } from './tray-model.ts';
import { sampleClient, sampleSnapshot } from './testing.ts';

const base: TrayStatus = {
  auth: 'signed-in',
  accountLabel: 'Ada · Acme',
  server: 'running',
  mcpUrl: 'http://127.0.0.1:3917/mcp',
  activeClients: 0,
  openAtLogin: false,
};

function actions(
  status: TrayStatus,
): Map<TrayAction, { label: string; enabled?: boolean; checked?: boolean }> {
  const found = new Map<TrayAction, { label: string; enabled?: boolean; checked?: boolean }>();
  for (const item of trayModel(status).menu)
    if (item.type === 'action' || item.type === 'checkbox') found.set(item.action, item);
  return found;
}

test('the icon follows the four states: signed out, connected, serving N clients, error', () => {
  assert.equal(trayIconState({ ...base, auth: 'signed-out' }), 'signed-out');
  assert.equal(trayIconState({ ...base, auth: 'signing-in' }), 'signed-out');
  assert.equal(trayIconState(base), 'connected');
  assert.equal(trayIconState({ ...base, activeClients: 2 }), 'serving');
  assert.equal(trayIconState({ ...base, auth: 'needs-sign-in' }), 'error');
  assert.equal(trayIconState({ ...base, server: 'error' }), 'error');
  assert.equal(trayIconState({ ...base, auth: 'error', activeClients: 3 }), 'error');
});

test('the tooltip says who is connected and how many clients are served', () => {
  assert.equal(trayModel(base).tooltip, 'Basecamp Companion — Connected as Ada · Acme');
  assert.equal(
    trayModel({ ...base, activeClients: 1 }).tooltip,
    'Basecamp Companion — Connected as Ada · Acme · serving 1 client',
  );
  assert.match(trayModel({ ...base, activeClients: 3 }).tooltip, /serving 3 clients$/);
  assert.match(
    trayModel({ ...base, server: 'error', problem: 'Port 3917 is in use' }).tooltip,
    /Port 3917 is in use/,
  );
  assert.match(trayModel({ ...base, auth: 'needs-sign-in' }).tooltip, /Sign in again/);
});

test('the menu always has Open and Quit, and Sign in/out matches the state', () => {
  const signedIn = actions(base);
  assert.ok(signedIn.has('open') && signedIn.has('quit'));
  assert.equal(signedIn.get('sign-out')?.label, 'Sign out');
  assert.equal(signedIn.has('sign-in'), false);

  const signedOut = actions({ ...base, auth: 'signed-out' });
  assert.ok(signedOut.has('sign-in') && signedOut.has('open') && signedOut.has('quit'));
  assert.equal(signedOut.has('sign-out'), false);

  assert.ok(actions({ ...base, auth: 'signing-in' }).has('cancel-sign-in'));
  assert.ok(actions({ ...base, auth: 'needs-sign-in' }).has('sign-in'));
});

test('Copy MCP URL and Configure Cursor are offered only while the server listens', () => {
  assert.equal(actions(base).get('copy-mcp-url')?.enabled, true);
  assert.equal(actions(base).get('configure-cursor')?.enabled, true);
  const stopped = actions({ ...base, server: 'stopped', mcpUrl: undefined });
  assert.equal(stopped.get('copy-mcp-url')?.enabled, false);
  assert.equal(stopped.get('configure-cursor')?.enabled, false);
});

test('Open at login is a checkbox showing the current setting', () => {
  assert.equal(actions(base).get('toggle-open-at-login')?.checked, false);
  assert.equal(actions({ ...base, openAtLogin: true }).get('toggle-open-at-login')?.checked, true);
});

test('the tray reads its status from the window snapshot', () => {
  const status = trayStatusOf(
    sampleSnapshot((s) => {
      s.clients.push(sampleClient('cursor', 'connected'), sampleClient('zed', 'configured'));
      s.settings.openAtLogin = true;
    }),
  );
  assert.deepEqual(status, {
    auth: 'signed-in',
    accountLabel: 'Ada Lovelace · Acme',
    server: 'running',
    mcpUrl: 'http://127.0.0.1:3917/mcp',
    activeClients: 1,
    openAtLogin: true,
  });
  // Connected once, but quiet for longer than the active window: not "serving".
  const now = Date.parse('2026-12-03T12:00:00Z');
  const idle = sampleSnapshot((s) => {
    s.clients.push(
      sampleClient('cursor', 'connected', '2026-12-03T11:50:00Z'),
      sampleClient('zed', 'connected', '2026-12-03T11:58:00Z'),
    );
  });
  assert.equal(trayStatusOf(idle, now).activeClients, 1);
  assert.equal(trayStatusOf(idle, now + 10 * 60_000).activeClients, 0);
  assert.equal(trayModel(trayStatusOf(idle, now + 10 * 60_000)).icon, 'connected');

  const broken = trayStatusOf(
    sampleSnapshot((s) => {
      s.server = { state: 'error', problem: 'Port 3917 is already in use.' };
    }),
  );
  assert.equal(broken.problem, 'Port 3917 is already in use.');
  assert.equal(trayModel(broken).icon, 'error');
});
