// What `clients list` and `configure claude-code` tell a new user: our own folders are no sign a client is
// installed, counts another process made are unknown (null, not 0), and a command we print for the user to
// run never carries the token inline (it would stay in the shell's history).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { rawRequest } from './support/mcp-http.ts';
import {
  cursorAuthorization,
  runCli,
  sandboxServeForFile,
  throwawayHome,
  type ThrowawayHome,
} from './support/product.ts';

interface Listed {
  clients: Array<{
    name: string;
    state: string;
    problem?: string;
    lastSeen?: string;
    lastSeenFrom?: string;
    calls?: number | null;
    errors?: number | null;
  }>;
  registry: Array<{
    name: string;
    stats: { lastSeen?: string; calls: number | null; lastSeenFrom?: string };
  }>;
}

async function listed(home: ThrowawayHome): Promise<Listed> {
  const result = await runCli(['clients', 'list', '--json'], home.env);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Listed;
}

// A PATH with the shell tools but no AI client on it.
const plainPath = '/usr/bin:/bin';

test('after clients revoke, the client reads revoked; once replaced, its folder of ours is no sign it is installed', async (t) => {
  const home = throwawayHome({ PATH: plainPath });
  t.after(() => home.remove());
  const zedDir = path.join(home.home, '.config', 'zed');
  assert.equal((await runCli(['configure', 'zed'], home.env)).code, 0);
  assert.ok(fs.existsSync(path.join(zedDir, 'settings.json')));
  assert.equal((await runCli(['clients', 'revoke', 'zed'], home.env)).code, 0);

  const zed = (await listed(home)).clients.find((client) => client.name === 'zed');
  assert.equal(zed?.state, 'revoked');
  assert.match(zed?.problem ?? '', /revoked.*configure zed/);
  const table = await runCli(['clients', 'list'], home.env);
  assert.match(table.stdout, /^zed\s+revoked — configure again\s+/m);
  assert.match((await runCli(['status'], home.env)).stdout, /^Clients:.*\bzed \(revoked\)/m);

  // configure says the same: our folder does not make Zed look installed.
  const printed = await runCli(['configure', 'zed', '--print'], home.env);
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /Zed does not look installed here/);
  // The file keeps the revoked token, the printed one replaced it: our folder does not make Zed installed.
  assert.equal((await listed(home)).clients.find((client) => client.name === 'zed')?.state, 'not-installed');

  // Once Zed writes its own files there, the folder is Zed's: installed.
  fs.writeFileSync(path.join(zedDir, 'keymap.json'), '[]\n');
  assert.equal((await listed(home)).clients.find((client) => client.name === 'zed')?.state, 'installed');
});

test('configure zed --print: clients list and status say printed, not installed or configured', async (t) => {
  const home = throwawayHome({ PATH: plainPath });
  t.after(() => home.remove());
  assert.equal((await runCli(['configure', 'zed', '--print'], home.env)).code, 0);
  const table = await runCli(['clients', 'list'], home.env);
  assert.match(table.stdout, /^zed\s+printed \(not written to a file\)\s/m);
  assert.doesNotMatch(table.stdout, /Other client tokens/, 'zed is in the table, not listed twice');
  assert.match(
    (await runCli(['status'], home.env)).stdout,
    /^Clients:.*\bzed \(printed, not written to a file\)/m,
  );
});

test('configure claude-code without claude on PATH prints a command that reads the token from a private file', async (t) => {
  const home = throwawayHome({ PATH: plainPath });
  t.after(() => home.remove());
  const result = await runCli(['configure', 'claude-code'], home.env);
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(result.stdout + result.stderr, /bcc_/, 'no token on the terminal');
  const tokenFile = path.join(home.dataDir, 'claude-code.token');
  assert.equal(fs.statSync(tokenFile).mode & 0o777, 0o600);
  const command = result.stdout
    .split('\n')
    .find((line) => line.startsWith('  claude mcp add'))!
    .trim();
  assert.ok(command.includes(`$(cat ${tokenFile})`), command);
  // Until the user runs it, `clients list` and `status` both say it waits for them.
  const waiting = await runCli(['clients', 'list'], home.env);
  assert.match(waiting.stdout, /^claude-code\s+waiting for you to run the printed command\s/m);
  assert.match(
    (await runCli(['status'], home.env)).stdout,
    /^Clients:.*\bclaude-code \(waiting for you to run the printed command\)/m,
  );

  // Run it the way the user would, with a stand-in `claude` that records what it was given.
  const bin = path.join(home.home, 'bin');
  const argsFile = path.join(home.home, 'claude-args');
  fs.mkdirSync(bin);
  fs.writeFileSync(
    path.join(bin, 'claude'),
    `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${argsFile}'\n`,
    { mode: 0o755 },
  );
  execFileSync('/bin/sh', ['-c', command], { env: { PATH: `${bin}:${plainPath}` } });
  const args = fs.readFileSync(argsFile, 'utf8').trimEnd().split('\n');
  assert.deepEqual(args.slice(0, 9), [
    'mcp',
    'add',
    '--transport',
    'http',
    '--scope',
    'user',
    'basecamp',
    'http://127.0.0.1:3917/mcp',
    '--header',
  ]);
  const token = args[9]!.replace(/^Authorization: Bearer /, '');
  assert.match(token, /^bcc_[A-Za-z0-9_-]{43}$/);
  const settings = JSON.parse(fs.readFileSync(path.join(home.dataDir, 'settings.json'), 'utf8')) as {
    clients: Array<{ name: string; tokenHash: string }>;
  };
  assert.equal(
    settings.clients.find((client) => client.name === 'claude-code')?.tokenHash,
    crypto.createHash('sha256').update(token).digest('hex'),
    'the command passes the token that was issued',
  );
  assert.equal(fs.existsSync(tokenFile), false, 'the command deletes the token file');
  assert.notEqual(
    (await listed(home)).clients.find((client) => client.name === 'claude-code')?.state,
    'waiting-for-command',
  );
});

const fixture = sandboxServeForFile();

test('clients list --json gives the serving process last-seen time, with calls unknown (null) here', async () => {
  const { home, serve } = fixture;
  const port = new URL(serve.mcpUrl).port;
  assert.equal((await runCli(['configure', 'cursor', '--port', port], home.env)).code, 0);
  const authorization = cursorAuthorization(home);
  const answer = await rawRequest(serve.mcpUrl, {
    headers: {
      authorization,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } },
    }),
  });
  assert.equal(answer.status, 200);
  const seenFile = path.join(home.dataDir, 'clients-seen.json');
  while (!fs.existsSync(seenFile)) await delay(25);

  const list = await listed(home);
  const cursor = list.clients.find((client) => client.name === 'cursor');
  assert.ok(Date.parse(cursor?.lastSeen ?? '') > 0);
  assert.equal(cursor?.lastSeenFrom, 'clients-seen.json');
  assert.equal(cursor?.calls, null);
  assert.equal(cursor?.errors, null);
  const record = list.registry.find((entry) => entry.name === 'cursor');
  assert.equal(record?.stats.lastSeen, cursor?.lastSeen);
  assert.equal(record?.stats.calls, null);
  assert.equal(record?.stats.lastSeenFrom, 'clients-seen.json');
});
