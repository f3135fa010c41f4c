// The embedded sandbox Basecamp: what the rest of the product and the tests use.
export { startSandbox, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from './server.ts';
export type { Sandbox, SandboxAccount, SandboxOptions } from './server.ts';
export { CONTROL_HEADER } from './control.ts';
export { answerAuthorizePage } from './browserless.ts';
export type { AuthorizeOutcome } from './browserless.ts';
export type { Faults, FaultFilter, RateLimitFault, ServerErrorFault, LatencyFault } from './faults.ts';
export type { Counters, RequestRecord } from './counters.ts';
export type { LaunchpadSettings, OAuthClient, TokenResponse } from './tokens.ts';
export type { AccountStore, Recording, Person, Project } from './store.ts';
