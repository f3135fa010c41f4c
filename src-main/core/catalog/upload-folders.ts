// Which local files an agent may upload: only regular files under the folders the user allows
// (default: the home directory), never hidden ones, never the companion's own data. Every refusal
// reads the same, so an agent cannot use uploads to probe which files exist.
import type { FileHandle } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import { open, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { resolveDataDir } from '../paths.ts';

export interface UploadPolicy {
  /** Absolute folders whose files may be uploaded; the home directory when none is given. */
  folders?: string[];
  /** The companion's data directory (settings, logs): never uploaded from. */
  dataDir?: string;
  /** Whose rules apply (tests pass darwin/win32); the running platform by default. */
  platform?: NodeJS.Platform;
  /** The user's home directory, for the platform's private subtrees; os.homedir() by default. */
  home?: string;
}

/** Test seams: run between the checks by name and the open, and after the checks, to stage races. */
export const uploadHooks: {
  beforeOpen?: (real: string) => Promise<void>;
  afterChecks?: (real: string) => Promise<void>;
} = {};

/** Folders under home that hold keychains, cookies and app secrets without a dot in their name. */
const PRIVATE_SUBTREES: Partial<Record<NodeJS.Platform, string[]>> = {
  darwin: ['Library'],
  win32: ['AppData'],
};

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
function below(base: string, path: string, fold = false): string[] | undefined {
  const rel = fold ? relative(base.toLowerCase(), path.toLowerCase()) : relative(base, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep);
}

/** Open `path` for upload when the policy allows it; throws UploadRefused (one neutral message) otherwise. */
export async function openAllowedFile(path: string, policy: UploadPolicy = {}): Promise<AllowedFile> {
  const platform = policy.platform ?? process.platform;
  const fold = platform === 'darwin' || platform === 'win32'; // their file systems ignore case by default
  const listed = (policy.folders ?? []).filter((folder) => isAbsolute(folder)).map((f) => resolve(f));
  const home = policy.home ?? homedir();
  const folders = listed.length ? listed : [home];
  const refuse = () => new UploadRefused(refusalMessage(path, folders));
  // What the agent wrote must not name a hidden file or folder either (e.g. a visible symlink is fine,
  // but /home/me/.ssh/../notes is not): check each segment below the allowed folder it starts in.
  const given = resolve(path);
  const lexical = folders.map((folder) => below(folder, given, fold)).find((parts) => parts !== undefined);
  if (path.split(/[\\/]/).some((s) => s === '..') || (lexical && hidden(lexical))) throw refuse();
  const real = await realpath(path).catch(() => undefined);
  if (!real) throw refuse();
  const rules = await folderRules(folders, home, platform, fold, policy.dataDir);
  if (!rules.allows(real)) throw refuse();
  await uploadHooks.beforeOpen?.(real);
  // Open the resolved path without following a final symlink, then judge the file actually opened:
  // the folders may have been swapped for symlinks since the checks above. Non-blocking, so a FIFO
  // planted in an allowed folder cannot hang the call before fstat refuses it.
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
  const handle = await open(real, flags).catch(() => undefined);
  if (!handle) throw refuse();
  try {
    const info = await handle.stat();
    // A hard link (nlink > 1) can put ~/.ssh/id_rsa or the companion's log under an allowed name.
    if (!info.isFile() || info.nlink !== 1 || rules.isDataFile(info)) throw refuse();
    if (!(await opened(handle, info, real, rules))) throw refuse();
    await uploadHooks.afterChecks?.(real);
    return { handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw error instanceof UploadRefused ? error : refuse();
  }
}

/** Whether the open handle is the file at `real`, and that path still passes every folder rule. */
async function opened(handle: FileHandle, info: Stats, real: string, rules: FolderRules): Promise<boolean> {
  if (process.platform === 'linux') {
    const now = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
    return now === real && rules.allows(now);
  }
  const again = await realpath(real).catch(() => undefined);
  if (!again || !rules.allows(again)) return false;
  const fresh = await stat(again).catch(() => undefined);
  return fresh !== undefined && fresh.dev === info.dev && fresh.ino === info.ino;
}

interface FolderRules {
  allows(real: string): boolean;
  isDataFile(info: Stats): boolean;
}

async function folderRules(
  folders: string[],
  home: string,
  platform: NodeJS.Platform,
  fold: boolean,
  dataDirOption: string | undefined,
): Promise<FolderRules> {
  const realFolders = (
    await Promise.all(folders.map((folder) => realpath(folder).catch(() => undefined)))
  ).filter((folder): folder is string => folder !== undefined);
  const realHome = (await realpath(home).catch(() => undefined)) ?? home;
  const privateRoots = (PRIVATE_SUBTREES[platform] ?? []).map((name) => join(realHome, name));
  const dataDir = await realpath(dataDirOption ?? resolveDataDir()).catch(() => undefined);
  const dataFiles = dataDir ? await fileIds(dataDir) : new Set<string>();
  const under = (base: string, path: string) =>
    (fold ? base.toLowerCase() === path.toLowerCase() : base === path) ||
    below(base, path, fold) !== undefined;
  return {
    allows(real) {
      const inside = realFolders
        .map((folder) => below(folder, real, fold))
        .filter((parts): parts is string[] => parts !== undefined);
      if (inside.length === 0 || inside.every(hidden)) return false;
      if (privateRoots.some((root) => under(root, real))) return false;
      return !(dataDir && under(dataDir, real));
    },
    isDataFile: (info) => dataFiles.has(`${info.dev}:${info.ino}`),
  };
}

/** dev:ino of the files under `dir` (bounded: the data directory is small), to spot links to them. */
async function fileIds(dir: string, budget = { left: 5000 }): Promise<Set<string>> {
  const ids = new Set<string>();
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (budget.left-- <= 0) break;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const id of await fileIds(path, budget)) ids.add(id);
    else if (entry.isFile()) {
      const info = await stat(path).catch(() => undefined);
      if (info) ids.add(`${info.dev}:${info.ino}`);
    }
  }
  return ids;
}

/** Read at most `cap` bytes from the opened file, however much it grew since it was checked. */
export async function readAtMost(handle: FileHandle, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < cap) {
    const chunk = Buffer.alloc(Math.min(1024 * 1024, cap - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}
