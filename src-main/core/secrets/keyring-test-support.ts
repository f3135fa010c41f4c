// Helpers for tests that need a real Secret Service (run them under scripts/with-keyring.sh).
import { spawnSync } from 'node:child_process';
import { createKeyringStore } from './keyring-store.ts';

/**
 * undefined when a usable Secret Service answers; otherwise the reason to skip. Under with-keyring.sh
 * (BASECAMP_COMPANION_TEST_KEYRING=1) a missing keyring is a failure, not a skip, so CI cannot pass by skipping.
 */
export async function keyringSkipReason(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (process.platform !== 'linux') return 'keychain tests run on Linux only (they drive gnome-keyring)';
  try {
    await createKeyringStore({ service: 'basecamp-companion-test-probe' }).check();
    return undefined;
  } catch (error) {
    if (env.BASECAMP_COMPANION_TEST_KEYRING === '1') {
      throw new Error(
        `with-keyring.sh promised a Secret Service, but it does not answer: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return 'no Secret Service in this session; run the test under scripts/with-keyring.sh';
  }
}

/** Locks the login collection of the current session's keyring, as a screen lock or `seahorse` would. */
export function lockLoginKeyring(env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(
    'dbus-send',
    [
      '--session',
      '--dest=org.freedesktop.secrets',
      '--print-reply',
      '/org/freedesktop/secrets',
      'org.freedesktop.Secret.Service.Lock',
      'array:objpath:/org/freedesktop/secrets/collection/login',
    ],
    { env, encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`could not lock the test keyring: ${result.stderr || result.error?.message}`);
}

/** `secret-tool search --all service <service>`: what a user would see with the standard tool. */
export function secretToolSearch(service: string, env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync('secret-tool', ['search', '--all', 'service', service], { env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return `${result.stdout}\n${result.stderr}`;
}
