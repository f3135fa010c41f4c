// What the client table needs to know about the machine, injected so that tests can play any OS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ClientEnvironment {
  platform: NodeJS.Platform;
  home: string;
  env: Record<string, string | undefined>;
  exists(file: string): boolean;
  /** Names in a directory (empty when it does not exist). */
  list(dir: string): string[];
  /** Absolute path of an executable on PATH, or undefined. */
  which(command: string): string | undefined;
}

/** path.win32 on Windows, path.posix elsewhere, whatever OS the tests run on. */
export function pathsFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

function whichOnPath(
  command: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
): string | undefined {
  const p = pathsFor(platform);
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const extension of extensions) {
      const candidate = p.join(dir, command + extension.toLowerCase());
      try {
        const stat = fs.statSync(candidate);
        if (stat.isFile() && (platform === 'win32' || (stat.mode & 0o111) !== 0)) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export interface EnvironmentOverrides {
  platform?: NodeJS.Platform;
  home?: string;
  env?: Record<string, string | undefined>;
}

/** The real machine; HOME / USERPROFILE from `env` win over os.homedir() so a CLI run can be pointed elsewhere. */
export function systemEnvironment(overrides: EnvironmentOverrides = {}): ClientEnvironment {
  const platform = overrides.platform ?? process.platform;
  const env = overrides.env ?? process.env;
  const home = overrides.home ?? (platform === 'win32' ? env.USERPROFILE : env.HOME) ?? os.homedir();
  return {
    platform,
    home,
    env,
    exists: (file) => fs.existsSync(file),
    list: (dir) => {
      try {
        return fs.readdirSync(dir);
      } catch {
        return [];
      }
    },
    which: (command) => whichOnPath(command, env, platform),
  };
}
