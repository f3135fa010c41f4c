// The shape every CLI command has. Commands are thin: they parse flags, call the core, print.

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM; long-running commands (serve, sandbox, login) stop cleanly on it. */
  signal: AbortSignal;
  /** The terminal's input, when there is one (`serve --dashboard` prints a new link on Enter). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export interface CliOption {
  type: 'string' | 'boolean';
  description: string;
  short?: string;
  /** The value's placeholder in help, e.g. `N` for `--port N`. */
  value?: string;
}

export interface CliArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface CliCommand {
  name: string;
  summary: string;
  /** e.g. `login [--no-browser] [--account ID]` */
  usage: string;
  options: Record<string, CliOption>;
  run(args: CliArgs, io: CliIo): Promise<number>;
}

/** A mistake in how the command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function stringOption(args: CliArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(args: CliArgs, name: string): boolean {
  return args.values[name] === true;
}

export function portOption(args: CliArgs, name = 'port'): number | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `--${name} must be a whole number from 0 to 65535 (0 picks a free port); got "${raw}".`,
    );
  }
  return port;
}
