import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Snapshot } from '../../../src-shared/contract.ts';
import { answerAuthorizePage } from '../sandbox/browserless.ts';
import { dispatch } from './dispatch.ts';
import { runCli } from '../../cli/run.ts';
import { windowOverSandbox } from './window-test-support.ts';
import { endpointUrl } from '../clients/table.ts';

const tray = { surface: 'tray' as const };

/** A throwaway HOME and data directory for one test. */
function throwawayEnv(prefix: string): { home: string; env: NodeJS.ProcessEnv } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    home,
    env: {
      ...process.env,
      HOME: home,
      USERPROFILE: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      BASECAMP_COMPANION_HOME: path.join(home, 'data'),
    },
  };
}

/** Calls one contract channel the way the window does, and gives back its envelope (ok or a failure). */
function sender(window: Awaited<ReturnType<typeof windowOverSandbox>>) {
  return (channel: string, request: unknown = {}) =>
    dispatch(window.api.handlers, channel, request, tray, window.companion.logger);
}

/** Calls one contract channel the way the window does; a failure envelope fails the test. */
function caller(window: Awaited<ReturnType<typeof windowOverSandbox>>) {
  const send = sender(window);
  return async (channel: string, request: unknown = {}) => {
    const envelope = await send(channel, request);
    if (!envelope.ok) assert.fail(`${channel}: ${envelope.error.message}`);
    return envelope.value as never;
  };
}

/** The window over the real core on the sandbox for one test: closed, and its HOME removed, when the test ends. */
async function windowFor(t: TestContext, env: NodeJS.ProcessEnv, home: string) {
  const window = await windowOverSandbox(env);
  t.after(async () => {
    window.api.close();
    await window.companion.close();
    fs.rmSync(home, { recursive: true, force: true });
  });
  return { ...window, call: caller(window), send: sender(window) };
}

test('the window contract over the real core on the sandbox: sign in, configure, call, revoke, no token shown', async (t) => {
  const { home, env } = throwawayEnv('bcc-window-');
  const { companion, api, call } = await windowFor(t, env, home);
  const server = await companion.startServer({ port: 0 });
  assert.equal(((await call('auth:sign-out')) as { ok: boolean }).ok, true);
  assert.equal(((await call('snapshot:get')) as Snapshot).auth.state, 'signed-out');

  // Sign in: the progress carries the Launchpad URL; "the browser" answers it.
  const urls: string[] = [];
  const stop = api.events.subscribe((event, payload) => {
    if (event === 'auth:progress' && 'authorizeUrl' in payload && payload.authorizeUrl) {
      urls.push(payload.authorizeUrl);
      void answerAuthorizePage(payload.authorizeUrl, 'allow').then(async (outcome) => {
        if (outcome.location) await fetch(outcome.location);
      });
    }
  });
  const signedIn = (await call('auth:sign-in')) as { outcome: string };
  stop();
  assert.equal(signedIn.outcome, 'signed-in');
  assert.match(urls[0] ?? '', /\/authorization\/new\?/);
  const afterSignIn = (await call('snapshot:get')) as Snapshot;
  assert.equal(afterSignIn.auth.state, 'signed-in');
  assert.ok(afterSignIn.auth.identity?.name);
  assert.ok(afterSignIn.auth.accounts.length >= 1);

  // Configure Cursor into this HOME.
  const configured = (await call('clients:configure', { kind: 'cursor' })) as {
    name: string;
    configPath: string;
    changed: boolean;
  };
  assert.equal(configured.changed, true);
  const entry = JSON.parse(fs.readFileSync(path.join(home, '.cursor', 'mcp.json'), 'utf8')).mcpServers
    .basecamp;
  // The settings port, as the CLI writes it; this run's port 0 server is reached directly below.
  assert.equal(entry.url, endpointUrl(companion.settings.get().port));
  const token = String(entry.headers.Authorization).replace(/^Bearer /, '');

  // A call with that token shows up under the client (seen, one call).
  const answer = await fetch(server.url, {
    method: 'POST',
    headers: {
      ...entry.headers,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'unit-cursor', version: '0.0.1' },
      },
    }),
  });
  assert.equal(answer.status, 200);
  await answer.text();
  const seen = ((await call('snapshot:get')) as Snapshot).clients.find(
    (client) => client.name === configured.name,
  );
  assert.equal(seen?.status, 'connected');
  assert.equal(seen?.clientInfo?.name, 'unit-cursor');
  assert.equal(
    ((await call('snapshot:get')) as Snapshot).clientKinds.find((kind) => kind.kind === 'cursor')?.configured,
    true,
  );

  // Nothing the window receives holds that token.
  const everything = JSON.stringify([
    await call('snapshot:get'),
    await call('logs:tail'),
    await call('clients:list'),
  ]);
  assert.ok(!everything.includes(token), 'no client token in the window');

  await call('clients:revoke', { name: configured.name });
  const revoked = await fetch(server.url, {
    method: 'POST',
    headers: {
      ...entry.headers,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
  });
  assert.equal(revoked.status, 401);
  assert.equal(
    ((await call('snapshot:get')) as Snapshot).clients.find((client) => client.name === configured.name)
      ?.status,
    'revoked',
  );

  const removed = (await call('clients:remove', { kind: 'cursor' })) as { removed: boolean };
  assert.equal(removed.removed, true);
  // The window created ~/.cursor/mcp.json and nothing else is in it: removing our entry deletes it.
  assert.equal(fs.existsSync(path.join(home, '.cursor', 'mcp.json')), false);
});

test('configure from the window says when it made a shared config file private (it now holds a token)', async (t) => {
  const { home, env } = throwawayEnv('bcc-window-mode-');
  const file = path.join(home, '.cursor', 'mcp.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ mcpServers: { other: { url: 'http://127.0.0.1:1/mcp' } } }));
  fs.chmodSync(file, 0o644);
  const { companion, send } = await windowFor(t, env, home);
  await companion.startServer({ port: 0 });
  const envelope = await send('clients:configure', { kind: 'cursor' });
  if (!envelope.ok) assert.fail(envelope.error.message);
  const { message } = envelope.value as { message: string };
  assert.match(message, /^Added Basecamp to Cursor\./);
  assert.match(
    message,
    /mcp\.json was readable by other users \(mode 0644\).*so it is 0600 \(only you can read it\)/,
  );
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  // Written again: already private, nothing more to say.
  const again = await send('clients:configure', { kind: 'cursor' });
  if (!again.ok) assert.fail(again.error.message);
  assert.doesNotMatch((again.value as { message: string }).message, /readable by other users/);
});

test('Claude Code without `claude` on PATH: the window names the terminal command that keeps the token out of the command line', async (t) => {
  const { home, env: base } = throwawayEnv('bcc-window-claude-');
  const env = { ...base, PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-empty-path-')) };
  const { companion, send } = await windowFor(t, env, home);
  await companion.startServer({ port: 0 });
  const envelope = await send('clients:configure', { kind: 'claude-code' });
  if (!envelope.ok) assert.fail(envelope.error.message);
  const { message } = envelope.value as { message: string };
  assert.doesNotMatch(message, /--print|bcc_|`/);
  assert.match(message, /nothing was configured yet/);
  const named = /Run basecamp-companion (configure \S+) in a terminal/.exec(message)?.[1];
  assert.equal(named, 'configure claude-code', message);
  // Nothing was configured, so no token was issued and no client row appears.
  assert.equal(companion.clients.list().length, 0);
  const snapshot = (await send('snapshot:get', {})) as {
    ok: true;
    value: Snapshot;
  };
  assert.equal(snapshot.value.clients.length, 0);
  assert.equal(snapshot.value.clientKinds.find((kind) => kind.kind === 'claude-code')?.configured, false);
  assert.ok(
    !companion.ring.since(0).some((entry) => /Issued a new token/.test(entry.message)),
    'no token was issued',
  );

  // What that command prints in a terminal: a line reading the token from the private file, not the token.
  let out = '';
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  const code = await runCli(named.split(' '), {
    stdout,
    stderr: stdout,
    env,
    cwd: home,
    signal: new AbortController().signal,
  });
  assert.equal(code, 0, out);
  assert.match(out, /claude-code\.token/);
  assert.doesNotMatch(out, /bcc_/);
});

test('the run-only client that serve --sandbox prints shows under Connected clients, counts calls and can be revoked', async (t) => {
  const { home, env } = throwawayEnv('bcc-window-');
  const { companion, call } = await windowFor(t, env, home);
  const server = await companion.startServer({ port: 0 });
  const token = companion.issueSessionToken('sandbox-demo');
  const listTools = () =>
    fetch(server.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'bc_whoami', arguments: {} },
      }),
    });
  assert.equal((await listTools()).status, 200);
  const seen = ((await call('snapshot:get')) as Snapshot).clients.find(
    (client) => client.name === 'sandbox-demo',
  );
  assert.ok(seen, 'the session client is listed');
  assert.equal(seen.calls, 1);
  assert.equal(seen.status, 'connected');
  await call('clients:revoke', { name: 'sandbox-demo' });
  assert.equal((await listTools()).status, 401);
  assert.equal(
    ((await call('snapshot:get')) as Snapshot).clients.some((client) => client.name === 'sandbox-demo'),
    false,
  );
  const saved = fs.existsSync(companion.settings.file)
    ? fs.readFileSync(companion.settings.file, 'utf8')
    : '';
  assert.doesNotMatch(saved, /sandbox-demo/, 'a run-only token is never written down');
});

/** Collects what a CLI run prints. */
function output(): { stream: Writable; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  return { stream, text: () => out };
}

test('configure from a run on another port (serve --port 0) writes the settings port, as the CLI does, and says when the client will connect', async (t) => {
  const { home, env } = throwawayEnv('bcc-window-port-');
  const { companion, call } = await windowFor(t, env, home);
  const server = await companion.startServer({ port: 0 });
  const usual = companion.settings.get().port;
  assert.notEqual(server.port, usual);
  const { message } = (await call('clients:configure', { kind: 'cursor' })) as { message: string };
  const file = path.join(home, '.cursor', 'mcp.json');
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).mcpServers.basecamp.url, endpointUrl(usual));
  assert.match(message, new RegExp(`listens on port ${server.port}, not on its usual port ${usual}`));
  assert.match(message, new RegExp(`Cursor will connect once the companion runs on port ${usual}\\.`));
  assert.doesNotMatch(message, /`/, 'no Markdown in the window');

  // The CLI agrees that the entry is right.
  const out = output();
  const code = await runCli(['clients', 'list'], {
    stdout: out.stream,
    stderr: out.stream,
    env,
    cwd: home,
    signal: new AbortController().signal,
  });
  assert.equal(code, 0, out.text());
  assert.match(out.text(), /cursor/);
  assert.doesNotMatch(out.text(), /another port/);
});

test('configure from a run on the settings port says nothing about ports', async (t) => {
  const { home, env } = throwawayEnv('bcc-window-same-port-');
  const { companion, call } = await windowFor(t, env, home);
  // Take a free port, make it the settings port, and run there.
  const port = await new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  companion.settings.update(() => ({ port }));
  const server = await companion.startServer({ port });
  const { message } = (await call('clients:configure', { kind: 'cursor' })) as { message: string };
  const file = path.join(home, '.cursor', 'mcp.json');
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).mcpServers.basecamp.url, server.url);
  assert.doesNotMatch(message, /usual port/);
});

test('Add to one project from the window refuses a relative path and a system folder, in the window’s words', async (t) => {
  const { home, env } = throwawayEnv('bcc-window-project-');
  const { companion, send } = await windowFor(t, env, home);
  for (const project of ['.', 'code/app', '/etc', os.tmpdir()]) {
    const envelope = await send('clients:configure', { kind: 'cursor', project });
    assert.equal(envelope.ok, false, project);
    if (envelope.ok) continue;
    assert.match(envelope.error.message, /not a full path|not a folder inside your home folder/);
    assert.doesNotMatch(envelope.error.message, /Pass the project's folder|`/, 'worded for the window');
  }
  assert.equal(companion.clients.list().length, 0, 'no token was issued');
  const app = path.join(home, 'code', 'app');
  fs.mkdirSync(app, { recursive: true });
  const envelope = await send('clients:configure', { kind: 'cursor', project: app });
  if (!envelope.ok) assert.fail(envelope.error.message);
  assert.ok(fs.existsSync(path.join(app, '.cursor', 'mcp.json')));
});

test('Claude Code whose claude mcp add fails: the window says so, issues no token and shows none', async (t) => {
  const { home, env: base } = throwawayEnv('bcc-window-claude-fails-');
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-failing-claude-'));
  fs.writeFileSync(path.join(bin, 'claude'), '#!/bin/sh\necho "no such subcommand" >&2\nexit 3\n', {
    mode: 0o755,
  });
  const env = { ...base, PATH: bin };
  // The client's CLI is spawned through this process's PATH (in the product the two are the same).
  const path0 = process.env.PATH;
  process.env.PATH = bin;
  t.after(() => {
    process.env.PATH = path0;
    fs.rmSync(bin, { recursive: true, force: true });
  });
  const { companion, send } = await windowFor(t, env, home);
  const envelope = await send('clients:configure', { kind: 'claude-code' });
  assert.equal(envelope.ok, false);
  if (envelope.ok) return;
  assert.match(envelope.error.message, /"claude mcp add" failed \(exit 3\): no such subcommand\./);
  assert.match(
    envelope.error.message,
    /Nothing was configured\. Run basecamp-companion configure claude-code/,
  );
  assert.doesNotMatch(envelope.error.message, /bcc_|`|\[redacted/i);
  assert.equal(companion.clients.list().length, 0, 'no token for a client that was not configured');
});
