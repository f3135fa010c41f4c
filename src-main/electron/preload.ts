// The preload of the sandboxed window. Built as CommonJS (sandboxed preloads cannot be ESM) with the
// contract bundled in, so at run time it requires nothing but 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../src-shared/contract.ts';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer));
