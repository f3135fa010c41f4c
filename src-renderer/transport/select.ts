import { BRIDGE_GLOBAL, type CompanionBridge } from '../../src-shared/contract.ts';
import { electronTransport } from './electron.ts';
import { httpTransport } from './http.ts';
import type { Transport } from './transport.ts';

/** Inside the tray app the preload has put the bridge on window; anywhere else we are the dashboard. */
export function selectTransport(): Transport {
  const bridge = (window as unknown as Record<string, CompanionBridge | undefined>)[BRIDGE_GLOBAL];
  return bridge ? electronTransport(bridge) : httpTransport();
}
