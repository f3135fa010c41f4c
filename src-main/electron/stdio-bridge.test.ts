// The tray app's stdio bridge launch: its command line, and a real relay to a loopback endpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  bridgeProfileDir,
  isBridgeLaunch,
  prepareBridgeLaunch,
  runStdioBridge,
  shellBridgeCommand,
} from './stdio-bridge.ts';

test('clients start the packaged app itself, or Electron with the app folder in development', () => {
  assert.deepEqual(
    shellBridgeCommand({ packaged: true, execPath: '/Applications/B.app/Contents/MacOS/B', appPath: '/x' }),
    {
      command: '/Applications/B.app/Contents/MacOS/B',
      args: ['--stdio-bridge'],
    },
  );
  assert.deepEqual(
    shellBridgeCommand({
      packaged: false,
      execPath: '/repo/node_modules/electron/dist/electron',
      appPath: '/repo',
    }),
    {
      command: '/repo/node_modules/electron/dist/electron',
      args: ['/repo', '--stdio-bridge'],
    },
  );
  assert.equal(isBridgeLaunch(['/app', '--stdio-bridge']), true);
  assert.equal(isBridgeLaunch(['/app', '--login']), false);
});

test('without a token, or with a non-loopback endpoint, the bridge says what to do and fails', async () => {
  const errors = new PassThrough();
  let text = '';
  errors.on('data', (chunk) => (text += chunk));
  const io = { input: new PassThrough(), output: new PassThrough(), errors };
  assert.equal(await runStdioBridge({ ...io, env: {} }), 2);
  assert.match(text, /BASECAMP_COMPANION_TOKEN/);
  assert.equal(
    await runStdioBridge({
      ...io,
      env: { BASECAMP_COMPANION_TOKEN: 't', BASECAMP_COMPANION_URL: 'https://evil.example/mcp' },
    }),
    2,
  );
  assert.match(text, /local endpoint/);
});

test('the bridge relays a JSON-RPC line to the endpoint with the client token and writes the answer', async () => {
  const seen: { auth?: string; body: string }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ auth: request.headers.authorization, body });
      const message = JSON.parse(body);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { tools: [] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk) => (written += chunk));
    const done = runStdioBridge({
      env: {
        BASECAMP_COMPANION_TOKEN: 'bcc_test_token_123456',
        BASECAMP_COMPANION_URL: `http://127.0.0.1:${port}/mcp`,
      },
      input,
      output,
      errors: new PassThrough(),
    });
    input.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }) + '\n');
    assert.equal(await done, 0);
    assert.equal(seen[0]?.auth, 'Bearer bcc_test_token_123456');
    assert.deepEqual(JSON.parse(written.trim()), { jsonrpc: '2.0', id: 1, result: { tools: [] } });
  } finally {
    server.close();
  }
});

test('a bridge launch gives Chromium a folder of its own in the data folder, before anything else', () => {
  const calls: string[] = [];
  const app = {
    setPath: (name: string, value: string) => void calls.push(`${name}=${value}`),
    disableHardwareAcceleration: () => void calls.push('no-gpu'),
  };
  const env = { BASECAMP_COMPANION_HOME: '/data/companion' };
  const folder = prepareBridgeLaunch(app, env, 'linux');
  assert.equal(folder, path.join('/data/companion', 'electron', 'stdio-bridge'));
  assert.deepEqual(calls, [`userData=${folder}`, `sessionData=${folder}`, 'no-gpu']);
  // Not the data folder's root (Electron's default userData on macOS), nor the tray app's session folder.
  const mac = bridgeProfileDir({}, 'darwin');
  assert.notEqual(mac, path.join(os.homedir(), 'Library', 'Application Support', 'Basecamp Companion'));
  assert.ok(mac.startsWith(path.join(os.homedir(), 'Library', 'Application Support', 'Basecamp Companion')));
  assert.notEqual(folder, path.join('/data/companion', 'electron'));
});
