import { useSyncExternalStore } from 'react';
import {
  ContractError,
  type ChannelName,
  type LogEntryView,
  type RequestInput,
  type ResponseOf,
  type SignInProgress,
  type Snapshot,
} from '../src-shared/contract.ts';
import type { ConnectionState, Transport } from './transport/transport.ts';

const LOG_LIMIT = 2000;

export interface Notice {
  id: number;
  tone: 'info' | 'success' | 'error';
  text: string;
}

export interface WindowState {
  phase: 'loading' | 'ready' | 'unavailable';
  snapshot?: Snapshot;
  problem?: string;
  logs: LogEntryView[];
  connection: ConnectionState;
  progress?: SignInProgress;
  notices: Notice[];
}

type Expected<C extends ChannelName> = (snapshot: Snapshot, request: RequestInput<C>) => Snapshot;

/**
 * Changes whose outcome the window can foresee, shown at once (same rev) so a switch or a radio
 * button does not snap back while main works; main's next snapshot replaces the guess, and a
 * failure reloads the truth.
 */
const expected: { [C in ChannelName]?: Expected<C> } = {
  'settings:update': (snapshot, patch) => ({ ...snapshot, settings: { ...snapshot.settings, ...patch } }),
  'auth:select-account': (snapshot, request) => ({
    ...snapshot,
    auth: { ...snapshot.auth, selectedAccountId: request.accountId },
  }),
};

/** The window's mirror of main's state: one snapshot, then change events; logs tailed once, then appended. */
export function createWindowStore(transport: Transport) {
  let state: WindowState = { phase: 'loading', logs: [], connection: 'open', notices: [] };
  const listeners = new Set<() => void>();
  let noticeId = 0;

  const set = (change: Partial<WindowState>): void => {
    state = { ...state, ...change };
    for (const listener of listeners) listener();
  };

  const appendLogs = (entries: LogEntryView[]): void => {
    const lastSeq = state.logs.at(-1)?.seq ?? 0;
    const fresh = entries.filter((entry) => entry.seq > lastSeq);
    if (!fresh.length) return;
    const logs = state.logs.concat(fresh);
    set({ logs: logs.length > LOG_LIMIT ? logs.slice(-LOG_LIMIT) : logs });
  };

  /** `fresh` after a reconnect: main may have restarted, so its rev may have begun again. */
  const load = async (fresh = false): Promise<void> => {
    try {
      const snapshot = await transport.call('snapshot:get', {});
      if (fresh || !state.snapshot || snapshot.rev >= state.snapshot.rev) set({ snapshot });
      set({ phase: 'ready', problem: undefined });
      const tail = await transport.call('logs:tail', { sinceSeq: state.logs.at(-1)?.seq ?? 0 });
      appendLogs(tail.entries);
    } catch (error) {
      set({ phase: state.snapshot ? 'ready' : 'unavailable', problem: messageOf(error) });
    }
  };

  const notify = (tone: Notice['tone'], text: string): void => {
    const notice = { id: ++noticeId, tone, text };
    // One at a time: a newer message replaces the older one instead of stacking over the panel.
    set({ notices: [notice] });
    // An error often says what to do next: it stays until dismissed (or replaced). The rest fade.
    if (tone !== 'error') setTimeout(() => dismiss(notice.id), 3500);
  };
  const dismiss = (id: number): void => set({ notices: state.notices.filter((notice) => notice.id !== id) });

  transport.on('snapshot:changed', (snapshot) => {
    if (!state.snapshot || snapshot.rev > state.snapshot.rev) set({ snapshot, phase: 'ready' });
  });
  transport.on('logs:appended', ({ entries }) => appendLogs(entries));
  transport.on('auth:progress', (progress) => set({ progress }));
  transport.onConnection((connection) => {
    set({ connection });
    // Something may have happened while we were away (or main restarted and its rev began again).
    if (connection === 'open') void load(true);
  });

  /** Call a channel; failures become a notice (and undefined), so every button handles errors the same way. */
  async function act<C extends ChannelName>(
    channel: C,
    request: RequestInput<C>,
  ): Promise<ResponseOf<C> | undefined> {
    const guess = expected[channel] as Expected<C> | undefined;
    if (guess && state.snapshot) set({ snapshot: guess(state.snapshot, request) });
    try {
      return await transport.call(channel, request);
    } catch (error) {
      notify('error', messageOf(error));
      if (guess) void load(true);
      return undefined;
    }
  }

  return {
    get: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load: () => load(),
    act,
    notify,
    dismiss,
    clearProgress: () => set({ progress: undefined }),
    /** Show a failed sign-in in the Account panel's banner now, not only when main's progress event lands. */
    showProgress: (progress: SignInProgress) => set({ progress }),
  };
}

export type WindowStore = ReturnType<typeof createWindowStore>;

export function useWindowState(store: WindowStore): WindowState {
  return useSyncExternalStore(store.subscribe, store.get);
}

function messageOf(error: unknown): string {
  if (error instanceof ContractError) return error.message;
  return error instanceof Error ? error.message : 'Something went wrong.';
}
