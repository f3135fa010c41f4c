// Keeps one account under Basecamp's request budget (about 50 per rolling 10 s) by queueing, never failing.
//
// A slot counts from the moment it is granted until windowMs after its response arrived. Basecamp sees a
// request somewhere between those two moments, so however the network jitters, no window on the server
// can ever hold more than `limit` requests.
//
// Waiters queue per lane (one lane per client, e.g. per MCP session) and lanes are served round-robin, so one
// long pagination cannot starve a single lookup from another client.

export interface GovernorOptions {
  /** Requests allowed per window (default 50). */
  limit?: number;
  /** The rolling window in milliseconds (default 10 000). */
  windowMs?: number;
  now?: () => number;
}

export interface GovernorSlot {
  /** How long the caller waited in the queue. */
  readonly queuedMs: number;
  /** Call when the response (or the failure) is in; the slot then ages out of the window. */
  release(): void;
}

export interface Governor {
  readonly limit: number;
  readonly windowMs: number;
  /** Wait for a slot. Rejects only when the signal aborts while waiting. */
  acquire(options?: { lane?: string; signal?: AbortSignal }): Promise<GovernorSlot>;
  /** Hold every new grant until the given time (after a 429 with Retry-After). */
  holdUntil(time: number): void;
  /** Requests waiting right now. */
  queued(): number;
}

interface Waiter {
  lane: string;
  enqueuedAt: number;
  grant: (slot: GovernorSlot) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export function createGovernor(options: GovernorOptions = {}): Governor {
  const limit = options.limit ?? 50;
  const windowMs = options.windowMs ?? 10_000;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError('Governor limit must be a positive integer.');
  if (!(windowMs > 0)) throw new RangeError('Governor window must be a positive number of milliseconds.');

  let inFlight = 0;
  /** When released slots leave the window: release time + windowMs, oldest first. */
  const expiries: number[] = [];
  const lanes = new Map<string, Waiter[]>();
  /** Lane names in serving order; the head is served next. */
  const order: string[] = [];
  let heldUntil = 0;
  let timer: NodeJS.Timeout | undefined;

  const prune = (at: number): void => {
    while (expiries.length > 0 && expiries[0]! <= at) expiries.shift();
  };

  const makeSlot = (queuedMs: number): GovernorSlot => {
    inFlight++;
    let released = false;
    return {
      queuedMs,
      release: () => {
        if (released) return;
        released = true;
        inFlight--;
        expiries.push(now() + windowMs);
        pump();
      },
    };
  };

  const nextWaiter = (): Waiter | undefined => {
    while (order.length > 0) {
      const lane = order.shift()!;
      const queue = lanes.get(lane);
      const waiter = queue?.shift();
      if (queue && queue.length > 0) order.push(lane);
      else lanes.delete(lane);
      if (waiter) return waiter;
    }
    return undefined;
  };

  const schedule = (at: number): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(
      () => {
        timer = undefined;
        pump();
      },
      Math.max(0, at - now()),
    );
  };

  function pump(): void {
    while (order.length > 0) {
      const at = now();
      if (at < heldUntil) return schedule(heldUntil);
      prune(at);
      if (inFlight + expiries.length >= limit) {
        // Full: wait for the oldest released slot to age out; an in-flight release also pumps.
        if (expiries.length > 0) schedule(expiries[0]!);
        return;
      }
      const waiter = nextWaiter();
      if (!waiter) return;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.grant(makeSlot(at - waiter.enqueuedAt));
    }
  }

  return {
    limit,
    windowMs,
    acquire({ lane = 'default', signal } = {}) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<GovernorSlot>((resolve, reject) => {
        const waiter: Waiter = {
          lane,
          enqueuedAt: now(),
          grant: resolve,
          reject,
          signal,
          onAbort: () => {
            const queue = lanes.get(lane);
            const index = queue?.indexOf(waiter) ?? -1;
            if (queue && index >= 0) queue.splice(index, 1);
            if (queue && queue.length === 0) {
              lanes.delete(lane);
              const at = order.indexOf(lane);
              if (at >= 0) order.splice(at, 1);
            }
            reject(signal!.reason);
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        const queue = lanes.get(lane);
        if (queue) queue.push(waiter);
        else {
          lanes.set(lane, [waiter]);
          order.push(lane);
        }
        pump();
      });
    },
    holdUntil(time) {
      if (time > heldUntil) heldUntil = time;
    },
    queued() {
      let count = 0;
      for (const queue of lanes.values()) count += queue.length;
      return count;
    },
  };
}

/** A governor that grants at once: for the benchmark's "off" run and for tests of other behaviour. */
export function createUnlimitedGovernor(): Governor {
  return {
    limit: Number.POSITIVE_INFINITY,
    windowMs: 0,
    acquire: ({ signal } = {}) =>
      signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve({ queuedMs: 0, release: () => {} }),
    holdUntil: () => {},
    queued: () => 0,
  };
}
