// Hostile input against the real product: a bounded, seeded fuzzer for the MCP endpoint of `serve --sandbox`
// (run `FUZZ_SEED=n node --test e2e/fuzz.test.ts` to replay a run), slow bodies held open, and tool arguments
// out of range, which must be refused with a clear message before anything reaches Basecamp.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import {
  startSandboxServe,
  throwawayHome,
  type RunningCommand,
  type ThrowawayHome,
} from './support/product.ts';
import { rawRequest, rpcMessages, seededRandom, type RawAnswer } from './support/mcp-http.ts';

const seed = Number(process.env.FUZZ_SEED ?? 20261203);
const CASES = 1200;
const REQUEST_TIMEOUT_MS = 1500;
const controlToken = crypto.randomBytes(16).toString('hex');

let home: ThrowawayHome;
let serve: RunningCommand & { mcpUrl: string };
let sandboxUrl: string;
let authorization: string;

/** Resident memory of the server in MiB; 0 where there is no /proc (the bound is then not checked). */
function rssMiB(pid: number): number {
  const file = `/proc/${pid}/status`;
  if (!fs.existsSync(file)) return 0;
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(file, 'utf8'))?.[1]) / 1024;
}

async function control(method: string, pathname: string): Promise<Record<string, unknown>> {
  const answer = await fetch(`${sandboxUrl}/__sandbox/${pathname}`, {
    method,
    headers: { 'x-sandbox-control': controlToken },
  });
  assert.equal(answer.status, 200);
  return (await answer.json()) as Record<string, unknown>;
}

const jsonHeaders = (): Record<string, string> => ({
  authorization,
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
});

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'fuzz', version: '1' } },
};

interface FuzzCase {
  kind: string;
  headers: Record<string, string>;
  body: string;
  method?: string;
}

/** One hostile request, chosen by the seeded generator. */
function generate(random: () => number): FuzzCase {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number): number => Math.floor(random() * max);
  const valid = [
    initialize,
    { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} },
    { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'bc_whoami', arguments: {} } },
    { jsonrpc: '2.0', id: 4, method: 'ping' },
  ];
  const oddValues = [null, true, 0, -1, 1e308, '', 'x', [], {}, [[]], { a: { b: {} } }, '\u0000', '\ud800'];
  const kinds = [
    'truncated',
    'wrongTypes',
    'hugeString',
    'deepNesting',
    'unknownMethod',
    'contentType',
    'batch',
    'garbage',
    'toolArgs',
    'protocolHeaders',
    'httpMethod',
    'authVariant',
  ];
  const kind = pick(kinds);
  const headers = jsonHeaders();
  switch (kind) {
    case 'truncated': {
      const text = JSON.stringify(pick(valid));
      return { kind, headers, body: text.slice(0, int(text.length)) };
    }
    case 'wrongTypes': {
      const message: Record<string, unknown> = structuredClone(pick(valid));
      const field = pick(['jsonrpc', 'id', 'method', 'params']);
      message[field] = pick(oddValues);
      return { kind, headers, body: JSON.stringify(message) };
    }
    case 'hugeString': {
      const size = pick([10_000, 200_000, 900_000]);
      const filler = 'é'.repeat(size / 2);
      const message = pick([
        { jsonrpc: '2.0', id: 5, method: filler },
        { jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: filler, arguments: {} } },
        {
          jsonrpc: '2.0',
          id: 7,
          method: 'tools/call',
          params: { name: 'bc_search', arguments: { query: filler } },
        },
      ]);
      return { kind, headers, body: JSON.stringify(message) };
    }
    case 'deepNesting': {
      const depth = pick([100, 5_000, 50_000]);
      const nested = '['.repeat(depth) + ']'.repeat(depth);
      const body = pick([
        nested,
        `{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"bc_search","arguments":{"query":${nested}}}}`,
        `{"jsonrpc":"2.0","id":9,"method":"tools/list","params":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
      ]);
      return { kind, headers, body };
    }
    case 'unknownMethod':
      return {
        kind,
        headers,
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 10,
          method: pick(['nope', 'tools/delete', 'resources/list', 'prompts/get', '__proto__', 'constructor']),
          params: {},
        }),
      };
    case 'contentType':
      return {
        kind,
        headers: {
          ...headers,
          'content-type': pick([
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data',
            '',
            'application/json; charset=utf-16',
          ]),
          accept: pick(['*/*', 'text/html', 'application/json', '']),
        },
        body: JSON.stringify(pick(valid)),
      };
    case 'batch': {
      const size = pick([0, 1, 3, 50]);
      return {
        kind,
        headers,
        body: JSON.stringify(
          Array.from({ length: size }, () => (random() < 0.5 ? pick(valid) : pick(oddValues))),
        ),
      };
    }
    case 'garbage': {
      const bytes = crypto.createHash('sha256').update(String(random())).digest();
      return {
        kind,
        headers,
        body: pick([
          bytes.toString('latin1'),
          '\u0000\u0000',
          'null',
          '"string"',
          '42',
          '{}',
          '[]',
          '{"jsonrpc":"2.0"}',
        ]),
      };
    }
    case 'protocolHeaders':
      return {
        kind,
        headers: {
          ...headers,
          'mcp-protocol-version': pick([
            '',
            'garbage',
            '1999-01-01',
            '2025-06-18',
            '2025-03-26',
            'x'.repeat(4000),
          ]),
          ...(random() < 0.5
            ? { 'mcp-session-id': pick(['', 'nope', '\u00ff'.repeat(10), 'a'.repeat(4000)]) }
            : {}),
          ...(random() < 0.3 ? { 'last-event-id': pick(['0', '-1', 'x']) } : {}),
        },
        body: JSON.stringify(pick(valid)),
      };
    case 'httpMethod':
      return {
        kind,
        method: pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'GET', 'HEAD']),
        headers,
        body: JSON.stringify(pick(valid)),
      };
    case 'authVariant': {
      const token = authorization.replace(/^Bearer /, '');
      return {
        kind,
        headers: {
          ...headers,
          authorization: pick([
            `bearer ${token}`,
            `Bearer  ${token}`,
            `Bearer ${token}x`,
            `Bearer ${token.slice(0, -1)}`,
            `Basic ${Buffer.from(`user:${token}`).toString('base64')}`,
            `Bearer ${token}, Bearer ${token}`,
            'Bearer ',
            `Bearer ${'a'.repeat(8000)}`,
          ]),
        },
        body: JSON.stringify(pick(valid)),
      };
    }
    default: {
      const args = pick([
        { project_id: pick(oddValues) },
        { todolist_id: pick(oddValues), limit: pick(oddValues) },
        { action: pick(oddValues), params: pick(oddValues) },
        pick(oddValues),
      ]);
      const name = pick(['bc_get_project', 'bc_list_projects', 'bc_todos', 'bc_comments', 'bc_search']);
      return {
        kind,
        headers,
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 11,
          method: 'tools/call',
          params: { name, arguments: args },
        }),
      };
    }
  }
}

const ACCEPTABLE = new Set([200, 202, 400, 404, 405, 406, 413, 415]);
/** Statuses a request with a changed Authorization header may also get. */
const AUTH_REFUSALS = new Set([401, 431]);

/** A proper answer: an expected HTTP status, and a body that is JSON-RPC when there is one. */
function checkAnswer(fuzz: FuzzCase, answer: RawAnswer): void {
  const where = `${fuzz.kind} case (seed ${seed}): ${fuzz.method ?? 'POST'} ${JSON.stringify(fuzz.headers).slice(0, 200)} ${fuzz.body.slice(0, 120)}`;
  if (answer.status === 0) {
    // Only a body over the limit may be cut off before an answer is read.
    assert.ok(Buffer.byteLength(fuzz.body) > 1024 * 1024, `connection dropped (${answer.error}) on ${where}`);
    return;
  }
  const allowed =
    ACCEPTABLE.has(answer.status) || (fuzz.kind === 'authVariant' && AUTH_REFUSALS.has(answer.status));
  assert.ok(allowed, `HTTP ${answer.status} ${answer.body.slice(0, 200)} on ${where}`);
  if (!answer.body.trim()) return;
  let messages: Array<Record<string, unknown>>;
  try {
    messages = rpcMessages(answer.body);
  } catch {
    assert.fail(`not JSON: ${answer.body.slice(0, 200)} on ${where}`);
  }
  for (const message of messages) {
    assert.equal(message.jsonrpc, '2.0', `not JSON-RPC: ${answer.body.slice(0, 200)} on ${where}`);
    assert.ok('result' in message || 'error' in message, `neither result nor error on ${where}`);
    if (answer.status >= 400)
      assert.ok('error' in message, `HTTP ${answer.status} without a JSON-RPC error on ${where}`);
  }
}

before(async () => {
  home = throwawayHome({
    BASECAMP_SANDBOX_CONTROL_TOKEN: controlToken,
    BASECAMP_COMPANION_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    BASECAMP_COMPANION_HEADERS_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  });
  serve = await startSandboxServe(home);
  sandboxUrl = (await serve.waitFor(/^Sandbox Basecamp: (http:\/\/127\.0\.0\.1:\d+)$/m))[1]!;
  authorization = (await serve.waitFor(/"Authorization": "(Bearer bcc_[^"]+)"/))[1]!;
});

after(async () => {
  await serve?.stop();
  home?.remove();
});

async function assertServing(): Promise<void> {
  assert.equal(serve.child.exitCode, null, `the server exited:\n${serve.output().slice(-2000)}`);
  const answer = await rawRequest(serve.mcpUrl, { headers: jsonHeaders(), body: JSON.stringify(initialize) });
  assert.equal(answer.status, 200, `the server stopped answering: ${answer.status} ${answer.body}`);
}

describe('the MCP endpoint under hostile input', () => {
  test(`${CASES} seeded hostile requests: each gets a proper answer, the server keeps serving, memory stays bounded`, async () => {
    await assertServing();
    const baseline = rssMiB(serve.child.pid!);
    const random = seededRandom(seed);
    const cases = Array.from({ length: CASES }, () => generate(random));
    const kinds = new Map<string, number>();
    let peak = baseline;
    for (let start = 0; start < cases.length; start += 8) {
      const batch = cases.slice(start, start + 8);
      const answers = await Promise.all(
        batch.map((fuzz) =>
          rawRequest(serve.mcpUrl, {
            headers: fuzz.headers,
            body: fuzz.body,
            ...(fuzz.method ? { method: fuzz.method } : {}),
          }),
        ),
      );
      batch.forEach((fuzz, index) => {
        checkAnswer(fuzz, answers[index]!);
        kinds.set(fuzz.kind, (kinds.get(fuzz.kind) ?? 0) + 1);
      });
      if (start % 200 === 0) peak = Math.max(peak, rssMiB(serve.child.pid!));
    }
    await assertServing();
    peak = Math.max(peak, rssMiB(serve.child.pid!));
    assert.equal(kinds.size, 12, `every kind of case ran: ${JSON.stringify(Object.fromEntries(kinds))}`);
    assert.ok(
      peak - baseline < 300,
      `resident memory grew from ${baseline.toFixed(0)} to ${peak.toFixed(0)} MiB`,
    );
  });

  // Regression: deep nesting used to reach the SDK's validators and come back as a 500.
  test('JSON nested 50,000 levels deep → 400 with a JSON-RPC invalid-request error, not a 500', async () => {
    const depth = 50_000;
    for (const body of [
      '['.repeat(depth) + ']'.repeat(depth),
      `{"jsonrpc":"2.0","id":9,"method":"tools/list","params":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
    ]) {
      const answer = await rawRequest(serve.mcpUrl, { headers: jsonHeaders(), body });
      assert.equal(answer.status, 400, answer.body.slice(0, 200));
      assert.match(answer.body, /-32600.*nested deeper than 64 levels/);
    }
    await assertServing();
  });

  test('bodies over the 1 MiB limit are refused with 413 and the server keeps serving', async () => {
    const answer = await rawRequest(serve.mcpUrl, {
      headers: jsonHeaders(),
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'x'.repeat(2 * 1024 * 1024) }),
    });
    assert.ok(answer.status === 413 || answer.status === 0, `status ${answer.status}`);
    await assertServing();
  });

  test('slow partial bodies held open are closed after the request timeout, and others are served meanwhile', async () => {
    const url = new URL(serve.mcpUrl);
    const slow = Array.from({ length: 20 }, () => {
      const socket = net.connect(Number(url.port), url.hostname);
      socket.write(
        `POST /mcp HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: 100000\r\n\r\n{"jsonrpc":`,
      );
      // A trickle that never finishes the body.
      const trickle = setInterval(() => socket.write(' '), 200);
      const closed = new Promise<string>((resolve) => {
        let received = '';
        socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
        socket.on('close', () => resolve(received));
        socket.on('error', () => undefined);
      });
      return { socket, trickle, closed };
    });
    // A slow header line, never finished.
    const slowHeaders = net.connect(Number(url.port), url.hostname);
    slowHeaders.write('POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    let headersAnswer = '';
    slowHeaders.on('data', (chunk: Buffer) => (headersAnswer += chunk.toString())); // reading is what sees the close
    const headersClosed = new Promise<void>((resolve) => slowHeaders.on('close', () => resolve()));
    slowHeaders.on('error', () => undefined);
    try {
      await assertServing();
      const outcome = await Promise.race([
        Promise.all([...slow.map((entry) => entry.closed), headersClosed]).then(() => 'closed'),
        new Promise<string>((resolve) => setTimeout(() => resolve('still open'), REQUEST_TIMEOUT_MS * 10)),
      ]);
      assert.equal(outcome, 'closed', 'the server closed every slow connection');
      if (headersAnswer)
        assert.match(headersAnswer, /^HTTP\/1\.1 408/, `slow headers got ${headersAnswer.slice(0, 80)}`);
      for (const answer of await Promise.all(slow.map((entry) => entry.closed))) {
        if (answer) assert.match(answer, /^HTTP\/1\.1 408/, `a slow body got ${answer.slice(0, 80)}`);
      }
    } finally {
      for (const entry of slow) {
        clearInterval(entry.trickle);
        entry.socket.destroy();
      }
      slowHeaders.destroy();
    }
    await assertServing();
  });
});

describe('tool arguments out of range', () => {
  const cases: Array<{ tool: string; args: Record<string, unknown>; mentions: RegExp }> = [
    { tool: 'bc_get_project', args: { project_id: -1 }, mentions: /project_id/ },
    { tool: 'bc_get_project', args: { project_id: 'abc' }, mentions: /project_id/ },
    { tool: 'bc_get_project', args: { project_id: 1.5 }, mentions: /project_id/ },
    { tool: 'bc_get_project', args: {}, mentions: /project_id/ },
    { tool: 'bc_todos', args: { action: 'list', params: { todolist_id: 1, limit: -5 } }, mentions: /limit/ },
    {
      tool: 'bc_todos',
      args: { action: 'list', params: { todolist_id: 1, limit: 1_000_000 } },
      mentions: /limit/,
    },
    {
      tool: 'bc_todos',
      args: { action: 'list', params: { todolist_id: 1, status: 'exploded' } },
      mentions: /status/,
    },
    {
      tool: 'bc_todos',
      args: { action: 'list', params: { todolist_id: 1, cursor: 'not-a-real-cursor' } },
      mentions: /cursor|continuation/i,
    },
    { tool: 'bc_list_projects', args: { status: 'deleted-forever' }, mentions: /status/ },
    {
      tool: 'bc_todos',
      args: { action: 'create', params: { todolist_id: 1, content: 'x'.repeat(300_000) } },
      mentions: /content/,
    },
    {
      tool: 'bc_todos',
      args: { action: 'create', params: { todolist_id: 1, content: '' } },
      mentions: /content/,
    },
    {
      tool: 'bc_todos',
      args: { action: 'create', params: { todolist_id: 1, content: 'ok', due_on: 'next tuesday' } },
      mentions: /due_on/,
    },
    { tool: 'bc_todos', args: { action: 'explode', params: {} }, mentions: /action/ },
    { tool: 'bc_todos', args: { action: 'get', params: { todo_id: 'seven' } }, mentions: /todo_id/ },
    { tool: 'bc_search', args: { query: 'q', account: 'someone-else' }, mentions: /account/ },
  ];

  for (const { tool, args, mentions } of cases) {
    test(`${tool} ${JSON.stringify(args).slice(0, 80)} → a clear validation error, no request to Basecamp`, async () => {
      await control('DELETE', 'counters');
      const answer = await rawRequest(serve.mcpUrl, {
        headers: jsonHeaders(),
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: tool, arguments: args },
        }),
      });
      assert.equal(answer.status, 200, answer.body);
      const [message] = rpcMessages(answer.body) as Array<{
        result?: { isError?: boolean; content: Array<{ text?: string }> };
        error?: { message: string };
      }>;
      const text =
        message?.error?.message ?? message?.result?.content.map((block) => block.text ?? '').join('\n') ?? '';
      assert.ok(message?.error || message?.result?.isError, `refused: ${answer.body.slice(0, 300)}`);
      assert.match(text, mentions, `the message names the argument: ${text.slice(0, 300)}`);
      assert.ok(text.length < 2000, `the message is short (${text.length} characters)`);
      const counters = await control('GET', 'counters');
      assert.equal(
        counters.apiRequests,
        0,
        `no request reached Basecamp: ${JSON.stringify(counters.byPath)}`,
      );
    });
  }
});
