import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSettings } from '../settings/settings.ts';
import { silentLogger } from '../log/logger.ts';
import { redactText } from '../log/redact.ts';
import { createClientRegistry, hashToken } from './tokens.ts';

function registryIn(dir: string) {
  const settings = openSettings(dir, silentLogger);
  return { settings, registry: createClientRegistry({ settings }) };
}

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-tokens-'));

test('each client gets its own token; only the hash is stored; the redactor masks it', () => {
  const dir = tempDir();
  const { settings, registry } = registryIn(dir);
  const cursor = registry.mint('cursor', 'cursor');
  const vscode = registry.mint('vscode', 'vscode');
  assert.match(cursor.token, /^bcc_[A-Za-z0-9_-]{43}$/);
  assert.notEqual(cursor.token, vscode.token);
  assert.deepEqual(registry.verifyClientToken(cursor.token), { name: 'cursor', kind: 'cursor' });
  assert.deepEqual(registry.verifyClientToken(vscode.token), { name: 'vscode', kind: 'vscode' });
  const onDisk = fs.readFileSync(settings.file, 'utf8');
  assert.ok(!onDisk.includes(cursor.token) && onDisk.includes(hashToken(cursor.token)));
  assert.equal(redactText(`token=${cursor.token} and ${vscode.token}`).includes('bcc_'), false);
});

test('revoking one client makes only that client fail verification', () => {
  const { registry } = registryIn(tempDir());
  const a = registry.mint('cursor', 'cursor');
  const b = registry.mint('claude-desktop', 'claude-desktop');
  const c = registry.mint('cursor:/work/project', 'cursor');
  assert.equal(registry.revoke('claude-desktop'), true);
  assert.equal(registry.verifyClientToken(b.token), undefined);
  assert.equal(registry.verifyClientToken(a.token)?.name, 'cursor');
  assert.equal(registry.verifyClientToken(c.token)?.name, 'cursor:/work/project');
  assert.ok(registry.get('claude-desktop')?.revokedAt);
  assert.equal(registry.revoke('nobody'), false);
});

test('re-minting rotates: the old token stops working, the new one works', () => {
  const { registry } = registryIn(tempDir());
  const first = registry.mint('cursor', 'cursor');
  const second = registry.mint('cursor', 'cursor');
  assert.equal(registry.verifyClientToken(first.token), undefined);
  assert.equal(registry.verifyClientToken(second.token)?.name, 'cursor');
  assert.equal(registry.list().length, 1);
});

test('garbage, empty and foreign tokens are refused', () => {
  const { registry } = registryIn(tempDir());
  const { token } = registry.mint('cursor', 'cursor');
  for (const bad of [
    undefined,
    '',
    'Bearer ' + token,
    token + 'x',
    token.slice(0, -1),
    'bcc_' + 'a'.repeat(500),
    'not-a-token',
  ]) {
    assert.equal(registry.verifyClientToken(bad), undefined, String(bad));
  }
});

test('a client configured by another process (the CLI) is accepted by a running server without a restart', () => {
  const dir = tempDir();
  const server = registryIn(dir);
  const cli = registryIn(dir);
  const { token } = cli.registry.mint('windsurf', 'windsurf');
  assert.equal(server.registry.verifyClientToken(token)?.name, 'windsurf');
  cli.registry.revoke('windsurf');
  assert.equal(server.registry.verifyClientToken(token), undefined, 'a revoke from the CLI counts at once');
});

test('stats: the MCP endpoint feeds last seen, client info, calls and errors', () => {
  let now = new Date('2026-12-03T10:00:00Z');
  const settings = openSettings(tempDir(), silentLogger);
  const registry = createClientRegistry({ settings, now: () => now });
  registry.mint('cursor', 'cursor');
  registry.recordSeen('cursor', { name: 'cursor-vscode', version: '1.0.0' });
  registry.recordCall('cursor', { ok: true });
  now = new Date('2026-12-03T10:05:00Z');
  registry.recordCall('cursor', { ok: false });
  assert.deepEqual(registry.get('cursor')?.stats, {
    lastSeen: '2026-12-03T10:05:00.000Z',
    clientInfo: { name: 'cursor-vscode', version: '1.0.0' },
    calls: 2,
    errors: 1,
  });
  assert.equal(registry.remove('cursor'), true);
  assert.equal(registry.get('cursor'), undefined);
});
