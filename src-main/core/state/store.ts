import {
  describeIssues,
  snapshotSchema,
  type SignInProgress,
  type Snapshot,
} from '../../../src-shared/contract.ts';
import type { Logger } from '../log/logger.ts';
import type { CompanionBackend } from './backend.ts';

export interface StateStore {
  /** The current snapshot; the window asks once, then follows `subscribe`. */
  snapshot(): Snapshot;
  /** Called with every new snapshot (strictly increasing `rev`). */
  subscribe(listener: (snapshot: Snapshot) => void): () => void;
  /** Called with every sign-in progress report. */
  onProgress(listener: (progress: SignInProgress) => void): () => void;
  /** Show a sign-in in progress (or clear it with undefined). */
  setSignInProgress(progress: SignInProgress | undefined): void;
  /** Recompute now instead of waiting for the backend's next change. */
  refresh(): void;
  close(): void;
}

/**
 * Main owns the state; windows mirror it. The store reads the backend, checks the result against the
 * contract (a snapshot that could carry a secret never leaves), and bumps `rev` only when something changed.
 * Bursts of changes (one per tool call) are coalesced into one snapshot per tick.
 */
export function createStateStore(backend: CompanionBackend, logger?: Logger): StateStore {
  const listeners = new Set<(snapshot: Snapshot) => void>();
  const progressListeners = new Set<(progress: SignInProgress) => void>();
  let progress: SignInProgress | undefined;
  let rev = 0;
  let current: Snapshot | undefined;
  let currentKey = '';
  let scheduled = false;
  let closed = false;

  const compute = (): Snapshot => {
    const body = backend.status();
    const auth = progress
      ? {
          ...body.auth,
          state: body.auth.state === 'signed-in' && progress.step === 'done' ? 'signed-in' : 'signing-in',
          progress,
        }
      : body.auth;
    const result = snapshotSchema.safeParse({ ...body, auth, rev: 0 });
    if (!result.success) {
      // A bug in the backend, not a user error: keep showing the last good state.
      logger?.error('The window state did not match the contract; keeping the last good one', {
        issues: describeIssues(result.error),
      });
      if (current) return current;
      throw new Error(`The window state did not match the contract: ${describeIssues(result.error)}`);
    }
    return result.data;
  };

  const update = (): void => {
    scheduled = false;
    if (closed) return;
    const next = compute();
    const key = JSON.stringify({ ...next, rev: 0 });
    if (current && key === currentKey) return;
    rev += 1;
    current = { ...next, rev };
    currentKey = key;
    for (const listener of listeners) listener(current);
  };

  const schedule = (): void => {
    if (scheduled || closed) return;
    scheduled = true;
    queueMicrotask(update);
  };

  const stop = backend.onChange(schedule);

  return {
    snapshot() {
      if (!current || scheduled) update();
      return current!;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    setSignInProgress(next) {
      progress = next;
      if (next) for (const listener of progressListeners) listener(next);
      schedule();
    },
    refresh: schedule,
    close() {
      closed = true;
      stop();
      listeners.clear();
      progressListeners.clear();
    },
  };
}
