// The keychain port. Everything secret the companion keeps (Basecamp tokens, the OAuth client secret)
// goes through a SecretStore, and only the backends in this folder touch the OS keychain.

/** Each secret is its own keychain item: Windows caps one item at 2560 bytes, so nothing is bundled. */
export type SecretKey = 'access-token' | 'refresh-token' | 'client-secret';

export const SECRET_KEYS: readonly SecretKey[] = ['access-token', 'refresh-token', 'client-secret'];

export interface SecretStore {
  /** `os-keychain` for the real thing; `memory` only in --sandbox mode and tests. */
  readonly kind: 'os-keychain' | 'memory';
  /** Where the items live, in words for the user ("the Secret Service (GNOME Keyring, KWallet)"). */
  readonly description: string;
  get(key: SecretKey): Promise<string | undefined>;
  set(key: SecretKey, value: string): Promise<void>;
  /** Removes the item; removing one that is absent is not an error. */
  delete(key: SecretKey): Promise<void>;
  /** Resolves when the store can be read and written right now; rejects with a KeychainError saying what to do. */
  check(): Promise<void>;
}

export type KeychainProblem = 'unavailable' | 'locked' | 'too-large' | 'failed';

/** The keychain cannot be used. The message tells the user how to fix it; tokens are never written elsewhere. */
export class KeychainError extends Error {
  override name = 'KeychainError';
  readonly problem: KeychainProblem;

  constructor(problem: KeychainProblem, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.problem = problem;
  }
}
