// `status` says the endpoint is running only when our endpoint answers: the real one (sandbox harness)
// is recognised; a redirect to it, a look-alike answer and a huge body from whatever holds the port are not.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../../core/catalog/mcp-harness.ts';
import { endpointRunning } from './status.ts';

let h: McpHarness;
const servers: http.Server[] = [];

async function squatter(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}

before(async () => {
  h = await startMcpHarness();
});
after(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await h.close();
});

test('the real endpoint is recognised by its missing-token JSON-RPC error', async () => {
  assert.equal(await endpointRunning(h.url), true);
});

test('a redirect to the real endpoint is not followed', async () => {
  const url = await squatter((_req, res) => res.writeHead(307, { location: h.url }).end());
  assert.equal(await endpointRunning(url), false);
});

test('a 401 that merely mentions Basecamp Companion is not ours', async () => {
  const url = await squatter((_req, res) =>
    res
      .writeHead(401, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { code: -32000, message: 'Basecamp Companion? Never heard of it' } })),
  );
  assert.equal(await endpointRunning(url), false);
});

test('a huge body is read no further than a few KB, even when it would match', async () => {
  const huge = JSON.stringify({
    error: {
      code: -32001,
      message: `Missing client token. Connect this AI client from Basecamp Companion ${'x'.repeat(1024 * 1024)}`,
    },
  });
  const url = await squatter((_req, res) =>
    res.writeHead(401, { 'content-type': 'application/json' }).end(huge),
  );
  assert.equal(await endpointRunning(url), false);
});
