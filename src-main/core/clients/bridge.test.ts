// The relay's own rules, against a real loopback HTTP server that answers the ways an MCP endpoint may:
// JSON, SSE (with a notification before the result), 202 for notifications, 401, 500. The full path
// (Inspector → bridge → the real endpoint) is in e2e/bridge.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { BRIDGE_ERRORS, readBridgeLaunch, startBridge } from './bridge.ts';
import { BRIDGE_TOKEN_ENV, BRIDGE_URL_ENV } from './table.ts';

const GOOD = 'bcc_bridge-unit-test-token-0123456789';

interface Seen {
  method: string;
  headers: http.IncomingHttpHeaders;
}

async function endpoint(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const message = JSON.parse(body) as { id?: number; method: string };
      seen.push({ method: message.method, headers: req.headers });
      if (req.headers.authorization !== `Bearer ${GOOD}`) {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(
            JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Unauthorized' } }),
          );
        return;
      }
      if (message.id === undefined) {
        res.writeHead(202).end();
        return;
      }
      if (message.method === 'initialize') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'mcp-session-id': 'session-1' });
        res.end(
          `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { protocolVersion: '2025-06-18', capabilities: {} } })}\n\n`,
        );
        return;
      }
      if (message.method === 'tools/call') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(
          `data: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } })}\n\n`,
        );
        res.end(`data: ${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { content: [] } })}\n\n`);
        return;
      }
      if (message.method === 'boom') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal trouble');
        return;
      }
      if (message.method === 'bad/request') {
        res.writeHead(400, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            jsonrpc: '2.0',
            id: message.id,
            error: { code: -32602, message: 'Invalid params' },
          }),
        );
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { tools: [] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Sends lines one at a time (each after the previous answer), then ends the input. */
async function converse(
  url: string,
  token: string,
  lines: string[],
): Promise<{ out: Array<Record<string, unknown>>; err: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  const errors = new PassThrough();
  let outText = '';
  let err = '';
  output.on('data', (chunk: Buffer) => (outText += chunk.toString()));
  errors.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const bridge = startBridge({ url, token, input, output, errors });
  for (const line of lines) {
    const before = outText.length;
    input.write(line + '\n');
    const expectsAnswer = /"id"/.test(line) || !line.startsWith('{');
    // Wait for this line's answer so the order of requests is the order of lines.
    while (expectsAnswer && !outText.slice(before).includes('"id"'))
      await new Promise((resolve) => setImmediate(resolve));
  }
  input.end();
  await bridge.done;
  return {
    out: outText
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>),
    err,
  };
}

test('relays JSON and SSE answers line by line, carries the negotiated version and session, skips 202s', async () => {
  const server = await endpoint();
  try {
    const { out, err } = await converse(server.url, GOOD, [
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
      }),
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
      JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'x', arguments: {} } }),
    ]);
    assert.equal(err, '');
    assert.deepEqual(
      out.map((message) => message.id ?? message.method),
      [1, 2, 'notifications/progress', 3],
    );
    assert.equal(
      server.seen[0]!.headers['mcp-protocol-version'],
      undefined,
      'initialize carries no version header',
    );
    for (const later of server.seen.slice(1)) {
      assert.equal(later.headers['mcp-protocol-version'], '2025-06-18');
      assert.equal(later.headers['mcp-session-id'], 'session-1');
      assert.equal(later.headers.authorization, `Bearer ${GOOD}`);
      assert.match(String(later.headers.accept), /application\/json.*text\/event-stream/);
    }
  } finally {
    await server.close();
  }
});

test('a refused token becomes a JSON-RPC error for every request and one clear line on stderr', async () => {
  const server = await endpoint();
  try {
    const { out, err } = await converse(server.url, 'bcc_revoked-token-000000000000', [
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    ]);
    assert.equal(out.length, 2);
    for (const message of out) {
      const error = message.error as { code: number; message: string };
      assert.equal(error.code, BRIDGE_ERRORS.unauthorized);
      assert.match(error.message, /revoked or replaced.*configure claude-desktop/);
    }
    assert.equal(err.split('\n').filter(Boolean).length, 1, 'said once, not per request');
    assert.ok(!err.includes('bcc_revoked'));
  } finally {
    await server.close();
  }
});

test('endpoint errors pass through; HTTP failures and bad lines become JSON-RPC errors', async () => {
  const server = await endpoint();
  try {
    const { out, err } = await converse(server.url, GOOD, [
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'bad/request' }),
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'boom' }),
      'this is not json',
    ]);
    assert.deepEqual(out[0], { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'Invalid params' } });
    assert.equal((out[1]!.error as { code: number }).code, BRIDGE_ERRORS.http);
    assert.match((out[1]!.error as { message: string }).message, /HTTP 500: internal trouble/);
    assert.deepEqual(out[2], {
      jsonrpc: '2.0',
      id: null,
      error: { code: BRIDGE_ERRORS.parse, message: 'Parse error: the line is not JSON.' },
    });
    assert.match(err, /HTTP 500/);
  } finally {
    await server.close();
  }
});

test('modern-era requests carry MCP-Protocol-Version, Mcp-Method and Mcp-Name headers', async () => {
  const server = await endpoint();
  try {
    const meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' };
    await converse(server.url, GOOD, [
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'bc_whoami', arguments: {}, _meta: meta },
      }),
    ]);
    const headers = server.seen[0]!.headers;
    assert.equal(headers['mcp-protocol-version'], '2026-07-28');
    assert.equal(headers['mcp-method'], 'tools/call');
    assert.equal(headers['mcp-name'], 'bc_whoami');
  } finally {
    await server.close();
  }
});

test('a bridge launch needs the token and relays only to a loopback http endpoint', () => {
  assert.deepEqual(readBridgeLaunch({}), { ok: false, problem: 'no_token' });
  const env = { [BRIDGE_TOKEN_ENV]: GOOD };
  assert.deepEqual(readBridgeLaunch(env), { ok: true, token: GOOD, url: 'http://127.0.0.1:3917/mcp' });
  assert.deepEqual(readBridgeLaunch({ ...env, [BRIDGE_URL_ENV]: 'http://localhost:4000/mcp' }), {
    ok: true,
    token: GOOD,
    url: 'http://localhost:4000/mcp',
  });
  // An explicit URL wins over the environment, and only loopback http is accepted.
  for (const url of ['https://127.0.0.1:3917/mcp', 'http://example.com/mcp', 'not a url']) {
    assert.deepEqual(readBridgeLaunch({ ...env, [BRIDGE_URL_ENV]: 'http://127.0.0.1:1/mcp' }, url), {
      ok: false,
      problem: 'not_loopback',
      url,
    });
  }
});

test('a redirect from whatever holds the port is not followed: nothing reaches the other listener', async () => {
  const real = await endpoint();
  const squatter = http.createServer((_req, res) => res.writeHead(307, { location: real.url }).end());
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const { port } = squatter.address() as AddressInfo;
  try {
    const { out, err } = await converse(`http://127.0.0.1:${port}/mcp`, GOOD, [
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    ]);
    assert.equal(real.seen.length, 0, 'the redirect target received nothing');
    const error = out[0]!.error as { code: number; message: string };
    assert.equal(error.code, BRIDGE_ERRORS.unreachable);
    assert.match(error.message, /answered with a redirect, so it is not Basecamp Companion/);
    assert.match(err, /redirect/);
    assert.ok(!err.includes(GOOD) && !error.message.includes(GOOD));
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
    await real.close();
  }
});
