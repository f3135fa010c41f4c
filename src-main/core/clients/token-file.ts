// A client's CLI command that we cannot run ourselves (`claude` not on PATH) would carry the token inline,
// and the user's shell would keep it in its history. Instead the token waits in a file only the user can
// read, and the printed command reads it from there and deletes it.
import fs from 'node:fs';
import path from 'node:path';
import { shellLine } from './snippet.ts';

/** Writes `token` to `<dir>/<kind>.token`, readable by the owner only (a new file each time, never widened). */
export function writeTokenFile(dir: string, kind: string, token: string): string {
  const file = path.join(dir, `${kind}.token`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.rmSync(file, { force: true });
  // 'wx': a file (or link) someone put there in between is refused, not followed.
  fs.writeFileSync(file, token, { mode: 0o600, flag: 'wx' });
  return file;
}

/**
 * `argv` (which holds `token` in one argument) as a line that reads the token from `file` when the shell runs
 * it, then deletes the file: POSIX shells on macOS and Linux, PowerShell on Windows.
 */
export function commandReadingToken(
  argv: string[],
  token: string,
  file: string,
  platform: NodeJS.Platform,
): string {
  const windows = platform === 'win32';
  const quotedFile = windows ? `'${file.replace(/'/g, "''")}'` : shellLine([file]);
  const read = windows ? `$(Get-Content -Raw ${quotedFile})` : `$(cat ${quotedFile})`;
  const line = argv
    .map((arg) =>
      arg.includes(token)
        ? `"${arg.split(token).map(escapeForDoubleQuotes(windows)).join(read)}"`
        : shellLine([arg]),
    )
    .join(' ');
  return windows ? `${line}; Remove-Item ${quotedFile}` : `${line} && rm ${quotedFile}`;
}

/** The fixed text around the token inside the double-quoted argument must not expand. */
function escapeForDoubleQuotes(windows: boolean): (text: string) => string {
  return windows
    ? (text) => text.replace(/[`$"]/g, (c) => '`' + c)
    : (text) => text.replace(/[\\`$"]/g, (c) => '\\' + c);
}
