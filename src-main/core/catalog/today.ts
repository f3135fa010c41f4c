// The day "overdue" is judged against. Views are plain functions of a record, so the executor sets the day
// for the length of one call instead of threading it through every renderer; tests inject it with the clock.
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<string>();

/** Today as YYYY-MM-DD in UTC (Basecamp's due dates are days without a zone). */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Runs `fn` with `day` (YYYY-MM-DD) as today. */
export function withToday<T>(day: string, fn: () => T): T {
  return current.run(day, fn);
}

/** The day set by the running call, else the UTC date now. */
export function today(): string {
  return current.getStore() ?? utcToday();
}
