import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKeyringStore, keychainErrorFrom, keychainService } from './keyring-store.ts';
import { keyringSkipReason, secretToolSearch } from './keyring-test-support.ts';
import { KeychainError } from './store.ts';
import { redactText } from '../log/redact.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const skip = await keyringSkipReason();
const uniqueService = (): string => `bcc-test-${crypto.randomUUID()}`;

test('tokens go into the Secret Service as separate items that secret-tool can find', { skip }, async () => {
  const service = uniqueService();
  const store = createKeyringStore({ service });
  await store.check();
  await store.set('access-token', 'access-value-0123456789');
  await store.set('refresh-token', 'refresh-value-0123456789');
  assert.equal(await store.get('access-token'), 'access-value-0123456789');
  assert.equal(await store.get('refresh-token'), 'refresh-value-0123456789');
  assert.equal(await store.get('client-secret'), undefined);

  const found = secretToolSearch(service);
  assert.match(found, /username = access-token/);
  assert.match(found, /username = refresh-token/);
  // Values read through the store are registered with the redactor, so a stray log line cannot leak them.
  assert.equal(redactText('token access-value-0123456789 here'), 'token [redacted] here');

  await store.delete('access-token');
  await store.delete('access-token'); // absent is fine
  assert.equal(await store.get('access-token'), undefined);
  assert.doesNotMatch(secretToolSearch(service), /username = access-token/);
  await store.delete('refresh-token');
});

test('a locked keyring is a KeychainError that says to unlock it, for reads and writes', { skip }, () => {
  // A private session of its own, so locking it cannot disturb tests running beside this one.
  const script = `
    import { createKeyringStore } from ${JSON.stringify(path.join(root, 'src-main/core/secrets/keyring-store.ts'))};
    import { lockLoginKeyring } from ${JSON.stringify(path.join(root, 'src-main/core/secrets/keyring-test-support.ts'))};
    const store = createKeyringStore({ service: 'bcc-locked-test' });
    await store.set('access-token', 'before-the-lock-123');
    lockLoginKeyring();
    const outcomes = [];
    for (const attempt of [() => store.get('access-token'), () => store.set('refresh-token', 'x-123456789'), () => store.check()]) {
      try { await attempt(); outcomes.push({ ok: true }); } catch (error) { outcomes.push({ problem: error.problem, message: error.message }); }
    }
    console.log(JSON.stringify(outcomes));
  `;
  const child = spawnSync(
    path.join(root, 'scripts/with-keyring.sh'),
    [process.execPath, '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
      env: { ...process.env },
    },
  );
  assert.equal(child.status, 0, child.stderr);
  const outcomes = JSON.parse(child.stdout.trim().split('\n').pop() ?? '[]') as {
    problem?: string;
    message?: string;
  }[];
  assert.equal(outcomes.length, 3);
  for (const outcome of outcomes) {
    assert.equal(outcome.problem, 'locked');
    assert.match(outcome.message ?? '', /login keyring is locked.*Unlock it/);
  }
});

test(
  'no D-Bus session is a KeychainError that says to install or start a keyring, never a silent fallback',
  { skip: process.platform !== 'linux' },
  () => {
    const script = `
    import { createKeyringStore } from ${JSON.stringify(path.join(root, 'src-main/core/secrets/keyring-store.ts'))};
    try { await createKeyringStore({ service: 'bcc-no-bus-test' }).set('access-token', 'never-stored-123'); console.log('stored'); }
    catch (error) { console.log(JSON.stringify({ problem: error.problem, message: error.message })); }
  `;
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env,
    });
    assert.equal(child.status, 0, child.stderr);
    const outcome = JSON.parse(child.stdout.trim()) as { problem: string; message: string };
    assert.equal(outcome.problem, 'unavailable');
    assert.match(outcome.message, /gnome-keyring/);
    assert.match(outcome.message, /Nothing was saved anywhere else/);
  },
);

test('native errors are classified by what the user must do', () => {
  const locked = keychainErrorFrom(
    new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed"),
    'linux',
  );
  assert.ok(locked instanceof KeychainError);
  assert.equal(locked.problem, 'locked');
  const macLocked = keychainErrorFrom(new Error('errSecInteractionNotAllowed'), 'darwin');
  assert.equal(macLocked.problem, 'locked');
  assert.match(macLocked.message, /Keychain Access/);
  assert.equal(keychainErrorFrom(new Error('Ambiguous: 2 credentials'), 'win32').problem, 'failed');
});

test('Windows refuses an item over 2560 bytes with a clear error instead of truncating it', async () => {
  const store = createKeyringStore({ service: uniqueService(), platform: 'win32' });
  await assert.rejects(
    store.set('access-token', 'x'.repeat(1281)),
    (error: KeychainError) => error.problem === 'too-large',
  );
});

test('a relocated data directory files its items under its own service name', () => {
  assert.equal(keychainService({}), 'basecamp-companion');
  const a = keychainService({ BASECAMP_COMPANION_HOME: '/tmp/a' });
  assert.match(a, /^basecamp-companion:[0-9a-f]{12}$/);
  assert.notEqual(a, keychainService({ BASECAMP_COMPANION_HOME: '/tmp/b' }));
});
