// What the preload exposes as window.companion: one named function per contract channel and one
// subscription per event, derived from the contract's tables. Never ipcRenderer itself, never a
// generic invoke(channel), and the renderer's listeners never see the IpcRendererEvent.
import { bridgeEvents, bridgeMethods, type CompanionBridge } from '../../src-shared/contract.ts';
import type { IpcRendererLike } from './electron-api.ts';

export function createBridge(ipc: IpcRendererLike): CompanionBridge {
  const api: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(bridgeMethods)) {
    // Responses are raw envelopes; the window checks them with decodeResponse.
    api[method] = (request: unknown) => ipc.invoke(channel, request ?? {});
  }
  for (const [method, event] of Object.entries(bridgeEvents)) {
    api[method] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${method} needs a listener function.`);
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
      ipc.on(event, wrapped);
      return () => {
        ipc.removeListener(event, wrapped);
      };
    };
  }
  return Object.freeze(api) as CompanionBridge;
}
