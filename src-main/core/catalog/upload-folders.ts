// Which local files an agent may upload: only regular files under the folders the user allows
// (default: the home directory), never hidden ones, never the companion's own data. Every refusal
// reads the same, so an agent cannot use uploads to probe which files exist.
import type { FileHandle } from 'node:fs/promises';
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { resolveDataDir } from '../paths.ts';

export interface UploadPolicy {
  /** Absolute folders whose files may be uploaded; the home directory when none is given. */
  folders?: string[];
  /** The companion's data directory (settings, logs): never uploaded from. */
  dataDir?: string;
}

/** A local file that passed the checks, opened; the caller reads it and closes it. */
export interface AllowedFile {
  handle: FileHandle;
  size: number;
}

export class UploadRefused extends Error {}

export function refusalMessage(path: string, folders: string[]): string {
  return (
    `Cannot upload ${path}: only regular, non-hidden files inside the allowed folders (${folders.join(', ')}) can be uploaded, ` +
    'and never the companion’s own data. To allow another folder, add it to "uploadFolders" in the companion’s settings.json, ' +
    'or pass the bytes as content_base64 instead.'
  );
}

const hidden = (segments: string[]) => segments.some((segment) => segment.startsWith('.'));
/** The parts of `path` below `base`, or undefined when `path` is not inside `base`. */
function below(base: string, path: string): string[] | undefined {
  const rel = relative(base, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep);
}

/** Open `path` for upload when the policy allows it; throws UploadRefused (one neutral message) otherwise. */
export async function openAllowedFile(path: string, policy: UploadPolicy = {}): Promise<AllowedFile> {
  const listed = (policy.folders ?? []).filter((folder) => isAbsolute(folder)).map((f) => resolve(f));
  const folders = listed.length ? listed : [homedir()];
  const refuse = () => new UploadRefused(refusalMessage(path, folders));
  // What the agent wrote must not name a hidden file or folder either (e.g. a visible symlink is fine,
  // but /home/me/.ssh/../notes is not): check each segment below the allowed folder it starts in.
  const given = resolve(path);
  const lexical = folders.map((folder) => below(folder, given)).find((parts) => parts !== undefined);
  if (path.split(/[\\/]/).some((s) => s === '..') || (lexical && hidden(lexical))) throw refuse();
  const real = await realpath(path).catch(() => undefined);
  if (!real) throw refuse();
  const realFolders = await Promise.all(folders.map((folder) => realpath(folder).catch(() => undefined)));
  const inside = realFolders
    .filter((folder): folder is string => folder !== undefined)
    .map((folder) => below(folder, real))
    .filter((parts): parts is string[] => parts !== undefined);
  if (inside.length === 0 || inside.every(hidden)) throw refuse();
  const dataDir = await realpath(policy.dataDir ?? resolveDataDir()).catch(() => undefined);
  if (dataDir && (real === dataDir || below(dataDir, real))) throw refuse();
  // Non-blocking: a FIFO planted in an allowed folder must not hang the call before fstat refuses it.
  const handle = await open(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(() => undefined);
  if (!handle) throw refuse();
  const info = await handle.stat().catch(() => undefined);
  if (!info?.isFile()) {
    await handle.close();
    throw refuse();
  }
  return { handle, size: info.size };
}
