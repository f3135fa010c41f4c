import { registerSecret } from '../log/redact.ts';
import type { SecretKey, SecretStore } from './store.ts';

/** Secrets for this process only: the --sandbox mode (whose tokens are fake) and unit tests. */
export function createMemoryStore(initial: Partial<Record<SecretKey, string>> = {}): SecretStore {
  const items = new Map<SecretKey, string>();
  for (const [key, value] of Object.entries(initial) as [SecretKey, string][]) {
    registerSecret(value);
    items.set(key, value);
  }
  return {
    kind: 'memory',
    description: 'memory (forgotten when the process exits)',
    async get(key) {
      return items.get(key);
    },
    async set(key, value) {
      registerSecret(value);
      items.set(key, value);
    },
    async delete(key) {
      items.delete(key);
    },
    async check() {},
  };
}
