// The states between "installed" and "configured" that `clients list` and `status` must agree on: a revoked
// token, a project file that is not there, a printed command not run yet, a token printed by --print.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { configureClient } from './configure.ts';
import { configureWorld } from './clients-test-support.ts';
import { clientStatus, clientStatuses, type StatusOptions } from './status.ts';
import { findClient } from './table.ts';

function world(t: { after: (fn: () => void) => void }) {
  // No client CLI on PATH: claude-code gets a command to run by hand, its token in a file in the data folder.
  const made = configureWorld({ prefix: 'bcc-status-', tokenFiles: true });
  t.after(() => fs.rmSync(made.root, { recursive: true, force: true }));
  const { environment, registry, dataDir } = made;
  const options: StatusOptions = { environment, registry, port: 3917, tokenFileDir: dataDir };
  return { ...made, options };
}

test('a revoked client reads revoked, its entry still in the file, and says how to fix it', (t) => {
  const { home, registry, context, options } = world(t);
  fs.mkdirSync(path.join(home, '.cursor'));
  fs.writeFileSync(path.join(home, '.cursor', 'own.json'), '{}');
  configureClient(context, { client: 'cursor' });
  assert.equal(clientStatus(findClient('cursor')!, options).state, 'configured');
  registry.revoke('cursor');
  const status = clientStatus(findClient('cursor')!, options);
  assert.equal(status.state, 'revoked');
  assert.match(status.problem!, /configure cursor/);
  configureClient(context, { client: 'cursor' });
  assert.equal(clientStatus(findClient('cursor')!, options).state, 'configured');
});

test('the project files of --project that are not there, and that we never configured, are not configured', (t) => {
  const { root, context, options } = world(t);
  const project = path.join(root, 'app');
  fs.mkdirSync(project);
  configureClient(context, { client: 'claude-code', project });
  const rows = clientStatuses({ ...options, project }).filter((status) => status.name.includes(':'));
  assert.ok(rows.length > 1, 'every project-capable client has a row');
  for (const row of rows) {
    const expected = row.name === `claude-code:${project}` ? 'configured' : 'not-configured';
    assert.equal(row.state, expected, `${row.name} (${row.configPath})`);
    if (expected === 'not-configured') assert.equal(fs.existsSync(row.configPath), false);
  }
});

test('claude-code with a printed command waits until the command is run, then is configured once seen', (t) => {
  const { dataDir, registry, context, options } = world(t);
  const spec = findClient('claude-code')!;
  const result = configureClient(context, { client: 'claude-code' });
  assert.equal(result.action, 'run-this-command');
  assert.ok(fs.existsSync(path.join(dataDir, 'claude-code.token')));
  assert.equal(clientStatus(spec, options).state, 'waiting-for-command');
  // The command ran (it deletes the file) but no ~/.claude.json we can read: not seen yet, the token was printed.
  fs.rmSync(path.join(dataDir, 'claude-code.token'));
  assert.equal(clientStatus(spec, options).state, 'printed');
  registry.recordSeen('claude-code', { name: 'claude-code', version: '2.0' });
  const seen = clientStatus(spec, options);
  assert.equal(seen.state, 'connected');
  const later = () => new Date(Date.parse(seen.lastSeen!) + 20 * 60_000);
  assert.equal(clientStatus(spec, { ...options, now: later }).state, 'configured');
  registry.revoke('claude-code');
  assert.equal(clientStatus(spec, options).state, 'revoked');
});

test('a token file left over from an older command does not count once the token was replaced', (t) => {
  const { dataDir, context, options } = world(t);
  configureClient(context, { client: 'claude-code' });
  const stale = fs.readFileSync(path.join(dataDir, 'claude-code.token'), 'utf8');
  configureClient(context, { client: 'claude-code', print: true });
  fs.writeFileSync(path.join(dataDir, 'claude-code.token'), stale);
  assert.equal(clientStatus(findClient('claude-code')!, options).state, 'printed');
});

test('configure --print leaves the client printed, not installed or configured', (t) => {
  const { context, options } = world(t);
  const result = configureClient(context, { client: 'zed', print: true });
  assert.equal(result.action, 'printed');
  const status = clientStatus(findClient('zed')!, options);
  assert.equal(status.state, 'printed');
  assert.equal(status.problem, undefined);
});
