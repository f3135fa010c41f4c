// The Basecamp client's public face: what the rest of the core imports.
export {
  createBasecampClient,
  createAccountResources,
  createAccountResourcePool,
  type AccountResources,
  type AccountResourceOptions,
  type BasecampClientOptions,
  type CompanionBasecampClient,
  type RetryOptions,
} from './client.ts';
export {
  createGovernor,
  createUnlimitedGovernor,
  type Governor,
  type GovernorOptions,
  type GovernorSlot,
} from './governor.ts';
export { createResponseCache, type ResponseCache, type ResponseCacheOptions } from './cache.ts';
export * from './errors.ts';
export type * from './types.ts';
