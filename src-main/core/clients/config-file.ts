// The one safe writer for every client config file: edit only our entry, refuse files that don't parse,
// back up before a change, write atomically (temp file in the same folder, fsync, rename, original mode kept —
// except that a file holding a client token is never left readable by other users).
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { editJsonEntry, readJsonValue, removeEmptyJsonContainer } from './json-edit.ts';
import { editYamlEntry, readYamlDocument, readYamlValue, removeEmptyYamlContainer } from './yaml-edit.ts';
import { editTomlEntry, readTomlDocument, readTomlValue } from './toml-edit.ts';
import { ClientConfigError } from './errors.ts';
import { tokensIn } from './tokens.ts';
import { writePrivateThenChmod } from './private-file.ts';

export type ConfigFormat = 'json' | 'jsonc' | 'yaml' | 'toml';

/** Where our entry lives: `<container>.<name>` in `file`. */
export interface EntryLocation {
  file: string;
  format: ConfigFormat;
  container: string;
  name: string;
}

/**
 * The write steps, one function each, so that tests can interrupt a write between any two of them.
 * The defaults are the real thing.
 */
export interface WriteSteps {
  /** Save `data` (the file as it was) as `target`, replacing an older copy at once, readable only by `mode`. */
  backup(data: Buffer, target: string, mode: number): void;
  writeTemp(tempFile: string, data: Buffer, mode: number): void;
  rename(from: string, to: string): void;
  syncDir(dir: string): void;
}

export const realWriteSteps: WriteSteps = {
  backup(data, target, mode) {
    // Written private and renamed into place, so the copy is never readable by others, nor ever half there.
    const temp = path.join(
      path.dirname(target),
      `.${path.basename(target)}.${process.pid}-${Date.now()}${BACKUP_TEMP_SUFFIX}`,
    );
    try {
      writePrivateThenChmod(temp, data, mode);
      realWriteSteps.rename(temp, target); // with its Windows retries: the old copy may be open in an editor
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
  },
  writeTemp(tempFile, data, mode) {
    writePrivateThenChmod(tempFile, data, mode);
  },
  rename(from, to) {
    // Windows refuses to replace a file another program has open for a moment (the client, an indexer,
    // antivirus): retry briefly before giving up.
    for (let attempt = 1; ; attempt += 1) {
      try {
        fs.renameSync(from, to);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (attempt >= 10 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 * attempt);
      }
    }
  },
  syncDir(dir) {
    // Makes the rename durable; not possible on Windows, where the rename is already durable enough.
    let fd: number | undefined;
    try {
      fd = fs.openSync(dir, 'r');
      fs.fsyncSync(fd);
    } catch {
      // best effort
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  },
};

/**
 * What our first write to a config file created: the file itself, the folders above it, the container key.
 * Kept with the client's record, so that a removal can take exactly that away again and nothing of the user's.
 */
export interface FirstWrite {
  file: string;
  createdFile: boolean;
  /** Deepest first. */
  createdDirs: string[];
  addedContainer: boolean;
  /** The user's mode, when this write narrowed the file because it now held our token: a removal puts it back. */
  tightenedFrom?: number;
}

export interface EditOptions {
  dryRun?: boolean;
  steps?: WriteSteps;
  now?: () => Date;
  /**
   * What our first write to this file created: a removal takes an empty container or file of ours away too,
   * and a file we created has no original of the user's to back up.
   */
  firstWrite?: FirstWrite;
}

export interface EditResult {
  file: string;
  /** False when the file already said exactly this (nothing written, no backup). */
  changed: boolean;
  /** True when the file did not exist before. */
  created: boolean;
  /** The backup this change made: the original (first change ever) or the previous version (every later one). */
  backup?: string;
  /** Where the user's file as it was before our first-ever change is kept (never overwritten). */
  originalBackup?: string;
  /** The whole new file text (with the token in it: never log it). */
  text: string;
  /** Set when the file was readable by other users and now holds a token, so its mode was narrowed. */
  modeTightened?: { from: number; to: number };
  /** Set when the removal took our token out and the file got back the mode the user had before we narrowed it. */
  modeRestored?: { from: number; to: number };
  /** What this write created (set when it adds our entry): record it for the removal. */
  firstWrite?: FirstWrite;
  /** The removal deleted the file (we had created it and it held nothing else), and these empty folders of ours. */
  deleted?: { file: string; dirs: string[] };
}

const TEMP_INFIX = '.basecamp-';
const BACKUP_TEMP_SUFFIX = '.backup.tmp';

/** The user's file as it was before our first-ever change: made once, never overwritten. */
export const ORIGINAL_BACKUP_SUFFIX = '.basecamp-original';
/** The file as it was before our latest change: replaced at every change. */
export const PREVIOUS_BACKUP_SUFFIX = '.basecamp-previous';
const STALE_TEMP_MS = 10 * 60 * 1000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove temp files an interrupted write of ours left next to `target` (they may hold a token). */
function removeStaleTemps(target: string, nowMs: number): void {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}${TEMP_INFIX}`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const backupPrefixes = [ORIGINAL_BACKUP_SUFFIX, PREVIOUS_BACKUP_SUFFIX].map(
    (suffix) => `.${path.basename(target)}${suffix}.`,
  );
  for (const name of names) {
    const backupPrefix = backupPrefixes.find((start) => name.startsWith(start));
    const match = backupPrefix
      ? new RegExp(`^(\\d+)-\\d+${BACKUP_TEMP_SUFFIX.replace(/\./g, '\\.')}$`).exec(
          name.slice(backupPrefix.length),
        )
      : name.startsWith(prefix) && /^(\d+)-[\dTZ-]+\.tmp$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const file = path.join(dir, name);
    try {
      const stale = !processAlive(Number(match[1])) || nowMs - fs.lstatSync(file).mtimeMs > STALE_TEMP_MS;
      if (stale) fs.rmSync(file, { force: true });
    } catch {
      // best effort: a temp file we cannot remove is retried on the next write
    }
  }
}

const BOM = '\uFEFF';

interface Decoded {
  bom: boolean;
  text: string;
}

function decode(bytes: Buffer | undefined): Decoded | undefined {
  if (!bytes) return undefined;
  const raw = bytes.toString('utf8');
  return raw.startsWith(BOM) ? { bom: true, text: raw.slice(1) } : { bom: false, text: raw };
}

/** Client config files are a few KB; parsing a huge one takes seconds and hundreds of MB, and is not ours to edit. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

function readBytes(file: string): Buffer | undefined {
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_CONFIG_BYTES) {
      throw new ClientConfigError(
        `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; a client config file is normally a few KB, so Basecamp Companion does not read or edit it. Check what wrote that file, or add the entry by hand (configure <client> --print shows it).`,
      );
    }
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Follow a symlinked config (dotfile managers) so that the link stays a link. */
function realTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

function editText(location: EntryLocation, text: string, value: unknown): string {
  const { file, format, container, name } = location;
  if (format === 'yaml') return editYamlEntry(text, file, [container, name], value);
  if (format === 'toml') return editTomlEntry(text, file, [container, name], value);
  return editJsonEntry(text, file, [container, name], value);
}

function readText(location: EntryLocation, text: string): unknown {
  const { file, format, container, name } = location;
  if (format === 'yaml') return readYamlValue(text, file, [container, name]);
  if (format === 'toml') return readTomlValue(text, file, [container, name]);
  return readJsonValue(text, file, [container, name]);
}

/** The whole file as plain data (undefined / null when empty). */
function readWhole(location: EntryLocation, text: string): unknown {
  if (location.format === 'yaml') return readYamlDocument(text, location.file);
  if (location.format === 'toml') return readTomlDocument(text, location.file);
  return readJsonValue(text, location.file, []);
}

function hasContainer(location: EntryLocation, text: string): boolean {
  const whole = readWhole(location, text);
  return Boolean(whole && typeof whole === 'object' && location.container in whole);
}

function dropEmptyContainer(location: EntryLocation, text: string): string {
  // TOML needs nothing: we only ever write `[container.name]`, never a `[container]` header of its own.
  if (location.format === 'toml') return text;
  if (location.format === 'yaml') return removeEmptyYamlContainer(text, location.file, location.container);
  return removeEmptyJsonContainer(text, location.file, location.container);
}

/**
 * True when the text is nothing but an empty document or our empty container: no other key, no comment.
 * Whitespace aside, that is all a file we created can hold once our entry is gone.
 */
function holdsNothing(location: EntryLocation, text: string): boolean {
  const bare = text.replace(/\s+/g, '');
  const key = location.container;
  if (location.format === 'toml') return bare === '';
  if (location.format === 'yaml') return ['', '{}', `${key}:{}`, `${key}:`].includes(bare);
  return ['', '{}', `{${JSON.stringify(key)}:{}}`].includes(bare);
}

/** Folders from `dir` upwards that do not exist yet (deepest first): what mkdir -p is about to create. */
function missingDirs(dir: string): string[] {
  const missing: string[] = [];
  for (let current = dir; !fs.existsSync(current); current = path.dirname(current)) {
    missing.push(current);
    if (path.dirname(current) === current) break;
  }
  return missing;
}

/**
 * Remove the folders we created, deepest first, as long as they are empty. Only the file's own folder and
 * each one's parent in turn: the record is read from the settings file, which may have been edited.
 */
function removeEmptyDirs(file: string, dirs: string[]): string[] {
  const removed: string[] = [];
  let expected = path.dirname(file);
  for (const dir of dirs) {
    if (path.resolve(dir) !== expected) break;
    expected = path.dirname(expected);
    try {
      fs.rmdirSync(dir);
      removed.push(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      break; // not empty (the user keeps something there): leave it and everything above it
    }
  }
  return removed;
}

/**
 * Earlier versions made `<file>.basecamp-backup-<time>` at every change; the oldest of those is the user's
 * original, so it becomes `<file>.basecamp-original` (the later ones are left where they are).
 */
function adoptLegacyOriginal(target: string, originalBackup: string): void {
  if (fs.existsSync(originalBackup)) return;
  const prefix = `${path.basename(target)}.basecamp-backup-`;
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(target));
  } catch {
    return;
  }
  const oldest = names
    .filter((name) => name.startsWith(prefix))
    .sort()
    .at(0);
  if (!oldest) return;
  const legacy = path.join(path.dirname(target), oldest);
  // Only a file we wrote: chmod would follow a link to whatever it points at.
  if (!fs.lstatSync(legacy).isFile()) return;
  fs.renameSync(legacy, originalBackup);
  fs.chmodSync(originalBackup, fs.statSync(originalBackup).mode & 0o700);
}

/** Keys whose string value is a credential in any client's config (another server's API key, a bearer header). */
const SECRET_KEY = /token|secret|password|passwd|api[-_]?key|auth|credential|bearer|cookie/i;

/** True when the parsed file still holds something that looks like a secret: ours (`bcc_…`) or another's. */
function holdsSecret(value: unknown, key = ''): boolean {
  if (typeof value === 'string')
    return (
      tokensIn(value).length > 0 || /^bearer\s+\S/i.test(value) || (SECRET_KEY.test(key) && value !== '')
    );
  if (Array.isArray(value)) return value.some((item) => holdsSecret(item, key));
  if (value && typeof value === 'object')
    return Object.entries(value).some(([name, item]) => holdsSecret(item, name));
  return false;
}

/**
 * The mode to give back after our entry is removed: the read access we took when we narrowed the file, once no
 * token of ours (nor any other secret-looking value) is left in it and nobody changed the mode since. Only group
 * and world read come back: the record lives in a hand-editable settings file, so it never makes a file
 * writable by others, executable or setuid.
 */
function restoredMode(
  location: EntryLocation,
  after: string,
  current: number,
  firstWrite: FirstWrite | undefined,
): number | undefined {
  const before = firstWrite?.tightenedFrom;
  if (before === undefined || current !== (before & ~0o077)) return undefined;
  try {
    if (holdsSecret(readWhole(location, after))) return undefined;
  } catch {
    return undefined; // unreadable as data: stay private
  }
  const restored = current | (before & 0o044);
  return restored === current ? undefined : restored;
}

function readsBack(location: EntryLocation, text: string, value: unknown): boolean {
  try {
    return isDeepStrictEqual(readText(location, text), value);
  } catch {
    return false;
  }
}

/** Our entry as the file has it now (undefined when absent). Throws ConfigParseError for a broken file. */
export function readEntry(location: EntryLocation): unknown {
  const decoded = decode(readBytes(realTarget(location.file)));
  return decoded ? readText(location, decoded.text) : undefined;
}

/** True when the file already holds exactly this entry. */
export function entryMatches(location: EntryLocation, value: unknown): boolean {
  return isDeepStrictEqual(readEntry(location), value);
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/**
 * Set our entry to `value`, or remove it when `value` is undefined. Everything else in the file stays as it was.
 * A file that does not parse is refused (ConfigParseError) and left untouched.
 */
export function editEntry(location: EntryLocation, value: unknown, options: EditOptions = {}): EditResult {
  const steps = options.steps ?? realWriteSteps;
  const target = realTarget(location.file);
  const bytes = readBytes(target);
  const decoded = decode(bytes);
  const before = decoded?.text ?? '';
  const firstWrite = options.firstWrite?.file === location.file ? options.firstWrite : undefined;
  let after = editText(location, before, value);
  // A removal also takes out the container we added, once our entry was the last thing in it.
  if (value === undefined && after !== before && firstWrite?.addedContainer)
    after = dropEmptyContainer(location, after);
  // Belt and braces: the new text must parse and say exactly what we meant, or nothing is written.
  if (after !== before && !readsBack(location, after, value)) {
    throw new ClientConfigError(
      `Could not place the "${location.name}" entry in ${location.file} safely. The file was left untouched; add the snippet by hand.`,
    );
  }
  const result: EditResult = { file: location.file, changed: after !== before, created: !bytes, text: after };
  if (!result.changed || (!bytes && value === undefined)) return { ...result, changed: false };
  const dir = path.dirname(target);
  if (value !== undefined && readText(location, before) === undefined) {
    result.firstWrite = {
      file: location.file,
      createdFile: !bytes,
      createdDirs: bytes ? [] : missingDirs(dir),
      addedContainer: !hasContainer(location, before),
    };
  }
  // We created this file and it now holds nothing else: delete it (and our empty folders) rather than leave a husk.
  if (
    value === undefined &&
    firstWrite?.createdFile &&
    holdsNothing(location, after) &&
    !fs.lstatSync(location.file).isSymbolicLink() // a link the user put there since is theirs
  ) {
    result.deleted = { file: location.file, dirs: [] };
    if (options.dryRun) return result;
    fs.rmSync(target, { force: true });
    // The version before this removal held nothing but our entry (and its token): it goes too.
    fs.rmSync(target + PREVIOUS_BACKUP_SUFFIX, { force: true });
    result.deleted.dirs = removeEmptyDirs(location.file, firstWrite.createdDirs);
    return result;
  }
  if (options.dryRun) return result;

  fs.mkdirSync(dir, { recursive: true });
  const now = (options.now ?? (() => new Date()))();
  removeStaleTemps(target, now.getTime());
  let mode = 0o600; // a new file holds a token: only the user may read it
  if (bytes) {
    const original = fs.statSync(target).mode & 0o7777;
    // A live token in a group/world-readable file is readable by every local user: narrow it to the owner.
    mode = value !== undefined && tokensIn(value).length > 0 ? original & ~0o077 : original;
    if (mode !== original) result.modeTightened = { from: original, to: mode };
    if (result.modeTightened && result.firstWrite) result.firstWrite.tightenedFrom = original;
    const restored = value === undefined ? restoredMode(location, after, original, firstWrite) : undefined;
    if (restored !== undefined) {
      mode = restored;
      result.modeRestored = { from: original, to: restored };
    }
    // Two backups, not one per change: the user's original, kept for good, and the version before this change.
    // Both owner-only: the old text may hold a token (ours or another server's).
    // A file we created has no original of the user's to keep.
    const originalBackup = target + ORIGINAL_BACKUP_SUFFIX;
    adoptLegacyOriginal(target, originalBackup);
    const keepsOriginal = !firstWrite?.createdFile || fs.existsSync(originalBackup);
    const backup =
      keepsOriginal && !fs.existsSync(originalBackup) ? originalBackup : target + PREVIOUS_BACKUP_SUFFIX;
    steps.backup(bytes, backup, original & ~0o077);
    result.backup = backup;
    if (keepsOriginal) result.originalBackup = originalBackup;
  }
  const data = Buffer.from((decoded?.bom ? BOM : '') + after, 'utf8');
  const tempFile = path.join(dir, `.${path.basename(target)}${TEMP_INFIX}${process.pid}-${stamp(now)}.tmp`);
  try {
    steps.writeTemp(tempFile, data, mode);
    steps.rename(tempFile, target);
  } catch (error) {
    fs.rmSync(tempFile, { force: true });
    throw error;
  }
  steps.syncDir(dir);
  return result;
}
