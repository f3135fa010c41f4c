// Launchpad's account list from a real loopback server: an account whose API address is plain http on
// another host is refused (the token would travel in the clear); https and loopback http (the sandbox) are kept.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createLaunchpad } from './launchpad.ts';

let server: http.Server;
let url = '';
before(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        identity: { id: 1, first_name: 'Ada', last_name: 'L', email_address: 'ada@example.com' },
        accounts: [
          { id: 10, name: 'Real', product: 'bc3', href: 'https://3.basecampapi.com/10' },
          { id: 11, name: 'Sandbox', product: 'bc3', href: 'http://127.0.0.1:4000/11' },
          { id: 12, name: 'Clear text', product: 'bc3', href: 'http://basecamp.example.com/12' },
        ],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('an account with a plain-http API address on another host is refused, and named', async () => {
  const launchpad = createLaunchpad({ url, userAgent: 'Basecamp Companion tests (https://example.invalid)' });
  const info = await launchpad.authorization('token');
  assert.deepEqual(
    info.accounts.map((account) => account.id),
    [10, 11],
  );
  assert.deepEqual(info.refused, [{ id: 12, name: 'Clear text', href: 'http://basecamp.example.com/12' }]);
});
