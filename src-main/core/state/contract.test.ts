import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import {
  channels,
  decodeResponse,
  events,
  snapshotSchema,
  ContractError,
} from '../../../src-shared/contract.ts';

// Walks every key a schema can carry, including nested objects, arrays and optionals.
function keysOf(schema: z.ZodType, prefix = ''): string[] {
  const def = (
    schema as unknown as {
      def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType };
    }
  ).def;
  if (def.type === 'object' && def.shape) {
    return Object.entries(def.shape).flatMap(([key, inner]) => [
      prefix + key,
      ...keysOf(inner, `${prefix}${key}.`),
    ]);
  }
  if (def.type === 'array' && def.element) return keysOf(def.element, prefix);
  if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType)
    return keysOf(def.innerType, prefix);
  return [];
}

test('no field of the snapshot or any event is named for a secret', () => {
  const secretish = /token|secret|password|authorization|cookie|bearer|credential/i;
  const keys = [snapshotSchema, ...Object.values(events)].flatMap((schema) => keysOf(schema));
  assert.ok(keys.includes('auth.setup.redirectUri'), 'the walk reaches nested fields');
  assert.deepEqual(
    keys.filter((key) => secretish.test(key)),
    [],
  );
});

test('no response carries a field named for a secret', () => {
  const secretish = /token|secret|password|authorization|cookie|bearer/i;
  for (const [name, channel] of Object.entries(channels)) {
    assert.deepEqual(
      keysOf(channel.response).filter((key) => secretish.test(key)),
      [],
      name,
    );
  }
});

test('a snapshot with a stray token field is refused, not passed along', () => {
  const result = channels['mcp:connection-info'].response.safeParse({
    url: 'http://127.0.0.1:3917/mcp',
    transport: 'streamable-http',
    note: 'x',
    accessToken: 'abc',
  });
  assert.equal(result.success, false);
});

test('decodeResponse returns the value, raises the failure, and refuses a wrong shape', () => {
  const value = decodeResponse('auth:cancel-sign-in', { ok: true, value: { cancelled: true } });
  assert.deepEqual(value, { cancelled: true });
  assert.throws(
    () =>
      decodeResponse('auth:sign-out', {
        ok: false,
        error: { code: 'failed', message: 'Keychain is locked.' },
      }),
    (error: unknown) => error instanceof ContractError && error.message === 'Keychain is locked.',
  );
  assert.throws(
    () => decodeResponse('auth:cancel-sign-in', { ok: true, value: { cancelled: 'yes' } }),
    ContractError,
  );
});

test('logs:tail fills in defaults', () => {
  assert.deepEqual(channels['logs:tail'].request.parse({}), { sinceSeq: 0, limit: 500 });
});
