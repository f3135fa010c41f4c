import {
  ContractError,
  decodeEvent,
  decodeResponse,
  events,
  type EventName,
  type EventOf,
} from '../../src-shared/contract.ts';
import type { ConnectionState, Transport } from './transport.ts';

/** The browser dashboard: POST api/<channel> and one EventSource on api/events, same contract, same checks. */
export function httpTransport(base = ''): Transport {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let source: EventSource | undefined;
  let state: ConnectionState = 'open';

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  const ensureStream = (): void => {
    if (source) return;
    source = new EventSource(`${base}api/events`);
    source.onopen = () => setState('open');
    source.onerror = () => setState('lost');
    for (const event of Object.keys(events) as EventName[]) {
      source.addEventListener(event, (message) => {
        let raw: unknown;
        try {
          raw = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        const decoded = decodeEvent(event, raw);
        if (!decoded.ok) return console.warn(`Ignored a malformed ${event} event: ${decoded.reason}`);
        for (const listener of listeners.get(event) ?? [])
          (listener as (payload: EventOf<typeof event>) => void)(decoded.value);
      });
    }
  };

  return {
    kind: 'http',
    async call(channel, request) {
      let response: Response;
      try {
        response = await fetch(`${base}api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
          credentials: 'same-origin',
        });
      } catch {
        throw new ContractError('unavailable', 'Can’t reach Basecamp Companion. Is it still running?');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ContractError(
          'unavailable',
          `Basecamp Companion answered with HTTP ${response.status}. Reload the page.`,
        );
      }
      return decodeResponse(channel, body);
    },
    on(event, listener) {
      ensureStream();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}
