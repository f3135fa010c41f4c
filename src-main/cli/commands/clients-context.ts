// What the configure / clients commands share: the settings, the client registry, the machine, the bridge.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCompanion } from '../../core/app.ts';
import type { Settings } from '../../core/settings/settings.ts';
import type { ClientRegistry } from '../../core/clients/tokens.ts';
import { systemEnvironment, type ClientEnvironment } from '../../core/clients/environment.ts';
import type { BridgeCommand } from '../../core/clients/table.ts';
import type { CliIo } from '../command.ts';

export interface ClientsContext {
  settings: Settings;
  registry: ClientRegistry;
  environment: ClientEnvironment;
  bridge: BridgeCommand;
  /** The data directory (private to the user): where a printed command's token file goes. */
  dataDir: string;
}

/**
 * How a client starts our stdio bridge: this very Node and this very CLI entry, as absolute paths
 * (GUI apps don't see the shell's PATH, and no npx or network is involved).
 */
export function bridgeLauncher(env: NodeJS.ProcessEnv): BridgeCommand {
  const entry =
    process.argv[1] && /(basecamp-companion(\.js)?|main\.ts)$/.test(process.argv[1])
      ? path.resolve(process.argv[1])
      : fileURLToPath(new URL('../main.ts', import.meta.url));
  const command = env.BASECAMP_COMPANION_NODE ?? process.execPath;
  return { command, args: [entry, 'bridge'] };
}

export async function openClientsContext(io: CliIo): Promise<ClientsContext> {
  const companion = await createCompanion({ env: io.env, console: io.stderr, consoleLevel: 'warn' });
  return {
    settings: companion.settings,
    registry: companion.clients,
    environment: systemEnvironment({ env: io.env }),
    bridge: bridgeLauncher(io.env),
    dataDir: companion.paths.dataDir,
  };
}
