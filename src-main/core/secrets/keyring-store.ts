// The OS keychain through @napi-rs/keyring: macOS Keychain, Windows Credential Manager, and on Linux the
// Secret Service (GNOME Keyring, KWallet) — pinned, because the library's default silently falls back to the
// kernel keyring, which forgets everything at reboot. When the keychain cannot be used the caller gets a
// KeychainError that says what to do; there is no plaintext fallback, by design.
import crypto from 'node:crypto';
import path from 'node:path';
import { AsyncEntry } from '@napi-rs/keyring';
import { registerSecret } from '../log/redact.ts';
import { KeychainError, type KeychainProblem, type SecretKey, type SecretStore } from './store.ts';

/** Credential Manager stores at most 2560 bytes per item (UTF-16 text). */
const WINDOWS_ITEM_LIMIT_BYTES = 2560;
const DEFAULT_SERVICE = 'basecamp-companion';

export interface KeyringStoreOptions {
  /** The keychain service the items are filed under; see keychainService(). */
  service?: string;
  platform?: NodeJS.Platform;
}

/**
 * The service name for this data directory. A relocated data directory (BASECAMP_COMPANION_HOME: portable
 * installs, tests) is a separate profile with its own settings, so its tokens are filed separately too.
 */
export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.BASECAMP_COMPANION_HOME;
  if (!home) return DEFAULT_SERVICE;
  const digest = crypto.createHash('sha256').update(path.resolve(home)).digest('hex').slice(0, 12);
  return `${DEFAULT_SERVICE}:${digest}`;
}

function describe(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'the Secret Service (GNOME Keyring or KWallet)';
}

const LOCKED =
  /unlock prompt was dismissed|locked collection|is locked|errSecInteractionNotAllowed|errSecAuthFailed|user canceled|User interaction is not allowed/i;
const UNAVAILABLE =
  /dbus|DBUS_SESSION_BUS_ADDRESS|autolaunch|ServiceUnknown|org\.freedesktop\.secrets|platform storage|Platform failure|No such (interface|object)|not provided by any \.service/i;

function remedy(problem: KeychainProblem, platform: NodeJS.Platform): string {
  if (platform === 'darwin') {
    return problem === 'locked'
      ? 'The macOS Keychain is locked or refused access. Unlock your login keychain in Keychain Access (and choose "Always Allow" when macOS asks about Basecamp Companion), then try again.'
      : 'The macOS Keychain could not be used. Open Keychain Access, check that your login keychain exists and is unlocked, then try again.';
  }
  if (platform === 'win32') {
    return 'Windows Credential Manager could not be used. Check that you are signed in to Windows with a normal user account (Credential Manager is unavailable to some service accounts), then try again.';
  }
  return problem === 'locked'
    ? 'Your login keyring is locked, so Basecamp Companion cannot read or save your Basecamp sign-in. Unlock it (open "Passwords and Keys" and unlock the Login keyring, or sign out of your desktop and back in), then try again.'
    : 'No system keychain (Secret Service) is answering in this session, so Basecamp Companion cannot keep your Basecamp sign-in safely. Install and start one — GNOME Keyring (`sudo apt install gnome-keyring`) or KWallet — and run the companion inside your desktop session (over SSH: `dbus-run-session` with an unlocked gnome-keyring-daemon), then try again.';
}

/** Turns whatever the native binding threw into a KeychainError with a remedy. */
export function keychainErrorFrom(
  error: unknown,
  platform: NodeJS.Platform = process.platform,
): KeychainError {
  if (error instanceof KeychainError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const problem: KeychainProblem = LOCKED.test(detail)
    ? 'locked'
    : UNAVAILABLE.test(detail)
      ? 'unavailable'
      : 'failed';
  const lead =
    problem === 'failed'
      ? `The system keychain (${describe(platform)}) reported an error. Unlock or repair it, then try again.`
      : remedy(problem, platform);
  return new KeychainError(
    problem,
    `${lead} Nothing was saved anywhere else. (Keychain said: ${detail.slice(0, 200)})`,
    {
      cause: error,
    },
  );
}

export function createKeyringStore(options: KeyringStoreOptions = {}): SecretStore {
  const service = options.service ?? DEFAULT_SERVICE;
  const platform = options.platform ?? process.platform;
  // The options bag is ignored off Linux; on Linux it turns "no Secret Service" into an error instead of data loss.
  const entryOptions = { linux: { store: 'secret-service' as const } };

  const withEntry = async <T>(username: string, use: (entry: AsyncEntry) => Promise<T>): Promise<T> => {
    try {
      // The constructor itself throws when there is no D-Bus session, so it is inside the try.
      return await use(new AsyncEntry(service, username, entryOptions));
    } catch (error) {
      throw keychainErrorFrom(error, platform);
    }
  };

  return {
    kind: 'os-keychain',
    description: describe(platform),
    async get(key: SecretKey) {
      const value = await withEntry(key, (entry) => entry.getPassword());
      registerSecret(value);
      return value ?? undefined;
    },
    async set(key: SecretKey, value: string) {
      registerSecret(value);
      if (platform === 'win32' && Buffer.byteLength(value, 'utf16le') > WINDOWS_ITEM_LIMIT_BYTES) {
        throw new KeychainError(
          'too-large',
          `The ${key} is longer than Windows Credential Manager can hold in one item (${WINDOWS_ITEM_LIMIT_BYTES} bytes). Please report this; nothing was saved.`,
        );
      }
      await withEntry(key, (entry) => entry.setPassword(value));
    },
    async delete(key: SecretKey) {
      await withEntry(key, (entry) => entry.deleteCredential());
    },
    async check() {
      // A read of a missing item succeeds even on a locked keyring; only a write proves we can save a sign-in.
      await withEntry('availability-check', async (entry) => {
        await entry.setPassword('ok');
        await entry.deleteCredential();
      });
    },
  };
}
