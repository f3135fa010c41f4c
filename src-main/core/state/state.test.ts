import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventName, Snapshot } from '../../../src-shared/contract.ts';
import { createMemoryBackend } from '../../../e2e/browser/memory-backend.ts';
import { dispatch } from './dispatch.ts';
import { createWindowApi } from './handlers.ts';

const tray = { surface: 'tray' as const };
const tick = () => new Promise((resolve) => setImmediate(resolve));

test('the window gets one snapshot, then a higher rev only when something changed', async () => {
  const backend = createMemoryBackend();
  const api = createWindowApi(backend);
  const first = api.store.snapshot();
  const seen: Snapshot[] = [];
  api.store.subscribe((snapshot) => seen.push(snapshot));

  api.store.refresh();
  await tick();
  assert.equal(seen.length, 0, 'no change, no event');

  await Promise.all([backend.updateSettings({ readOnly: true }), backend.updateSettings({ port: 4000 })]);
  await tick();
  assert.equal(seen.length, 1, 'two changes in the same tick arrive as one snapshot');
  assert.ok(seen[0]!.rev > first.rev);
  assert.equal(seen[0]!.settings.readOnly, true);
  assert.equal(seen[0]!.settings.port, 4000);
  api.close();
});

test('a backend that leaks a token into the state is refused', () => {
  const backend = createMemoryBackend();
  const leaky = {
    ...backend,
    status: () => ({ ...backend.status(), server: { state: 'running' as const, accessToken: 'abc' } }),
  };
  const api = createWindowApi(leaky);
  assert.throws(() => api.store.snapshot(), /did not match the contract/);
});

test('every channel answers through dispatch, and bad requests get a sentence', async () => {
  const backend = createMemoryBackend();
  const { handlers } = createWindowApi(backend);
  const configured = await dispatch(handlers, 'clients:configure', { kind: 'cursor' }, tray);
  assert.equal(configured.ok, true);
  const list = await dispatch(handlers, 'clients:list', {}, tray);
  assert.ok(list.ok && (list.value as { clients: unknown[] }).clients.length === 1);

  const wrongKind = await dispatch(handlers, 'clients:configure', { kind: 'notepad' }, tray);
  assert.equal(wrongKind.ok, false);
  assert.match(!wrongKind.ok ? wrongKind.error.message : '', /kind/);

  const extra = await dispatch(handlers, 'settings:update', { port: 5000, apiKey: 'x' }, tray);
  assert.equal(extra.ok, false, 'unknown fields are refused');

  const unknown = await dispatch(handlers, 'shell:exec', {}, tray);
  assert.deepEqual(!unknown.ok && unknown.error.code, 'unknown-channel');

  const revokeMissing = await dispatch(handlers, 'clients:revoke', { name: 'nobody' }, tray);
  assert.match(!revokeMissing.ok ? revokeMissing.error.message : '', /No client is called "nobody"/);
});

test('sign-in reports progress as events, and cancel ends it', async () => {
  const backend = createMemoryBackend();
  const api = createWindowApi(backend);
  const received: Array<[EventName, unknown]> = [];
  const stop = api.events.subscribe((event, payload) => received.push([event, payload]));

  const pending = dispatch(api.handlers, 'auth:sign-in', {}, tray);
  await tick();
  assert.equal(api.store.snapshot().auth.state, 'signing-in');
  assert.ok(
    received.some(
      ([event, p]) => event === 'auth:progress' && (p as { step: string }).step === 'waiting-for-browser',
    ),
  );

  const second = await dispatch(api.handlers, 'auth:sign-in', {}, tray);
  assert.match(!second.ok ? second.error.message : '', /already in progress/);

  const cancel = await dispatch(api.handlers, 'auth:cancel-sign-in', {}, tray);
  assert.deepEqual(cancel, { ok: true, value: { cancelled: true } });
  assert.deepEqual(await pending, {
    ok: true,
    value: { outcome: 'cancelled', message: 'Sign-in cancelled.' },
  });
  await tick();
  assert.equal(api.store.snapshot().auth.state, 'signed-out');

  const again = dispatch(api.handlers, 'auth:sign-in', {}, tray);
  await tick();
  backend.approveSignIn();
  assert.deepEqual(await again, {
    ok: true,
    value: { outcome: 'signed-in', message: 'Signed in to Basecamp.' },
  });
  await tick();
  const snapshot = api.store.snapshot();
  assert.equal(snapshot.auth.state, 'signed-in');
  assert.equal(snapshot.auth.progress, undefined);
  assert.ok(received.some(([event]) => event === 'snapshot:changed'));
  assert.ok(
    received.some(
      ([event, p]) => event === 'logs:appended' && JSON.stringify(p).includes('Signed in as Annie Bryan'),
    ),
  );
  stop();
  api.close();
});

test('logs:tail returns what came after a sequence number', async () => {
  const backend = createMemoryBackend();
  const { handlers } = createWindowApi(backend);
  backend.logger.info('one');
  backend.logger.info('two');
  const all = await dispatch(handlers, 'logs:tail', {}, tray);
  assert.ok(all.ok);
  const { entries, lastSeq } = all.value as {
    entries: Array<{ seq: number; message: string }>;
    lastSeq: number;
  };
  assert.deepEqual(
    entries.map((entry) => entry.message),
    ['one', 'two'],
  );
  const after = await dispatch(handlers, 'logs:tail', { sinceSeq: entries[0]!.seq }, tray);
  assert.deepEqual(
    after.ok && (after.value as { entries: Array<{ message: string }> }).entries.map((e) => e.message),
    ['two'],
  );
  assert.equal(lastSeq, entries[1]!.seq);
});
