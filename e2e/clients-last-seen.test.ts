// `clients list` runs in its own process, apart from the serving one: it learns when each client last called
// from the small last-seen file the serve writes to the data directory (names and times, never a token).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { cursorAuthorization, runCli, sandboxServeForFile } from './support/product.ts';

const fixture = sandboxServeForFile();

test('clients list from another process shows a client that called the running serve as connected, last seen just now', async () => {
  const { home, serve } = fixture;
  const port = new URL(serve.mcpUrl).port;
  const configured = await runCli(['configure', 'cursor', '--port', port], home.env);
  assert.equal(configured.code, 0, configured.stderr);
  const before = await runCli(['clients', 'list'], home.env);
  assert.match(before.stdout, /^cursor\s+configured\s+\//m, 'not seen yet');

  const authorization = cursorAuthorization(home);
  const client = new Client({ name: 'cursor-e2e', version: '9.9.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(serve.mcpUrl), {
      requestInit: { headers: { Authorization: authorization } },
    }),
  );
  assert.ok((await client.listTools()).tools.length > 0);
  await client.close();

  // The serve writes a client's first sighting at once; wait for the file rather than for a fixed time.
  const seenFile = path.join(home.dataDir, 'clients-seen.json');
  while (!fs.existsSync(seenFile)) await delay(25);
  const listed = await runCli(['clients', 'list'], home.env);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(
    listed.stdout,
    /^cursor\s+connected \(last seen (?:just now|\d+ min ago) as cursor-e2e 9\.9\.0\)\s+\//m,
  );
  const json = JSON.parse((await runCli(['clients', 'list', '--json'], home.env)).stdout) as {
    clients: Array<{ name: string; state: string; lastSeen?: string; clientInfo?: { name: string } }>;
  };
  const cursor = json.clients.find((entry) => entry.name === 'cursor');
  assert.equal(cursor?.state, 'connected');
  assert.equal(cursor?.clientInfo?.name, 'cursor-e2e');
  assert.ok(Date.parse(cursor?.lastSeen ?? '') > 0);

  const shared = fs.readFileSync(seenFile, 'utf8');
  assert.doesNotMatch(shared, /bcc_|Bearer|tokenHash/, 'names and times only');
  assert.equal(fs.statSync(seenFile).mode & 0o777, 0o600);

  // A new token is a new configuration: what the old one did is not shown as this one's.
  const rotated = await runCli(['configure', 'cursor', '--port', port, '--rotate'], home.env);
  assert.equal(rotated.code, 0, rotated.stderr);
  const afterRotate = await runCli(['clients', 'list'], home.env);
  assert.match(afterRotate.stdout, /^cursor\s+configured\s+\//m);
});
