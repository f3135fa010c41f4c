export type { CompanionBackend } from './backend.ts';
export { createStateStore, type StateStore } from './store.ts';
export {
  createContractHandlers,
  createContractEvents,
  createWindowApi,
  type ContractEvents,
  type WindowApi,
} from './handlers.ts';
export { dispatch, UserFacingError } from './dispatch.ts';
