// Every contract channel over ipcMain.handle, behind a sender check, through the core's one
// dispatch door (request and response validated there), and every contract event to our window.
import {
  channels,
  type ChannelName,
  type ContractHandlers,
  type Envelope,
  type EventSink,
} from '../../src-shared/contract.ts';
import { dispatch } from '../core/state/dispatch.ts';
import type { ContractEvents } from '../core/state/handlers.ts';
import type { Logger } from '../core/log/logger.ts';
import type { InvokeEventLike, ShellElectron, WindowLike } from './electron-api.ts';
import { isAppUrl } from './security.ts';

export type SenderCheck = (event: InvokeEventLike) => boolean;

/**
 * Trust a call only from the main frame of our own window, showing our own bundle. The window's
 * webContents id is read at call time, so a recreated window is trusted and a stale one is not.
 */
export function ownWindowSender(windowContentsId: () => number | undefined): SenderCheck {
  return (event) => {
    const id = windowContentsId();
    if (id === undefined || event.sender.id !== id) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return isAppUrl(frame.url);
  };
}

const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This window is not allowed to talk to the app.' },
};

/** Register a handler for every channel of the contract. Returns the channels and a way to remove them. */
export function registerContractIpc(
  ipcMain: ShellElectron['ipcMain'],
  handlers: ContractHandlers,
  trusted: SenderCheck,
  logger?: Logger,
): { channels: ChannelName[]; dispose(): void } {
  const names = Object.keys(channels) as ChannelName[];
  for (const channel of names) {
    ipcMain.handle(channel, async (event, request) => {
      if (!trusted(event)) {
        logger?.warn('Refused an IPC call from an unknown sender', { channel });
        return FORBIDDEN;
      }
      return dispatch(handlers, channel, request, { surface: 'tray' }, logger);
    });
  }
  return {
    channels: names,
    dispose: () => {
      for (const channel of names) ipcMain.removeHandler(channel);
    },
  };
}

/** Push every contract event to the window while it exists. Returns the unsubscribe function. */
export function forwardEvents(events: ContractEvents, window: () => WindowLike | undefined): () => void {
  const sink: EventSink = (event, payload) => {
    const target = window();
    if (!target || target.isDestroyed() || target.webContents.isDestroyed()) return;
    target.webContents.send(event, payload);
  };
  return events.subscribe(sink);
}
