// The endpoint as an AI client meets it: real server on port 0, raw HTTP probes for every guard,
// and the SDK's own clients (v1 legacy era, v2 modern era) for the protocol.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as TransportV2,
} from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { NeedsSignInError } from '../auth/errors.ts';
import type { ToolContext } from '../catalog/executor.ts';
import { McpPortInUseError, startMcpServer, type RunningMcpServer } from './server.ts';

const TOKEN = 'test-client-token-0123456789abcdef';

/** A signed-out companion: every Basecamp call fails with the sign-in error, as it does for a real user. */
function signedOutContext(overrides: Partial<ToolContext> = {}): ToolContext {
  return {
    clientFor: async () => {
      throw new NeedsSignInError('You are not signed in to Basecamp.', { signedOut: true });
    },
    accounts: () => [],
    readOnly: false,
    disabledDomains: [],
    ...overrides,
  };
}

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    // A server that answers 413 early may close before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

/** The JSON-RPC message of a response, whether sent as JSON or as one SSE event. */
function rpcResult(body: string): { result: { serverInfo: { name: string } } } {
  const data = body.startsWith('{')
    ? body
    : body
        .split('\n')
        .find((line) => line.startsWith('data: '))
        ?.slice(6);
  return JSON.parse(data ?? 'null');
}

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1.0' } },
});

const goodHeaders = {
  authorization: `Bearer ${TOKEN}`,
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};

describe('MCP endpoint guards', () => {
  let server: RunningMcpServer;
  const seen: { client: { name: string; kind: string }; clientInfo?: { name: string; version: string } }[] =
    [];

  before(async () => {
    server = await startMcpServer({
      port: 0,
      context: signedOutContext(),
      verifyClientToken: (token) => (token === TOKEN ? { name: 'cursor', kind: 'cursor' } : undefined),
      onClientSeen: (event) => seen.push(event),
    });
  });
  after(() => server.close());

  test('listens on 127.0.0.1 at /mcp', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  test('another path is 404', async () => {
    const answer = await raw(server.url.replace('/mcp', '/other'), {
      headers: goodHeaders,
      body: initialize,
    });
    assert.equal(answer.status, 404);
  });

  test('no token is 401 without OAuth metadata', async () => {
    const answer = await raw(server.url, {
      headers: { 'content-type': 'application/json' },
      body: initialize,
    });
    assert.equal(answer.status, 401);
    assert.equal(answer.headers['www-authenticate'], undefined);
    assert.match(answer.body, /Connect this AI client from Basecamp Companion/);
  });

  test('a wrong token is 401 and does not echo the token', async () => {
    const answer = await raw(server.url, {
      headers: { ...goodHeaders, authorization: 'Bearer wrong-token-value' },
      body: initialize,
    });
    assert.equal(answer.status, 401);
    assert.equal(answer.headers['www-authenticate'], undefined);
    assert.doesNotMatch(answer.body, /wrong-token-value/);
  });

  test('no OAuth protected-resource metadata is served', async () => {
    const answer = await raw(server.url.replace('/mcp', '/.well-known/oauth-protected-resource'), {
      method: 'GET',
    });
    assert.equal(answer.status, 404);
  });

  test('an evil Host is rejected before the token is looked at', async () => {
    const answer = await raw(server.url, {
      headers: { ...goodHeaders, host: 'evil.example:80' },
      body: initialize,
    });
    assert.ok(answer.status === 403 || answer.status === 421, `status ${answer.status}`);
  });

  test('loopback Host names pass on any port', async () => {
    for (const host of ['localhost:1234', '127.0.0.1', '[::1]:9']) {
      const answer = await raw(server.url, { headers: { ...goodHeaders, host }, body: initialize });
      assert.equal(answer.status, 200, host);
    }
  });

  test('an evil Origin and Origin: null are 403; a loopback Origin passes', async () => {
    for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1.evil.example']) {
      const answer = await raw(server.url, { headers: { ...goodHeaders, origin }, body: initialize });
      assert.equal(answer.status, 403, origin);
      assert.equal(answer.headers['access-control-allow-origin'], undefined);
    }
    const local = await raw(server.url, {
      headers: { ...goodHeaders, origin: 'http://localhost:5173' },
      body: initialize,
    });
    assert.equal(local.status, 200);
  });

  test('GET and DELETE are 405 with Allow: POST', async () => {
    for (const method of ['GET', 'DELETE']) {
      const answer = await raw(server.url, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' },
      });
      assert.equal(answer.status, 405, method);
      assert.equal(answer.headers.allow, 'POST');
    }
  });

  test('a 5 MB body is 413', async () => {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'ping',
      params: { pad: 'x'.repeat(5 * 1024 * 1024) },
    });
    const answer = await raw(server.url, { headers: goodHeaders, body });
    assert.equal(answer.status, 413);
  });

  test('malformed JSON is a JSON-RPC parse error', async () => {
    const answer = await raw(server.url, {
      headers: goodHeaders,
      body: '{"jsonrpc": "2.0", "id": 1, "method": ',
    });
    assert.equal(answer.status, 400);
    assert.equal(JSON.parse(answer.body).error.code, -32700);
  });

  test('a client that omits Content-Type is still served; a non-JSON Content-Type is 415', async () => {
    const { 'content-type': _omitted, ...withoutType } = goodHeaders;
    const answer = await raw(server.url, { headers: withoutType, body: initialize });
    assert.equal(answer.status, 200);
    const plain = await raw(server.url, {
      headers: { ...goodHeaders, 'content-type': 'text/plain' },
      body: initialize,
    });
    assert.equal(plain.status, 415);
  });

  test('a notification is 202 with no body', async () => {
    const answer = await raw(server.url, {
      headers: { ...goodHeaders, 'mcp-protocol-version': '2025-06-18' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    });
    assert.equal(answer.status, 202);
    assert.equal(answer.body, '');
  });

  test('keeps serving after every bad request, and reports who connected', async () => {
    const answer = await raw(server.url, { headers: goodHeaders, body: initialize });
    assert.equal(answer.status, 200);
    assert.equal(rpcResult(answer.body).result.serverInfo.name, 'basecamp-companion');
    assert.ok(seen.some((event) => event.client.name === 'cursor' && event.clientInfo?.name === 'probe'));
  });

  test('the clientInfo a client announces is cleaned where it is taken: no control characters, bounded', async () => {
    const hostile = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: `\u001b[2Jevil\u202e\n${'x'.repeat(500)}`, version: '1.0\u0007\r' },
      },
    });
    const answer = await raw(server.url, { headers: goodHeaders, body: hostile });
    assert.equal(answer.status, 200);
    const event = seen.find((entry) => entry.clientInfo?.name.startsWith('[2Jevil'));
    assert.ok(event, JSON.stringify(seen.map((entry) => entry.clientInfo)));
    assert.equal(event.clientInfo?.name, `[2Jevil${'x'.repeat(100 - '[2Jevil'.length)}`);
    assert.equal(event.clientInfo?.version, '1.0');
  });

  test('a second server on the same port fails with a clear error naming the port', async () => {
    const port = Number(new URL(server.url).port);
    await assert.rejects(
      startMcpServer({ port, context: signedOutContext(), verifyClientToken: () => undefined }),
      (error: unknown) =>
        error instanceof McpPortInUseError &&
        error.message.includes(String(port)) &&
        /another port/.test(error.message),
    );
  });

  test('a slow body times out instead of holding the server', async () => {
    const slow = await startMcpServer({
      port: 0,
      context: signedOutContext(),
      verifyClientToken: (token) => (token === TOKEN ? { name: 'c', kind: 'c' } : undefined),
      requestTimeoutMs: 300,
      headersTimeoutMs: 300,
    });
    try {
      const status = await new Promise<number | string>((resolve) => {
        const req = http.request(
          slow.url,
          { method: 'POST', headers: { ...goodHeaders, 'content-length': '1000' } },
          (res) => {
            resolve(res.statusCode ?? 0);
            res.resume();
          },
        );
        req.on('error', () => resolve('closed'));
        req.write('{"jsonrpc":');
        // Never finish the body.
      });
      assert.ok(status === 408 || status === 'closed', `got ${status}`);

      // Headers that never finish are cut off too.
      const { port } = new URL(slow.url);
      const answer = await new Promise<string>((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1', () =>
          socket.write('POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n'),
        );
        let got = '';
        socket.on('data', (chunk) => (got += chunk.toString('utf8')));
        socket.on('close', () => resolve(got));
        socket.on('error', () => resolve(got));
      });
      assert.ok(answer === '' || answer.startsWith('HTTP/1.1 408'), answer.slice(0, 40));

      const after = await raw(slow.url, { headers: goodHeaders, body: initialize });
      assert.equal(after.status, 200);
    } finally {
      await slow.close();
    }
  });
});

describe('MCP protocol through the SDK clients', () => {
  let server: RunningMcpServer;
  const calls: { tool: string; ok: boolean; client: { name: string } }[] = [];

  before(async () => {
    server = await startMcpServer({
      port: 0,
      context: signedOutContext(),
      verifyClientToken: (token) =>
        token === TOKEN ? { name: 'claude-code', kind: 'claude-code' } : undefined,
      onToolCall: (event) => calls.push(event),
    });
  });
  after(() => server.close());

  test('v1 client (legacy era): list tools and get a sign-in error as a tool result', async () => {
    const client = new ClientV1({ name: 'v1-test', version: '1.0.0' });
    await client.connect(
      new TransportV1(new URL(server.url), {
        requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
      }),
    );
    try {
      const { tools } = await client.listTools();
      assert.ok(tools.length > 5 && tools.length <= 30, `${tools.length} tools`);
      assert.ok(tools.some((tool) => tool.name === 'bc_whoami'));
      const result = await client.callTool({ name: 'bc_whoami', arguments: {} });
      assert.equal(result.isError, true);
      const text = (result.content as { type: string; text: string }[])[0]?.text ?? '';
      assert.match(text, /basecamp-companion login/);
      assert.ok(
        calls.some(
          (call) => call.tool === 'bc_whoami' && call.ok === false && call.client.name === 'claude-code',
        ),
      );
    } finally {
      await client.close();
    }
  });

  test('v2 client pinned to the 2026-07-28 era lists the same tools', async () => {
    const client = new ClientV2(
      { name: 'v2-test', version: '1.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(
      new TransportV2(new URL(server.url), {
        requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
      }),
    );
    try {
      const { tools } = await client.listTools();
      assert.ok(tools.some((tool) => tool.name === 'bc_todos'));
      const invalid = await client.callTool({
        name: 'bc_todos',
        arguments: { action: 'get', params: { todo_id: 'abc' } },
      });
      assert.equal(invalid.isError, true);
      assert.match(JSON.stringify(invalid.content), /todo_id/);
    } finally {
      await client.close();
    }
  });

  test('a v1 client without the token cannot connect', async () => {
    const client = new ClientV1({ name: 'v1-test', version: '1.0.0' });
    await assert.rejects(client.connect(new TransportV1(new URL(server.url))));
  });
});
