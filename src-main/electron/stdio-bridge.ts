// The tray app as the stdio bridge for clients that only start stdio servers (Claude Desktop).
// The packaged app has no Node to run the CLI with (the runAsNode fuse is off), so the client runs
// the app's own binary with --stdio-bridge; that launch relays and exits, and never touches the tray.
import path from 'node:path';
import { readBridgeLaunch, startBridge } from '../core/clients/bridge.ts';
import { BRIDGE_TOKEN_ENV, BRIDGE_URL_ENV, endpointUrl, type BridgeCommand } from '../core/clients/table.ts';
import { resolveDataDir } from '../core/paths.ts';
import type { AppLike } from './electron-api.ts';

export const BRIDGE_ARG = '--stdio-bridge';

export function isBridgeLaunch(argv: readonly string[]): boolean {
  return argv.includes(BRIDGE_ARG);
}

/**
 * How a client starts the bridge: the packaged app's own executable, or in development the Electron
 * binary with the app folder (absolute paths: GUI clients don't see the shell's PATH).
 */
export function shellBridgeCommand(options: {
  packaged: boolean;
  execPath: string;
  appPath: string;
}): BridgeCommand {
  return options.packaged
    ? { command: options.execPath, args: [BRIDGE_ARG] }
    : { command: options.execPath, args: [options.appPath, BRIDGE_ARG] };
}

/**
 * Where Chromium keeps its files during a bridge launch: a folder of its own under the companion's data
 * folder. Without it they land in Electron's default userData, which on macOS and Windows is the data
 * folder's root; and sharing the tray app's session folder while it runs makes the two fight over its
 * caches. Chromium still starts (a packaged app has no plain Node: the runAsNode fuse is off), so also
 * skip the GPU process, which a relay never needs. Call before anything else, before `ready`.
 */
export function prepareBridgeLaunch(
  app: Pick<AppLike, 'setPath' | 'disableHardwareAcceleration'>,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): string {
  const folder = bridgeProfileDir(env, platform);
  app.setPath('userData', folder);
  app.setPath('sessionData', folder);
  app.disableHardwareAcceleration();
  return folder;
}

export function bridgeProfileDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  return path.join(resolveDataDir(env, platform), 'electron', 'stdio-bridge');
}

/** Relay stdin/stdout to the local endpoint until the input ends. Resolves with the exit code. */
export async function runStdioBridge(io: {
  env: NodeJS.ProcessEnv;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  errors: NodeJS.WritableStream;
}): Promise<number> {
  const launch = readBridgeLaunch(io.env);
  if (!launch.ok && launch.problem === 'no_token') {
    io.errors.write(
      `The bridge needs the client's token in $${BRIDGE_TOKEN_ENV}. Use Configure in Basecamp Companion to write an entry that sets it.\n`,
    );
    return 2;
  }
  if (!launch.ok) {
    io.errors.write(
      `$${BRIDGE_URL_ENV} must be the companion's local endpoint, like ${endpointUrl(3917)}.\n`,
    );
    return 2;
  }
  const { url, token } = launch;
  const bridge = startBridge({
    url,
    token,
    input: io.input,
    output: io.output,
    errors: io.errors,
    reconfigureHint: 'Configure Claude Desktop again from Basecamp Companion',
  });
  await bridge.done;
  return 0;
}
