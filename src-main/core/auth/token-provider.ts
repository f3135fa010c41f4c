// Hands the Basecamp client a valid access token. Refreshes ahead of expiry and once after a 401, one refresh
// at a time (concurrent callers share it), keeps the old refresh token when Launchpad does not rotate it, and
// turns a refusal into "needs sign-in" instead of a crash. Tokens are read from the keychain once and kept
// in memory; the keychain is re-read only to notice another process (the tray app, a `serve`) having renewed them.
import type { TokenProvider } from '../basecamp/types.ts';
import type { Logger } from '../log/logger.ts';
import { registerSecret } from '../log/redact.ts';
import type { Settings } from '../settings/settings.ts';
import type { SecretStore } from '../secrets/store.ts';
import { NeedsSignInError } from './errors.ts';
import type { Launchpad, OAuthClient, TokenGrant } from './launchpad.ts';

/** Refresh when less than this remains (the official CLI uses 300 s), or half the lifetime for short-lived tokens. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface AuthTokenProvider extends TokenProvider {
  /** Store a new grant from a sign-in: keychain items, expiry in settings. */
  saveGrant(grant: TokenGrant, expiresAtFallback?: string): Promise<void>;
  /** Drop what is held in memory (after sign-out, or a sign-in by this process). */
  reset(): void;
}

export interface TokenProviderOptions {
  settings: Settings;
  secrets: SecretStore;
  launchpad: () => Launchpad;
  client: () => Promise<OAuthClient>;
  logger: Logger;
  now?: () => number;
  refreshMarginMs?: number;
}

interface HeldTokens {
  accessToken: string;
  refreshToken: string | undefined;
}

const NOT_SIGNED_IN = "You're not signed in to Basecamp.";
const ENDED = 'Your Basecamp sign-in has ended and could not be renewed.';

export function createTokenProvider(options: TokenProviderOptions): AuthTokenProvider {
  const { settings, secrets, logger } = options;
  const now = options.now ?? Date.now;
  const marginMs = options.refreshMarginMs ?? REFRESH_MARGIN_MS;
  let held: HeldTokens | undefined;
  /** settings.tokenObtainedAt when `held` was read or saved: a different value means another process renewed. */
  let heldStamp: string | undefined;
  let refreshing: Promise<string> | undefined;
  /** The refresh token Launchpad refused; a different one in the keychain means someone signed in again. */
  let refused: string | undefined;

  const readKeychain = async (): Promise<HeldTokens | undefined> => {
    const [accessToken, refreshToken] = [
      await secrets.get('access-token'),
      await secrets.get('refresh-token'),
    ];
    if (!accessToken && !refreshToken) return undefined;
    return { accessToken: accessToken ?? '', refreshToken };
  };

  const load = async (): Promise<HeldTokens> => {
    if (held) return held;
    const stored = await readKeychain();
    if (!stored) {
      throw new NeedsSignInError(NOT_SIGNED_IN, {
        signedOut: settings.get().signInState !== 'needs-sign-in',
      });
    }
    held = stored;
    heldStamp = settings.get().tokenObtainedAt;
    return stored;
  };

  /** Milliseconds until the access token should be renewed; undefined when its expiry is unknown. */
  const untilRefresh = (): number | undefined => {
    const { tokenExpiresAt, tokenObtainedAt } = settings.get();
    const expiresAt = tokenExpiresAt ? Date.parse(tokenExpiresAt) : NaN;
    if (Number.isNaN(expiresAt)) return undefined;
    const obtainedAt = tokenObtainedAt ? Date.parse(tokenObtainedAt) : NaN;
    const margin = Number.isNaN(obtainedAt) ? marginMs : Math.min(marginMs, (expiresAt - obtainedAt) / 2);
    return expiresAt - margin - now();
  };
  const expired = (): boolean => {
    const expiresAt = Date.parse(settings.get().tokenExpiresAt ?? '');
    return !Number.isNaN(expiresAt) && expiresAt <= now();
  };

  const saveGrant = async (grant: TokenGrant, expiresAtFallback?: string): Promise<void> => {
    registerSecret(grant.accessToken);
    registerSecret(grant.refreshToken);
    const refreshToken = grant.refreshToken ?? held?.refreshToken;
    held = { accessToken: grant.accessToken, refreshToken };
    refused = undefined;
    const issued = now();
    heldStamp = new Date(issued).toISOString();
    const expiresAt = grant.expiresIn
      ? new Date(issued + grant.expiresIn * 1000).toISOString()
      : expiresAtFallback;
    // Memory first, so this process keeps working even if the keychain write below fails.
    await secrets.set('access-token', grant.accessToken);
    if (grant.refreshToken) await secrets.set('refresh-token', grant.refreshToken);
    settings.update(() => ({
      tokenExpiresAt: expiresAt,
      tokenObtainedAt: heldStamp,
      signInState: 'signed-in',
    }));
  };

  const markNeedsSignIn = (error: NeedsSignInError): void => {
    logger.warn('Basecamp sign-in needs renewing by the user', { reason: error.message });
    if (settings.get().signInState !== 'needs-sign-in')
      settings.update(() => ({ signInState: 'needs-sign-in' }));
  };

  /** Another process may have renewed the tokens (or signed in again); adopt what the keychain holds if it is newer. */
  const adoptNewerFromKeychain = async (): Promise<boolean> => {
    const stored = await readKeychain();
    if (
      !stored?.refreshToken ||
      stored.refreshToken === held?.refreshToken ||
      stored.refreshToken === refused
    )
      return false;
    settings.reload();
    held = stored;
    heldStamp = settings.get().tokenObtainedAt;
    refused = undefined;
    return true;
  };

  const refresh = (reason: 'expiring' | 'unauthorized'): Promise<string> => {
    refreshing ??= (async () => {
      const tokens = await load();
      if (await adoptNewerFromKeychain()) {
        logger.info('Using the Basecamp tokens another Basecamp Companion process renewed');
        const fresh = held as HeldTokens;
        if (reason === 'expiring' ? (untilRefresh() ?? 1) > 0 : fresh.accessToken !== tokens.accessToken)
          return fresh.accessToken;
      }
      const current = held as HeldTokens;
      if (!current.refreshToken) {
        const error = new NeedsSignInError(ENDED);
        markNeedsSignIn(error);
        throw error;
      }
      logger.info(
        reason === 'expiring'
          ? 'Renewing the Basecamp access token before it expires'
          : 'Renewing the Basecamp access token after Basecamp refused it',
      );
      try {
        const grant = await options
          .launchpad()
          .refresh({ refreshToken: current.refreshToken, client: await options.client() });
        await saveGrant(grant).catch((error: unknown) => {
          // The new tokens are in memory and keep this process working; say loudly that they were not kept.
          logger.error(
            'Renewed the Basecamp sign-in but could not save it in the keychain; it will be lost when the companion quits',
            {
              error,
            },
          );
        });
        return (held as HeldTokens).accessToken;
      } catch (error) {
        if (error instanceof NeedsSignInError) {
          // Someone else may have rotated the refresh token a moment before us.
          if (await adoptNewerFromKeychain()) return (held as HeldTokens).accessToken;
          refused = current.refreshToken;
          markNeedsSignIn(error);
          throw error;
        }
        // Launchpad unreachable: a token that has not expired yet is still good.
        if (reason === 'expiring' && !expired() && current.accessToken) {
          logger.warn(
            'Could not renew the Basecamp access token yet; using the current one until it expires',
            { error },
          );
          return current.accessToken;
        }
        throw error;
      }
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  /** Settings are re-read, so a sign-in made by another process since we last looked heals this one. */
  const ensureSignedIn = (): void => {
    settings.reload();
    const { signInState: state, tokenObtainedAt } = settings.get();
    if (held && tokenObtainedAt !== heldStamp) held = undefined; // renewed elsewhere: re-read the keychain
    if (state === 'signed-in') return;
    throw new NeedsSignInError(state === 'needs-sign-in' ? ENDED : NOT_SIGNED_IN, {
      signedOut: state === 'signed-out',
    });
  };

  return {
    async accessToken() {
      if (refreshing) return refreshing;
      ensureSignedIn();
      const tokens = await load();
      const due = untilRefresh();
      if (!tokens.accessToken || (due !== undefined && due <= 0)) return refresh('expiring');
      return tokens.accessToken;
    },
    async afterUnauthorized(rejectedToken) {
      if (refreshing) return refreshing;
      ensureSignedIn();
      const tokens = await load();
      // Someone already replaced the rejected token: use theirs instead of refreshing again.
      if (tokens.accessToken && tokens.accessToken !== rejectedToken) return tokens.accessToken;
      return refresh('unauthorized');
    },
    saveGrant,
    reset() {
      held = undefined;
      heldStamp = undefined;
      refused = undefined;
    },
  };
}
