import {
  bridgeEvents,
  bridgeMethods,
  decodeEvent,
  decodeResponse,
  type CompanionBridge,
  type EventName,
} from '../../src-shared/contract.ts';
import type { Transport } from './transport.ts';

type MethodName = keyof typeof bridgeMethods;
type SubscriptionName = keyof typeof bridgeEvents;

const methodFor = Object.fromEntries(
  Object.entries(bridgeMethods).map(([method, channel]) => [channel, method]),
) as Record<string, MethodName>;
const subscriptionFor = Object.fromEntries(
  Object.entries(bridgeEvents).map(([method, event]) => [event, method]),
) as Record<EventName, SubscriptionName>;

/** The tray window: named functions the preload exposed, with every answer checked against the contract. */
export function electronTransport(bridge: CompanionBridge): Transport {
  return {
    kind: 'electron',
    async call(channel, request) {
      const method = bridge[methodFor[channel]!] as (request: unknown) => Promise<unknown>;
      return decodeResponse(channel, await method(request));
    },
    on(event, listener) {
      return bridge[subscriptionFor[event]]((raw) => {
        const decoded = decodeEvent(event, raw);
        if (decoded.ok) listener(decoded.value);
        else console.warn(`Ignored a malformed ${event} event: ${decoded.reason}`);
      });
    },
    // IPC does not drop while the window lives.
    onConnection: () => () => {},
  };
}
