import type { LogEntry, LogLevel } from '../../../src-shared/state.ts';
import { redactText, redactValue } from './redact.ts';
import type { LogRing } from './ring.ts';
import type { RotatingFile } from './rotating-file.ts';

export type { LogEntry, LogLevel };

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose entries carry the given scope (e.g. "mcp", "basecamp"). */
  child(scope: string): Logger;
  /** Change the threshold for this logger and all its children (the Settings panel's log detail). */
  setLevel(level: LogLevel): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  ring?: LogRing;
  file?: RotatingFile;
  /** Human-readable lines for the terminal; the CLI passes process.stderr. */
  console?: NodeJS.WritableStream;
  /** Only entries at this level or above reach the terminal (short CLI commands show warnings only). */
  consoleLevel?: LogLevel;
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && value in LEVELS;
}

/** One logger for the whole process: every entry is redacted here, once, before any sink sees it. */
export function createLogger(options: LoggerOptions = {}): Logger {
  let threshold = LEVELS[options.level ?? 'info'];
  let seq = 0;

  const write = (scope: string, level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (LEVELS[level] < threshold) return;
    const entry: LogEntry = {
      seq: ++seq,
      time: new Date().toISOString(),
      level,
      scope,
      message: redactText(message),
      ...(fields ? { fields: redactValue(fields) as Record<string, unknown> } : {}),
    };
    options.ring?.push(entry);
    options.file?.append(JSON.stringify(entry));
    if (options.console && LEVELS[level] >= LEVELS[options.consoleLevel ?? 'debug']) {
      const extra = entry.fields ? ' ' + JSON.stringify(entry.fields) : '';
      options.console.write(
        `${entry.time.slice(11, 19)} ${level.padEnd(5)} [${scope}] ${entry.message}${extra}\n`,
      );
    }
  };

  const make = (scope: string): Logger => ({
    debug: (message, fields) => write(scope, 'debug', message, fields),
    info: (message, fields) => write(scope, 'info', message, fields),
    warn: (message, fields) => write(scope, 'warn', message, fields),
    error: (message, fields) => write(scope, 'error', message, fields),
    child: (child) => make(scope === 'app' ? child : `${scope}.${child}`),
    setLevel: (level) => {
      threshold = LEVELS[level];
    },
  });
  return make('app');
}

/** A logger that drops everything, for tests and tools that must stay silent. */
export const silentLogger: Logger = createLogger({ level: 'error' });
