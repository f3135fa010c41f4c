// Which native notifications a change of state deserves. Pure: the shell only shows what this returns.
import type { Snapshot } from '../../../src-shared/contract.ts';

export type NoticeKind =
  | 'sign-in-needed'
  | 'client-connected'
  /** The answer to something the user did from the tray menu. */
  | 'action-done'
  | 'action-failed';

export interface Notice {
  kind: NoticeKind;
  title: string;
  body: string;
}

/**
 * Compare two snapshots: notify when a working sign-in stops working (the user must act), and the
 * first time each client connects in this run (`seen` remembers them across calls).
 */
export function noticesBetween(previous: Snapshot | undefined, next: Snapshot, seen: Set<string>): Notice[] {
  const notices: Notice[] = [];
  const wasNeeding = previous?.auth.state === 'needs-sign-in';
  if (next.auth.state === 'needs-sign-in' && !wasNeeding) {
    notices.push({
      kind: 'sign-in-needed',
      title: 'Sign in to Basecamp again',
      body:
        next.auth.problem ??
        'Your Basecamp sign-in expired. AI tools cannot reach Basecamp until you sign in again.',
    });
  }
  for (const client of next.clients) {
    if (client.status !== 'connected' || seen.has(client.name)) continue;
    seen.add(client.name);
    // Clients already connected when the app started are not news.
    if (!previous) continue;
    const info = client.clientInfo
      ? ` (${client.clientInfo.name}${client.clientInfo.version ? ` ${client.clientInfo.version}` : ''})`
      : '';
    notices.push({
      kind: 'client-connected',
      title: `${client.label} connected`,
      body: `${client.label}${info} is now using Basecamp through the companion.`,
    });
  }
  return notices;
}
