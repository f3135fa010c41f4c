// For tests: a ToolContext over the real sandbox Basecamp and the real HTTP client.
import { createBasecampClient } from '../basecamp/client.ts';
import type { BasecampClient } from '../basecamp/types.ts';
import { NeedsSignInError, accountNotChosenError } from '../auth/errors.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server.ts';
import type { ToolContext } from './executor.ts';
import type { UploadPolicy } from './upload-folders.ts';

export interface SandboxContext {
  sandbox: Sandbox;
  ctx: ToolContext;
  /** API requests the sandbox has served so far. */
  requests(): number;
  close(): Promise<void>;
}

export async function startSandboxContext(
  options: SandboxOptions & {
    readOnly?: boolean;
    readOnlySource?: 'settings' | 'flag';
    disabledDomains?: string[];
    uploads?: UploadPolicy;
    /** Like the app after signing in to several accounts without choosing one: a call must name its account. */
    noDefaultAccount?: boolean;
  } = {},
): Promise<SandboxContext> {
  const sandbox = await startSandbox(options);
  const tokens = await sandbox.issueTokens();
  const clients = new Map<number, BasecampClient>();
  const pinnedToday = options.today;
  const accounts = sandbox.accounts.map((account) => ({ id: account.id, name: account.name }));
  const ctx: ToolContext = {
    async clientFor(accountId) {
      if (accountId === undefined && options.noDefaultAccount && sandbox.accounts.length > 1)
        throw accountNotChosenError(accounts);
      const account = sandbox.accounts.find((a) => a.id === (accountId ?? sandbox.accounts[0]?.id));
      if (!account) throw new NeedsSignInError(`Account ${accountId} is not signed in.`);
      let client = clients.get(account.id);
      if (!client) {
        client = createBasecampClient({
          account: { id: account.id, href: account.href },
          userAgent: 'Basecamp Companion tests (https://example.invalid/contact)',
          tokens: {
            accessToken: async () => tokens.access_token,
            afterUnauthorized: async () => {
              throw new NeedsSignInError('The sandbox sign-in expired.');
            },
          },
        });
        clients.set(account.id, client);
      }
      return client;
    },
    accounts: () => accounts,
    readOnly: options.readOnly ?? false,
    ...(options.readOnlySource ? { readOnlySource: options.readOnlySource } : {}),
    disabledDomains: options.disabledDomains ?? [],
    // The seed's due dates are relative to its today: overdue is judged against the same day.
    ...(pinnedToday ? { today: () => pinnedToday } : {}),
    ...(options.uploads ? { uploads: options.uploads } : {}),
  };
  return { sandbox, ctx, requests: () => sandbox.counters.apiRequests, close: () => sandbox.close() };
}
