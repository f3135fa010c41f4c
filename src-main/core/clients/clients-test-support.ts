// A throwaway world for configure tests: a home folder, a real settings file and token registry, and a client
// environment with no client CLI on PATH unless `which` names one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSettings } from '../settings/settings.ts';
import { silentLogger } from '../log/logger.ts';
import { createClientRegistry } from './tokens.ts';
import { systemEnvironment, type ClientEnvironment } from './environment.ts';
import type { CommandRunner, ConfigureContext } from './configure.ts';

export const TEST_BRIDGE = { command: '/usr/bin/node', args: ['/opt/companion/main.ts', 'bridge'] };

export interface ConfigureWorldOptions {
  /** The temp folder's name prefix, so a leftover says which test made it. */
  prefix?: string;
  /** Client CLIs that are "on PATH": command → path. */
  which?: Record<string, string>;
  run?: CommandRunner;
  /** Keep token files (the printed Claude Code command) in the data folder. */
  tokenFiles?: boolean;
}

export function configureWorld(options: ConfigureWorldOptions = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix ?? 'bcc-configure-'));
  const home = path.join(root, 'home');
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(home);
  const settings = openSettings(dataDir, silentLogger);
  const registry = createClientRegistry({ settings });
  const base = systemEnvironment({ platform: 'linux', home, env: { PATH: '' } });
  const environment: ClientEnvironment = { ...base, which: (command) => options.which?.[command] };
  const context: ConfigureContext = {
    environment,
    registry,
    port: 3917,
    bridge: TEST_BRIDGE,
    ...(options.run ? { run: options.run } : {}),
    ...(options.tokenFiles ? { tokenFileDir: dataDir } : {}),
  };
  return { root, home, dataDir, settings, registry, environment, context };
}
