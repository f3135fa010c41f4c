// `configure <client> --print` must never silently break a client whose file already works: it is refused
// (nothing changes, the file's token keeps answering), and `--print --rotate` writes the new token into the
// file too, so the file and the printed snippet both work and the old token does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rawRequest } from './support/mcp-http.ts';
import { cursorAuthorization, runCli, sandboxServeForFile } from './support/product.ts';

const fixture = sandboxServeForFile();

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } },
});

async function statusWith(authorization: string): Promise<number> {
  const answer = await rawRequest(fixture.serve.mcpUrl, {
    headers: {
      authorization,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: initialize,
  });
  return answer.status;
}

test('--print on a configured client is refused and the file keeps working; --print --rotate re-writes it', async () => {
  const { home, serve } = fixture;
  const port = new URL(serve.mcpUrl).port;
  const configured = await runCli(['configure', 'cursor', '--port', port], home.env);
  assert.equal(configured.code, 0, configured.stderr);
  const original = cursorAuthorization(home);
  assert.equal(await statusWith(original), 200);

  const refused = await runCli(['configure', 'cursor', '--port', port, '--print'], home.env);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /Cursor is already configured in .*\.cursor\/mcp\.json/);
  assert.match(refused.stderr, /--print --rotate/);
  assert.doesNotMatch(refused.stdout + refused.stderr, /bcc_/, 'no token issued or shown');
  assert.equal(await statusWith(original), 200, 'the file still works');

  const rotated = await runCli(['configure', 'cursor', '--port', port, '--print', '--rotate'], home.env);
  assert.equal(rotated.code, 0, rotated.stderr);
  const now = cursorAuthorization(home);
  assert.notEqual(now, original);
  assert.ok(rotated.stdout.includes(now), 'the printed snippet holds the token now in the file');
  assert.match(rotated.stdout, /Updated "basecamp" in Cursor/);
  assert.equal(await statusWith(now), 200, 'the re-written file works');
  assert.equal(await statusWith(original), 401, 'the old token is gone');

  const help = await runCli(['configure', '--help'], home.env);
  assert.match(help.stdout, /--print --rotate/);
});

test('--print for a client with no working file entry prints a token as before', async () => {
  const { home } = fixture;
  const printed = await runCli(['configure', 'windsurf', '--print'], home.env);
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /Add this to Windsurf/);
  assert.match(printed.stdout, /Bearer bcc_/);
});
