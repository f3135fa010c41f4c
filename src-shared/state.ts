// JSON-serialisable state the main process owns and the window mirrors.
// Nothing here can hold a token: no field is typed or named for one.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  seq: number;
  time: string;
  level: LogLevel;
  scope: string;
  message: string;
  fields?: Record<string, unknown>;
}
