// What the tray shows for a given state: which icon, which tooltip, which menu. Pure, so the shell
// only maps it onto Electron's Tray and Menu and every rule is tested here.
import type { Snapshot } from '../../../src-shared/contract.ts';

export type TrayIconState = 'signed-out' | 'connected' | 'serving' | 'error';

export const TRAY_ICON_STATES: readonly TrayIconState[] = ['signed-out', 'connected', 'serving', 'error'];

export interface TrayStatus {
  auth: 'signed-out' | 'signing-in' | 'signed-in' | 'needs-sign-in' | 'error';
  /** Who is signed in, e.g. "Ada Lovelace · Acme". */
  accountLabel?: string;
  server: 'stopped' | 'starting' | 'running' | 'error';
  /** The local MCP endpoint, when it is listening. */
  mcpUrl?: string;
  /** AI clients that made a call recently. */
  activeClients: number;
  /** A short, user-facing reason when something is wrong (no secrets: it comes from the snapshot). */
  problem?: string;
  openAtLogin: boolean;
}

export type TrayAction =
  | 'open'
  | 'sign-in'
  | 'cancel-sign-in'
  | 'sign-out'
  | 'copy-mcp-url'
  | 'configure-cursor'
  | 'toggle-open-at-login'
  | 'quit';

export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'label'; label: string }
  | { type: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { type: 'checkbox'; action: TrayAction; label: string; checked: boolean };

export interface TrayModel {
  icon: TrayIconState;
  tooltip: string;
  menu: TrayMenuItem[];
}

const PRODUCT = 'Basecamp Companion';

export function trayIconState(status: TrayStatus): TrayIconState {
  if (status.auth === 'error' || status.auth === 'needs-sign-in' || status.server === 'error') return 'error';
  if (status.auth !== 'signed-in') return 'signed-out';
  return status.activeClients > 0 ? 'serving' : 'connected';
}

function statusLine(status: TrayStatus, icon: TrayIconState): string {
  if (status.server === 'error') return status.problem ?? 'The MCP server stopped';
  if (status.auth === 'needs-sign-in') return 'Sign in again to keep Basecamp connected';
  if (status.auth === 'error') return status.problem ?? 'Sign-in failed';
  if (status.auth === 'signing-in') return 'Signing in… finish in your browser';
  if (status.auth === 'signed-out') return 'Not signed in';
  const who = status.accountLabel ? `Connected as ${status.accountLabel}` : 'Connected';
  if (icon === 'serving')
    return `${who} · serving ${status.activeClients} ${status.activeClients === 1 ? 'client' : 'clients'}`;
  return who;
}

export function trayModel(status: TrayStatus): TrayModel {
  const icon = trayIconState(status);
  const line = statusLine(status, icon);
  const signIn: TrayMenuItem =
    status.auth === 'signed-in'
      ? { type: 'action', action: 'sign-out', label: 'Sign out', enabled: true }
      : status.auth === 'signing-in'
        ? { type: 'action', action: 'cancel-sign-in', label: 'Cancel sign-in', enabled: true }
        : { type: 'action', action: 'sign-in', label: 'Sign in to Basecamp…', enabled: true };
  const serverUp = status.server === 'running' && !!status.mcpUrl;
  return {
    icon,
    tooltip: `${PRODUCT} — ${line}`,
    menu: [
      { type: 'label', label: line },
      { type: 'separator' },
      { type: 'action', action: 'open', label: `Open ${PRODUCT}`, enabled: true },
      signIn,
      { type: 'separator' },
      { type: 'action', action: 'copy-mcp-url', label: 'Copy MCP URL', enabled: serverUp },
      { type: 'action', action: 'configure-cursor', label: 'Configure Cursor', enabled: serverUp },
      { type: 'separator' },
      {
        type: 'checkbox',
        action: 'toggle-open-at-login',
        label: 'Open at login',
        checked: status.openAtLogin,
      },
      { type: 'action', action: 'quit', label: `Quit ${PRODUCT}`, enabled: true },
    ],
  };
}

/** A client counts as being served while its last call is this recent. */
export const ACTIVE_CLIENT_MS = 5 * 60_000;

/** The tray's view of the window snapshot at a moment (`now`, for "serving N clients"). */
export function trayStatusOf(snapshot: Snapshot, now: number = Date.now()): TrayStatus {
  const account = snapshot.auth.accounts.find((entry) => entry.id === snapshot.auth.selectedAccountId);
  const who = [snapshot.auth.identity?.name, account?.name].filter(Boolean).join(' · ');
  const problem = snapshot.server.state === 'error' ? snapshot.server.problem : snapshot.auth.problem;
  return {
    auth: snapshot.auth.state,
    ...(who ? { accountLabel: who } : {}),
    server: snapshot.server.state,
    ...(snapshot.server.url ? { mcpUrl: snapshot.server.url } : {}),
    activeClients: snapshot.clients.filter(
      (client) =>
        client.status === 'connected' &&
        client.lastSeenAt !== undefined &&
        now - Date.parse(client.lastSeenAt) < ACTIVE_CLIENT_MS,
    ).length,
    ...(problem ? { problem } : {}),
    openAtLogin: snapshot.settings.openAtLogin,
  };
}
