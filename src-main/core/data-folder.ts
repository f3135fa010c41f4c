// The companion's folders (data directory, logs) are created on first use; when something that is not a
// folder is in the way, the error says which path and what to do, instead of a bare EEXIST/ENOTDIR.
import fs from 'node:fs';

export class DataFolderError extends Error {
  override name = 'DataFolderError';
}

/** mkdir -p with mode 0700, or a clear DataFolderError when a file sits where a folder must be. */
export function ensureFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
    throw new DataFolderError(
      `Basecamp Companion keeps its settings and logs in the folder ${dir}, but a file is in the way (${code === 'EEXIST' ? 'that path is a file' : 'a part of that path is a file'}). Move or rename that file, or set BASECAMP_COMPANION_HOME to a folder of your choice, and start again.`,
      { cause: error },
    );
  }
}
