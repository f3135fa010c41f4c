// Errors a user can act on: each message says which file, what is wrong and what to do.

/** The client's config file does not parse; we leave it untouched. */
export class ConfigParseError extends Error {
  override name = 'ConfigParseError';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  constructor(file: string, line: number, column: number, reason: string) {
    super(
      `${file}:${line}:${column}: ${reason}. The file was left untouched; fix it (or move it away) and try again.`,
    );
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/** Something about the client or the request that the user must change. */
export class ClientConfigError extends Error {
  override name = 'ClientConfigError';
}
