// Writing a file that may hold a secret (a token, a client's config) without following a link someone planted at
// its path and without a moment where it is readable by others: shared by the config writer and the last-seen file.
import fs from 'node:fs';

/**
 * A new file (never an existing one or a planted link), created private so a token is not readable by others even
 * for the moment before the chmod, flushed to disk, then given `mode` exactly (openSync's mode is umask-filtered).
 */
export function writePrivateThenChmod(file: string, data: Buffer, mode: number): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(file, mode);
}
