// One tool call along the whole path: SDK client → guards → per-request server → catalog →
// HTTP client → sandbox Basecamp → shaped answer, with the hooks the window relies on.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as TransportV2,
} from '@modelcontextprotocol/client';
import { createLogger } from '../log/logger.ts';
import { LogRing } from '../log/ring.ts';
import { startSandboxContext, type SandboxContext } from '../catalog/test-context.ts';
import { startMcpServer, type RunningMcpServer } from './server.ts';

const TOKEN = 'sandbox-test-client-token-9f8e7d6c5b4a';

describe('tool calls through MCP to the sandbox', () => {
  let env: SandboxContext;
  let server: RunningMcpServer;
  const ring = new LogRing(500);
  const calls: {
    tool: string;
    action?: string;
    ok: boolean;
    durationMs: number;
    client: { name: string };
  }[] = [];

  before(async () => {
    env = await startSandboxContext();
    server = await startMcpServer({
      port: 0,
      context: env.ctx,
      verifyClientToken: (token) => (token === TOKEN ? { name: 'vscode', kind: 'vscode' } : undefined),
      logger: createLogger({ ring, level: 'debug' }),
      onToolCall: (event) => calls.push(event),
    });
  });
  after(async () => {
    await server.close();
    await env.close();
  });

  const connect = async () => {
    const client = new Client({ name: 'e2e', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(server.url), {
        requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
      }),
    );
    return client;
  };

  test('list projects returns text and structuredContent with paging facts', async () => {
    const client = await connect();
    try {
      const result = await client.callTool({ name: 'bc_list_projects', arguments: { limit: 1 } });
      assert.notEqual(result.isError, true);
      const text = (result.content as { type: string; text: string }[])[0]!.text;
      assert.match(text, /projects/);
      const structured = result.structuredContent as {
        items: unknown[];
        has_more: boolean;
        next_cursor?: string;
        total?: number;
      };
      assert.equal(structured.items.length, 1);
      assert.equal(structured.has_more, true);
      assert.equal(typeof structured.next_cursor, 'string');
    } finally {
      await client.close();
    }
  });

  test('a domain tool runs its action; the hook and the log record it without secrets', async () => {
    const client = await connect();
    try {
      const projects = await client.callTool({
        name: 'bc_projects',
        arguments: { action: 'list', params: { limit: 2 } },
      });
      assert.notEqual(projects.isError, true);
      const call = calls.find((event) => event.tool === 'bc_projects');
      assert.ok(call);
      assert.equal(call.action, 'list');
      assert.equal(call.ok, true);
      assert.equal(call.client.name, 'vscode');
      const logged = ring.since().filter((entry) => entry.scope === 'mcp');
      assert.ok(
        logged.some((entry) => entry.message === 'tool call' && entry.fields?.tool === 'bc_projects'),
      );
      assert.ok(!JSON.stringify(ring.since()).includes(TOKEN), 'the client token never appears in the log');
    } finally {
      await client.close();
    }
  });

  test('the modern era (2026-07-28) calls tools the same way', async () => {
    const client = new ClientV2(
      { name: 'e2e-v2', version: '1.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(
      new TransportV2(new URL(server.url), {
        requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
      }),
    );
    try {
      const result = await client.callTool({ name: 'bc_whoami', arguments: {} });
      assert.notEqual(result.isError, true);
      assert.match(JSON.stringify(result.content), /You are/);
    } finally {
      await client.close();
    }
  });

  test('read-only mode changes the listed tools on the next request', async () => {
    const client = await connect();
    try {
      const before = (await client.listTools()).tools;
      const todoActions = (tools: typeof before) =>
        (tools.find((tool) => tool.name === 'bc_todos')?.inputSchema.properties?.action as { enum: string[] })
          .enum;
      assert.ok(todoActions(before).includes('create'));
      env.ctx.readOnly = true;
      const afterList = (await client.listTools()).tools;
      assert.ok(!todoActions(afterList).includes('create'));
      assert.ok(afterList.every((tool) => tool.annotations?.readOnlyHint === true));
    } finally {
      env.ctx.readOnly = false;
      await client.close();
    }
  });
});
