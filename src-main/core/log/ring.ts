import type { LogEntry } from '../../../src-shared/state.ts';

type Listener = (entry: LogEntry) => void;

/** A bounded in-memory tail of recent log entries that the window reads and follows. */
export class LogRing {
  private readonly entries: LogEntry[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly capacity: number;

  constructor(capacity = 2000) {
    this.capacity = capacity;
  }

  push(entry: LogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    for (const listener of this.listeners) listener(entry);
  }

  /** Entries after the given sequence number (all when omitted), oldest first. */
  since(seq = 0, limit = this.capacity): LogEntry[] {
    const newer = this.entries.filter((entry) => entry.seq > seq);
    return newer.slice(-limit);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
