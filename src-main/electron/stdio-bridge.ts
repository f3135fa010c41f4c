// The tray app as the stdio bridge for clients that only start stdio servers (Claude Desktop).
// The packaged app has no Node to run the CLI with (the runAsNode fuse is off), so the client runs
// the app's own binary with --stdio-bridge; that launch relays and exits, and never touches the tray.
import { readBridgeLaunch, startBridge } from '../core/clients/bridge.ts';
import { BRIDGE_TOKEN_ENV, BRIDGE_URL_ENV, endpointUrl, type BridgeCommand } from '../core/clients/table.ts';

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
