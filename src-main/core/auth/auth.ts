// The sign-in as the rest of the app sees it: status for `status` and the window, login/logout, the account
// choice, and the TokenProvider the Basecamp client pulls tokens from. No method returns a token or a secret.
import type { Logger } from '../log/logger.ts';
import type { AccountRecord, IdentityRecord, SettingsData } from '../settings/schema.ts';
import type { Settings } from '../settings/settings.ts';
import { KeychainError, type SecretStore } from '../secrets/store.ts';
import { registerSecret } from '../log/redact.ts';
import { DEFAULT_REDIRECT_URI, REGISTER_INTEGRATION_URL, resolveClient, resolveEndpoints } from './config.ts';
import { AuthError, SIGN_IN, SIGN_IN_AGAIN, accountNotChosenError } from './errors.ts';
import { createLaunchpad } from './launchpad.ts';
import { accountList, runLogin, type LoginOptions, type LoginProgress, type LoginResult } from './login.ts';
import { createTokenProvider, type AuthTokenProvider } from './token-provider.ts';

export type SignInState = SettingsData['signInState'];

export interface AuthStatus {
  state: SignInState;
  identity?: IdentityRecord;
  accounts: AccountRecord[];
  selectedAccount?: AccountRecord;
  /** ISO time the access token expires (renewed automatically before then). */
  tokenExpiresAt?: string;
  loginInProgress: boolean;
  /** The redirect URI the user must register for their integration. */
  redirectUri: string;
  launchpadUrl: string;
  clientId?: string;
  /** Where secrets are kept, in words ("the Secret Service (GNOME Keyring or KWallet)"). */
  keychain: string;
  /** One sentence for the user about where they stand and what to do. */
  summary: string;
  /** A configuration problem (bad BASECAMP_REDIRECT_URI, …) that stops sign-in, with what to do. */
  problem?: string;
}

export interface Auth {
  readonly tokenProvider: AuthTokenProvider;
  status(): AuthStatus;
  login(options?: LoginOptions): Promise<LoginResult>;
  /** Stops a sign-in waiting for the browser (the window's Cancel). */
  cancelLogin(): void;
  /** Deletes the tokens from the keychain and the identity/accounts from settings. `forgetClient` also drops the OAuth client. */
  logout(options?: { forgetClient?: boolean }): Promise<void>;
  /** Switch to another of the signed-in user's bc3 accounts. */
  selectAccount(accountId: number): AccountRecord;
  selectedAccount(): AccountRecord | undefined;
  /** The account a tool call should use: the one asked for, else the selected one; a clear error otherwise. */
  resolveAccount(accountId?: number): AccountRecord;
  /** Save a user-registered OAuth client: the ID in settings, the secret in the keychain. */
  setClient(client: { clientId: string; clientSecret: string }): Promise<void>;
  /** Whether a client ID and secret are available (reads the keychain). */
  hasClient(): Promise<boolean>;
  onProgress(listener: (event: LoginProgress) => void): () => void;
}

export interface AuthOptions {
  settings: Settings;
  secrets: SecretStore;
  env?: NodeJS.ProcessEnv;
  logger: Logger;
  /** Opens the sign-in page: shell.openExternal in the app, the OS opener on the CLI. */
  openUrl: (url: string) => Promise<void> | void;
  fetch?: typeof fetch;
  userAgent?: string;
  now?: () => number;
  refreshMarginMs?: number;
}

export function userAgentFor(settings: SettingsData, version = '0.1.0'): string {
  return `Basecamp Companion/${version} (${settings.userAgentContact})`;
}

function summaryFor(data: SettingsData, selected: AccountRecord | undefined): string {
  if (data.signInState === 'signed-out' || !data.identity) return `Not signed in. ${SIGN_IN}`;
  if (data.signInState === 'needs-sign-in') {
    return `The sign-in for ${data.identity.name} has ended and could not be renewed. ${SIGN_IN_AGAIN}`;
  }
  if (!selected) {
    return `Signed in as ${data.identity.name}; choose an account (${accountList(data.accounts)}) with \`basecamp-companion login --account ID\` or in the window.`;
  }
  return `Signed in as ${data.identity.name} (${data.identity.email}) to ${selected.name}.`;
}

export function createAuth(options: AuthOptions): Auth {
  const { settings, secrets, logger: parentLogger } = options;
  const logger = parentLogger.child('auth');
  const env = options.env ?? process.env;
  const launchpad = (url: string) =>
    createLaunchpad({
      url,
      userAgent: options.userAgent ?? userAgentFor(settings.get()),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  const listeners = new Set<(event: LoginProgress) => void>();
  let current: { controller: AbortController; done: Promise<unknown> } | undefined;

  const tokenProvider = createTokenProvider({
    settings,
    secrets,
    logger,
    launchpad: () => launchpad(resolveEndpoints(settings.get(), env).launchpadUrl),
    client: () => {
      const data = settings.get();
      return resolveClient(data, secrets, env, resolveEndpoints(data, env).redirect.uri);
    },
    ...(options.now ? { now: options.now } : {}),
    ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
  });

  const selectedAccount = (): AccountRecord | undefined => {
    const data = settings.get();
    return data.accounts.find((account) => account.id === data.selectedAccountId);
  };

  const emit = (event: LoginProgress): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        logger.warn('A sign-in progress listener failed', { error });
      }
    }
  };

  return {
    tokenProvider,

    status() {
      settings.reload();
      const data = settings.get();
      const selected = selectedAccount();
      let redirectUri = env.BASECAMP_REDIRECT_URI || data.oauth.redirectUri || DEFAULT_REDIRECT_URI;
      let launchpadUrl = env.BASECAMP_LAUNCHPAD_URL || 'https://launchpad.37signals.com';
      let problem: string | undefined;
      try {
        const endpoints = resolveEndpoints(data, env);
        redirectUri = endpoints.redirect.uri;
        launchpadUrl = endpoints.launchpadUrl;
      } catch (error) {
        problem = (error as Error).message;
      }
      if (!problem && data.signInState === 'signed-in' && data.refusedAccounts.length > 0) {
        problem = `Launchpad also lists ${data.refusedAccounts.map((account) => `${account.name} (${account.id}) at ${account.href}`).join(', ')}, which is not HTTPS, so it was left out and your sign-in is never sent there. Basecamp's API is always https://; check BASECAMP_LAUNCHPAD_URL points at the real Launchpad.`;
      }
      const clientId = env.BASECAMP_CLIENT_ID || data.oauth.clientId;
      return {
        state: data.signInState,
        ...(data.identity ? { identity: data.identity } : {}),
        accounts: data.accounts,
        ...(selected ? { selectedAccount: selected } : {}),
        ...(data.tokenExpiresAt ? { tokenExpiresAt: data.tokenExpiresAt } : {}),
        loginInProgress: current !== undefined,
        redirectUri,
        launchpadUrl,
        ...(clientId ? { clientId } : {}),
        keychain: secrets.description,
        summary: summaryFor(data, selected),
        ...(problem ? { problem } : {}),
      };
    },

    async login(loginOptions = {}) {
      // A second Sign in replaces the first (the user closed the tab and clicked again): it needs the port.
      if (current) {
        current.controller.abort();
        await current.done.catch(() => {});
      }
      const controller = new AbortController();
      const signal = loginOptions.signal
        ? AbortSignal.any([loginOptions.signal, controller.signal])
        : controller.signal;
      const done = runLogin(
        {
          settings,
          secrets,
          env,
          logger,
          launchpad,
          tokens: tokenProvider,
          openUrl: options.openUrl,
          progress: emit,
        },
        { ...loginOptions, signal },
      );
      const entry = { controller, done };
      current = entry;
      try {
        return await done;
      } finally {
        if (current === entry) current = undefined;
      }
    },

    cancelLogin() {
      current?.controller.abort();
    },

    async logout(logoutOptions = {}) {
      current?.controller.abort();
      tokenProvider.reset();
      // Settings first: even if the keychain is locked, this app stops using the sign-in now.
      settings.update((data) => ({
        identity: undefined,
        accounts: [],
        refusedAccounts: [],
        selectedAccountId: undefined,
        tokenExpiresAt: undefined,
        tokenObtainedAt: undefined,
        signInState: 'signed-out',
        ...(logoutOptions.forgetClient ? { oauth: { ...data.oauth, clientId: undefined } } : {}),
      }));
      try {
        await secrets.delete('access-token');
        await secrets.delete('refresh-token');
        if (logoutOptions.forgetClient) await secrets.delete('client-secret');
      } catch (error) {
        if (!(error instanceof KeychainError)) throw error;
        throw new KeychainError(
          error.problem,
          `Signed out here, but the Basecamp tokens could not be removed from ${secrets.description}; run \`basecamp-companion logout\` again once it is fixed. ${error.message}`,
          { cause: error },
        );
      }
      logger.info('Signed out of Basecamp', { forgetClient: logoutOptions.forgetClient === true });
    },

    selectAccount(accountId) {
      const data = settings.get();
      const account = data.accounts.find((candidate) => candidate.id === accountId);
      if (!account) {
        throw new AuthError(
          'unknown_account',
          data.accounts.length
            ? `${accountId} is not one of your Basecamp accounts: ${accountList(data.accounts)}.`
            : 'Sign in first: there are no Basecamp accounts to choose from yet.',
        );
      }
      settings.update(() => ({ selectedAccountId: account.id }));
      logger.info('Chose a Basecamp account', { accountId: account.id });
      return account;
    },

    selectedAccount,

    resolveAccount(accountId) {
      settings.reload();
      const data = settings.get();
      if (accountId !== undefined) {
        const account = data.accounts.find((candidate) => candidate.id === accountId);
        if (account) return account;
        throw new AuthError(
          'unknown_account',
          `Account ${accountId} is not one of your Basecamp accounts${data.accounts.length ? `: ${accountList(data.accounts)}` : ''}. Pass one of those IDs as the account.`,
        );
      }
      const selected = selectedAccount();
      if (selected) return selected;
      if (data.accounts.length === 0) throw new AuthError('signed_out', summaryFor(data, undefined));
      throw accountNotChosenError(data.accounts);
    },

    async setClient({ clientId, clientSecret }) {
      const id = clientId.trim();
      const secret = clientSecret.trim();
      if (!/^\w{8,}$/.test(id) || secret.length < 8) {
        throw new AuthError(
          'not_configured',
          `That does not look like a Launchpad client ID and secret; copy both from your integration at ${REGISTER_INTEGRATION_URL}.`,
        );
      }
      registerSecret(secret);
      await secrets.set('client-secret', secret);
      settings.update((data) => ({ oauth: { ...data.oauth, clientId: id } }));
    },

    async hasClient() {
      try {
        const data = settings.get();
        await resolveClient(data, secrets, env, resolveEndpoints(data, env).redirect.uri);
        return true;
      } catch (error) {
        if (error instanceof AuthError) return false;
        throw error;
      }
    },

    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
