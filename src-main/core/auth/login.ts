// One sign-in, start to finish: check the keychain, open the loopback receiver, send the user to Launchpad,
// exchange the code, list the bc3 accounts, store the tokens. Progress is reported as it goes, for the window.
import type { Logger } from '../log/logger.ts';
import type { AccountRecord, IdentityRecord } from '../settings/schema.ts';
import type { Settings } from '../settings/settings.ts';
import type { SecretStore } from '../secrets/store.ts';
import { KeychainError } from '../secrets/store.ts';
import { authorizeUrl, newState } from './authorize-url.ts';
import { resolveClient, resolveEndpoints } from './config.ts';
import { AuthError } from './errors.ts';
import type { Launchpad } from './launchpad.ts';
import { startLoopbackReceiver } from './loopback.ts';
import type { AuthTokenProvider } from './token-provider.ts';

export type LoginProgress =
  | { phase: 'waiting-for-browser'; url: string; redirectUri: string }
  | { phase: 'exchanging' }
  | { phase: 'done'; identity: IdentityRecord; selectedAccount?: AccountRecord; needsAccountChoice: boolean }
  | { phase: 'failed'; code: string; message: string };

export interface LoginOptions {
  /** Don't open a browser; the URL still reaches `onUrl` (the CLI prints it on a line of its own). */
  noBrowser?: boolean;
  /** Choose this bc3 account when the login has several. */
  accountId?: number;
  /** Called with the authorization URL once the receiver is listening. */
  onUrl?: (url: string) => void;
  signal?: AbortSignal;
  /** How long to wait for the browser; 5 minutes unless a test says otherwise. */
  timeoutMs?: number;
}

export interface LoginResult {
  identity: IdentityRecord;
  accounts: AccountRecord[];
  selectedAccount?: AccountRecord;
  /** Several bc3 accounts and none chosen yet: ask the user (`--account ID`, the window's picker). */
  needsAccountChoice: boolean;
}

export interface LoginDeps {
  settings: Settings;
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  launchpad: (url: string) => Launchpad;
  tokens: AuthTokenProvider;
  openUrl: (url: string) => Promise<void> | void;
  progress: (event: LoginProgress) => void;
}

export function accountList(accounts: AccountRecord[]): string {
  return accounts.map((account) => `${account.id} (${account.name})`).join(', ');
}

function chooseAccount(
  accounts: AccountRecord[],
  wanted: number | undefined,
  previous: number | undefined,
): AccountRecord | undefined {
  if (wanted !== undefined) return accounts.find((account) => account.id === wanted);
  return (
    accounts.find((account) => account.id === previous) ?? (accounts.length === 1 ? accounts[0] : undefined)
  );
}

export async function runLogin(deps: LoginDeps, options: LoginOptions = {}): Promise<LoginResult> {
  const { settings, secrets, logger } = deps;
  try {
    const { launchpadUrl, redirect } = resolveEndpoints(settings.get(), deps.env);
    const client = await resolveClient(settings.get(), secrets, deps.env, redirect.uri);
    // Find out now, not after the user has approved in the browser, that the tokens would have nowhere to go.
    await secrets.check();

    const state = newState();
    const receiver = await startLoopbackReceiver({
      redirect,
      state,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let answered = false;
    receiver.code.then(
      () => (answered = true),
      () => (answered = true),
    );
    let code: string;
    try {
      const url = authorizeUrl({ launchpadUrl, clientId: client.clientId, redirectUri: redirect.uri, state });
      deps.progress({ phase: 'waiting-for-browser', url, redirectUri: redirect.uri });
      options.onUrl?.(url);
      if (!options.noBrowser) {
        try {
          await deps.openUrl(url);
        } catch (error) {
          // The URL was handed to onUrl too, so the user can still open it by hand.
          logger.warn('Could not open the browser; open the sign-in link by hand', { error });
        }
      }
      logger.info('Waiting for the browser to come back from Launchpad', { redirectUri: redirect.uri });
      code = await receiver.code;
    } catch (error) {
      // After an answer the receiver shuts itself once the browser has its page; otherwise shut it here.
      if (!answered) await receiver.close();
      throw error;
    }

    deps.progress({ phase: 'exchanging' });
    const launchpad = deps.launchpad(launchpadUrl);
    const grant = await launchpad.exchangeCode({
      code,
      redirectUri: redirect.uri,
      client,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const info = await launchpad.authorization(grant.accessToken, options.signal);
    if (info.accounts.length === 0 && info.refused.length > 0) {
      throw new AuthError(
        'no_bc3_account',
        `Launchpad lists ${info.refused.map((account) => `${account.name} (${account.id}) at ${account.href}`).join(', ')}, but not over HTTPS, so Basecamp Companion refused to send your sign-in there. Basecamp's API is always https://; check BASECAMP_LAUNCHPAD_URL points at the real Launchpad. Nothing was stored.`,
      );
    }
    if (info.accounts.length === 0) {
      const others = info.products.length ? ` (it only has: ${info.products.join(', ')})` : '';
      throw new AuthError(
        'no_bc3_account',
        `Signed in to Launchpad as ${info.identity.name}, but that login has no Basecamp 3 or 4 account${others}. Basecamp Companion works with Basecamp 3/4 (bc3) accounts; sign in with a login that has one. Nothing was stored.`,
      );
    }

    if (info.refused.length > 0) {
      logger.warn('Launchpad lists accounts at a plain http address; they were left out', {
        accounts: info.refused.map((account) => ({ id: account.id, name: account.name, href: account.href })),
      });
    }

    deps.tokens.reset();
    await deps.tokens.saveGrant(grant, info.expiresAt);
    // What the environment supplied worked: remember it so a later `serve` can renew tokens without it.
    if (client.from.clientSecret === 'env') await secrets.set('client-secret', client.clientSecret);
    const previous = settings.get();
    const selected = chooseAccount(
      info.accounts,
      options.accountId,
      previous.identity?.id === info.identity.id ? previous.selectedAccountId : undefined,
    );
    settings.update((current) => ({
      identity: info.identity,
      accounts: info.accounts,
      refusedAccounts: info.refused,
      selectedAccountId: selected?.id,
      signInState: 'signed-in',
      oauth: { ...current.oauth, clientId: client.clientId },
    }));
    logger.info('Signed in to Basecamp', {
      identity: info.identity.email,
      accounts: info.accounts.length,
      selected: selected?.id,
    });

    if (options.accountId !== undefined && !selected) {
      throw new AuthError(
        'unknown_account',
        `Signed in as ${info.identity.name}, but ${options.accountId} is not one of your Basecamp 3/4 accounts: ${accountList(info.accounts)}. Choose one with \`basecamp-companion login --account ID\` or in the window.`,
      );
    }
    const result: LoginResult = {
      identity: info.identity,
      accounts: info.accounts,
      ...(selected ? { selectedAccount: selected } : {}),
      needsAccountChoice: !selected,
    };
    deps.progress({
      phase: 'done',
      identity: info.identity,
      ...(selected ? { selectedAccount: selected } : {}),
      needsAccountChoice: !selected,
    });
    return result;
  } catch (error) {
    const code =
      error instanceof AuthError
        ? error.code
        : error instanceof KeychainError
          ? `keychain_${error.problem}`
          : 'failed';
    const message = error instanceof Error ? error.message : String(error);
    deps.progress({ phase: 'failed', code, message });
    logger.warn('Sign-in did not complete', { code, message });
    throw error;
  }
}
