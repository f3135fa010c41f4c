import type { ChannelName, EventName, EventOf, RequestInput, ResponseOf } from '../../src-shared/contract.ts';

export type ConnectionState = 'open' | 'lost';

/** How the window talks to main: the Electron preload bridge, or HTTP + server-sent events in the dashboard. */
export interface Transport {
  readonly kind: 'electron' | 'http';
  /** Resolves with the validated response; rejects with a ContractError whose message is for the user. */
  call<C extends ChannelName>(channel: C, request: RequestInput<C>): Promise<ResponseOf<C>>;
  /** Validated events only; returns an unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
  /** The event stream dropped or came back (the window then refetches). */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}
