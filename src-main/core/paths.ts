import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

export interface CompanionPaths {
  /** Settings, client registry and logs live here. */
  dataDir: string;
  settingsFile: string;
  logFile: string;
}

/**
 * The per-OS data directory: XDG on Linux, Application Support on macOS, %APPDATA% on Windows.
 * BASECAMP_COMPANION_HOME overrides it (tests and portable installs).
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.BASECAMP_COMPANION_HOME) return path.resolve(env.BASECAMP_COMPANION_HOME);
  const name = 'basecamp-companion';
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Basecamp Companion');
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Basecamp Companion');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), name);
}

export function companionPaths(dataDir: string = resolveDataDir()): CompanionPaths {
  return {
    dataDir,
    settingsFile: path.join(dataDir, 'settings.json'),
    logFile: path.join(dataDir, 'logs', 'companion.log'),
  };
}

/** A short, non-reversible name for a data directory: the endpoint tells it so `status` can spot another profile's. */
export function profileId(dataDir: string): string {
  return crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
}
