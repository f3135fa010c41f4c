// The clients part of the core: one table of AI clients, one safe config writer, client tokens, the stdio bridge.
export {
  CLIENTS,
  ENTRY_NAME,
  findClient,
  clientIds,
  endpointUrl,
  isInstalled,
  type ClientSpec,
  type BridgeCommand,
} from './table.ts';
export {
  configureClient,
  type ConfigureContext,
  type ConfigureRequest,
  type ConfigureResult,
  type CommandRunner,
} from './configure.ts';
export { clientStatus, clientStatuses, type ClientStatus, type ClientState } from './status.ts';
export { createClientRegistry, type ClientRegistry, type ClientView, type VerifiedClient } from './tokens.ts';
export { editEntry, readEntry, realWriteSteps, type EntryLocation, type WriteSteps } from './config-file.ts';
export { systemEnvironment, type ClientEnvironment } from './environment.ts';
export { startBridge, type BridgeOptions } from './bridge.ts';
export { ConfigParseError, ClientConfigError } from './errors.ts';
