import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { ensureFolder } from '../data-folder.ts';
import type { Logger } from '../log/logger.ts';
import { settingsSchema, type SettingsData } from './schema.ts';

type Listener = (next: SettingsData, previous: SettingsData) => void;

export interface Settings {
  readonly file: string;
  get(): SettingsData;
  /** Apply a change; the result is validated before anything is written. */
  update(change: (current: SettingsData) => Partial<SettingsData>): SettingsData;
  onChange(listener: Listener): () => void;
  /** Re-read the file when another process (e.g. `configure` while `serve` runs) changed it; true when it did. */
  reload(): boolean;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

const LAST_GOOD_SUFFIX = '.last-good';
const MAX_SETTINGS_BYTES = 5 * 1024 * 1024;

/** Parse and validate a settings file's text; throws with the reason when it is not usable. */
function parseSettings(text: string): SettingsData {
  const raw: unknown = JSON.parse(text);
  return settingsSchema.parse(raw);
}

/**
 * Make sure the file conf is about to open is usable. A corrupt file is never thrown away:
 * it is kept beside the original, and the last good copy (written after every change) takes its place.
 */
function recoverIfCorrupt(file: string, logger: Logger): void {
  if (!fs.existsSync(file)) return;
  try {
    // Settings are a few KB; a huge file is not parsed (seconds, hundreds of MB) but set aside like a broken one.
    const size = fs.statSync(file).size;
    if (size > MAX_SETTINGS_BYTES) throw new Error(`the file is ${(size / 1024 / 1024).toFixed(1)} MB`);
    parseSettings(fs.readFileSync(file, 'utf8'));
    return;
  } catch (error) {
    const kept = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(file, kept);
    const lastGood = file + LAST_GOOD_SUFFIX;
    if (fs.existsSync(lastGood)) {
      fs.copyFileSync(lastGood, file);
      logger.warn(
        `Settings file was unreadable; restored the last good copy. The broken file is kept at ${kept}.`,
        {
          reason: (error as Error).message.slice(0, 200),
        },
      );
    } else {
      logger.warn(
        `Settings file was unreadable and no good copy exists; starting from defaults. The broken file is kept at ${kept}.`,
        {
          reason: (error as Error).message.slice(0, 200),
        },
      );
    }
  }
}

export function openSettings(dataDir: string, logger: Logger): Settings {
  ensureFolder(dataDir);
  const file = path.join(dataDir, 'settings.json');
  recoverIfCorrupt(file, logger);

  const conf = new Conf<SettingsData>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'basecamp-companion',
    projectSuffix: '',
    clearInvalidConfig: false,
    serialize: (value) => JSON.stringify(value, null, 2) + '\n',
    deserialize: (text) => parseSettings(text),
  });
  const listeners = new Set<Listener>();
  let current = settingsSchema.parse(conf.store);

  const modifiedAt = (): number => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
  let seenModifiedAt = modifiedAt();

  const writeLastGood = (): void => {
    fs.writeFileSync(file + LAST_GOOD_SUFFIX, JSON.stringify(current, null, 2) + '\n', { mode: 0o600 });
  };
  if (fs.existsSync(file)) writeLastGood();

  const settings: Settings = {
    file,
    get: () => current,
    update(change) {
      settings.reload(); // never write over what another process saved meanwhile
      const previous = current;
      const result = settingsSchema.safeParse({ ...previous, ...change(previous) });
      if (!result.success) {
        throw new SettingsError(
          `That setting is not valid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      }
      current = result.data;
      conf.store = current;
      try {
        fs.chmodSync(file, 0o600);
      } catch {
        // best effort: Windows has no POSIX modes
      }
      writeLastGood();
      seenModifiedAt = modifiedAt();
      for (const listener of listeners) listener(current, previous);
      return current;
    },
    reload() {
      const stamp = modifiedAt();
      if (stamp === seenModifiedAt) return false;
      seenModifiedAt = stamp;
      let next: SettingsData;
      try {
        next = parseSettings(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        logger.warn('Settings file changed on disk but is not readable; keeping the settings in memory.', {
          reason: (error as Error).message.slice(0, 200),
        });
        return false;
      }
      const previous = current;
      current = next;
      writeLastGood();
      for (const listener of listeners) listener(current, previous);
      return true;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return settings;
}

/**
 * Settings that live only in memory: `--sandbox` keeps its sign-in here so that trying the sandbox
 * never touches the real account details on disk.
 */
export function memorySettings(initial: Partial<SettingsData> = {}): Settings {
  let current = settingsSchema.parse(initial);
  const listeners = new Set<Listener>();
  return {
    file: ':memory:',
    get: () => current,
    update(change) {
      const previous = current;
      const result = settingsSchema.safeParse({ ...previous, ...change(previous) });
      if (!result.success) throw new SettingsError(`That setting is not valid: ${result.error.message}`);
      current = result.data;
      for (const listener of listeners) listener(current, previous);
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload: () => false,
  };
}
