import type { ContractHandlers, EventName, EventOf, EventSink } from '../../../src-shared/contract.ts';
import type { LogEntry } from '../../../src-shared/state.ts';
import type { Logger } from '../log/logger.ts';
import type { CompanionBackend } from './backend.ts';
import { UserFacingError } from './dispatch.ts';
import { createStateStore, type StateStore } from './store.ts';

/** Something a window (an IPC webContents, a dashboard SSE stream) can subscribe to. */
export interface ContractEvents {
  subscribe(sink: EventSink): () => void;
}

/** Every channel of the contract over the backend. Validation happens in `dispatch`, around these. */
export function createContractHandlers(backend: CompanionBackend, store: StateStore): ContractHandlers {
  let signingIn: AbortController | undefined;

  return {
    'snapshot:get': async () => store.snapshot(),

    'auth:sign-in': async ({ accountId }) => {
      if (signingIn) {
        throw new UserFacingError(
          'A sign-in is already in progress. Finish it in your browser, or cancel it first.',
        );
      }
      const controller = new AbortController();
      signingIn = controller;
      store.setSignInProgress({ step: 'starting', message: 'Starting sign-in…' });
      try {
        await backend.signIn(
          (progress) => store.setSignInProgress(progress),
          controller.signal,
          accountId === undefined ? {} : { accountId },
        );
        return { outcome: 'signed-in' as const, message: 'Signed in to Basecamp.' };
      } catch (error) {
        if (controller.signal.aborted) {
          store.setSignInProgress({ step: 'cancelled', message: 'Sign-in cancelled.' });
          return { outcome: 'cancelled' as const, message: 'Sign-in cancelled.' };
        }
        const message = error instanceof Error && error.message ? error.message : 'Sign-in failed.';
        store.setSignInProgress({ step: 'failed', message });
        return { outcome: 'failed' as const, message };
      } finally {
        signingIn = undefined;
        store.setSignInProgress(undefined);
      }
    },

    'auth:cancel-sign-in': async () => {
      if (!signingIn) return { cancelled: false };
      signingIn.abort(new Error('Sign-in cancelled.'));
      return { cancelled: true };
    },

    'auth:sign-out': async () => {
      await backend.signOut();
      return { ok: true as const };
    },

    'auth:select-account': async ({ accountId }) => {
      const known = store.snapshot().auth.accounts.some((account) => account.id === accountId);
      if (!known)
        throw new UserFacingError(
          `There is no Basecamp account ${accountId} for this sign-in. Pick one from the list.`,
          'invalid-request',
        );
      await backend.selectAccount(accountId);
      return { ok: true as const };
    },

    'auth:set-app-credentials': async (credentials) => {
      await backend.setAppCredentials(credentials);
      return { ok: true as const };
    },

    'clients:list': async () => ({ clients: store.snapshot().clients }),

    'clients:revoke': async ({ name }) => {
      const client = store.snapshot().clients.find((entry) => entry.name === name);
      if (!client)
        throw new UserFacingError(
          `No client is called "${name}". Refresh the list and try again.`,
          'invalid-request',
        );
      await backend.revokeClient(name);
      return { ok: true as const };
    },

    'clients:configure': async ({ kind, project }) =>
      backend.configureClient(kind, project === undefined ? {} : { project }),
    'clients:remove': async ({ kind, project }) =>
      backend.removeClient(kind, project === undefined ? {} : { project }),

    'logs:tail': async ({ sinceSeq, limit }) => {
      const entries = backend.logs(sinceSeq, limit);
      const lastSeq = Math.max(sinceSeq, entries.at(-1)?.seq ?? 0, store.snapshot().lastLogSeq);
      return { entries, lastSeq };
    },

    'settings:get': async () => backend.getSettings(),
    'settings:update': async (patch) => backend.updateSettings(patch),

    'mcp:connection-info': async () => ({
      ...backend.connectionInfo(),
      transport: 'streamable-http' as const,
    }),
  };
}

/** The events a window follows: whole snapshots, sign-in progress, and new log entries in small batches. */
export function createContractEvents(backend: CompanionBackend, store: StateStore): ContractEvents {
  return {
    subscribe(sink) {
      const send = <E extends EventName>(event: E, payload: EventOf<E>): void => {
        try {
          sink(event, payload);
        } catch {
          // a window that went away must not break the others
        }
      };
      let pending: LogEntry[] = [];
      const flush = (): void => {
        const entries = pending;
        pending = [];
        if (entries.length) send('logs:appended', { entries });
      };
      const stops = [
        store.subscribe((snapshot) => send('snapshot:changed', snapshot)),
        store.onProgress((progress) => send('auth:progress', progress)),
        backend.onLog((entry) => {
          if (pending.push(entry) === 1) queueMicrotask(flush);
        }),
      ];
      return () => {
        for (const stop of stops) stop();
      };
    },
  };
}

export interface WindowApi {
  store: StateStore;
  handlers: ContractHandlers;
  events: ContractEvents;
  close(): void;
}

/** Everything a window surface (the Electron shell, the dashboard) needs, from one backend. */
export function createWindowApi(backend: CompanionBackend, logger?: Logger): WindowApi {
  const store = createStateStore(backend, logger);
  return {
    store,
    handlers: createContractHandlers(backend, store),
    events: createContractEvents(backend, store),
    close: () => store.close(),
  };
}
