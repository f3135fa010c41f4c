// The main job, end to end: `serve --sandbox` as a real child process, `configure cursor` into a throwaway
// HOME, and real MCP clients (the SDK's own, the Inspector CLI, the conformance runner) using what it wrote.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  repoRoot,
  runCli,
  startSandboxServe,
  throwawayHome,
  type RunningCommand,
  type ThrowawayHome,
} from './support/product.ts';
import { startAuthProxy } from './support/auth-proxy.ts';

const run = promisify(execFile);
const controlToken = crypto.randomBytes(16).toString('hex');

interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

let home: ThrowawayHome;
let serve: RunningCommand & { mcpUrl: string };
let sandboxUrl: string;
let cursorEntry: { url: string; headers: { Authorization: string } };
let client: Client;

async function control(method: string, pathname: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await fetch(`${sandboxUrl}/__sandbox/${pathname}`, {
    method,
    headers: { 'x-sandbox-control': controlToken, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.equal(answer.status, 200, `sandbox control ${method} ${pathname}: ${await answer.clone().text()}`);
  return (await answer.json()) as Record<string, unknown>;
}

async function call(name: string, args: Record<string, unknown>): Promise<ToolResult> {
  return (await client.callTool({ name, arguments: args })) as ToolResult;
}

/** The to-do lists of a project, found the way an agent does: the project's dock names its to-do set. */
async function todoListsOf(projectId: number): Promise<Array<{ id: number; name?: string; title?: string }>> {
  const project = await call('bc_get_project', { project_id: projectId });
  assert.ok(!project.isError, textOf(project));
  const dock = (project.structuredContent?.dock ?? []) as Array<{ name: string; id: number }>;
  const todoset = dock.find((tool) => tool.name === 'todoset');
  assert.ok(todoset, `project ${projectId} has a to-do set in its dock`);
  const lists = await call('bc_todos', { action: 'lists', params: { todoset_id: todoset.id } });
  assert.ok(!lists.isError, textOf(lists));
  return (lists.structuredContent?.items ?? []) as Array<{ id: number }>;
}

function textOf(result: ToolResult): string {
  return result.content.map((block) => block.text ?? '').join('\n');
}

/** One raw HTTP request to the endpoint, so the test controls every header (fetch can't set Host). */
function rawPost(
  headers: Record<string, string>,
  body: string | Buffer,
  method = 'POST',
): Promise<{ status: number; body: string }> {
  const url = new URL(serve.mcpUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      // A server may close the socket on an oversized body before reading it all; that still counts as refused.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve({ status: 413, body: error.code });
      else reject(error);
    });
    request.end(body);
  });
}

const listToolsBody = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
const initializeBody = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1' } },
});

async function assertStillServing(): Promise<void> {
  const answer = await rawPost({ authorization: cursorEntry.headers.Authorization }, initializeBody);
  assert.equal(answer.status, 200, `the server stopped serving: ${answer.status} ${answer.body}`);
}

before(async () => {
  home = throwawayHome({ BASECAMP_SANDBOX_CONTROL_TOKEN: controlToken });
  serve = await startSandboxServe(home);
  sandboxUrl = (await serve.waitFor(/^Sandbox Basecamp: (http:\/\/127\.0\.0\.1:\d+)$/m))[1]!;
  const port = new URL(serve.mcpUrl).port;
  const configured = await runCli(['configure', 'cursor', '--port', port], home.env);
  assert.equal(configured.code, 0, configured.stderr);
  const written = JSON.parse(fs.readFileSync(path.join(home.home, '.cursor', 'mcp.json'), 'utf8')) as {
    mcpServers: Record<string, typeof cursorEntry>;
  };
  cursorEntry = written.mcpServers.basecamp!;
  client = new Client({ name: 'cursor-like-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(cursorEntry.url), {
      requestInit: { headers: cursorEntry.headers },
    }),
  );
});

after(async () => {
  await client?.close();
  await serve?.stop();
  home?.remove();
});

describe('an SDK client configured by `configure cursor`', () => {
  test('the entry points at the loopback endpoint with a client token', () => {
    assert.equal(cursorEntry.url, serve.mcpUrl);
    assert.match(cursorEntry.headers.Authorization, /^Bearer bcc_[A-Za-z0-9_-]{20,}$/);
  });

  test('the paste-ready demo entry works and is kept in memory only', async () => {
    const [, demoAuthorization] = serve.output().match(/"Authorization": "(Bearer bcc_[^"]+)"/) ?? [];
    assert.ok(demoAuthorization, 'serve --sandbox printed a Cursor entry');
    const answer = await rawPost({ authorization: demoAuthorization }, initializeBody);
    assert.equal(answer.status, 200);
    const settings = fs.readFileSync(path.join(home.dataDir, 'settings.json'), 'utf8');
    assert.doesNotMatch(settings, /sandbox-demo/);
  });

  test('lists the tools, within the budget of 30, each with a title and annotations', async () => {
    const { tools } = await client.listTools();
    assert.ok(tools.length >= 10 && tools.length <= 30, `tool count ${tools.length}`);
    for (const tool of tools) {
      assert.ok(tool.title || tool.annotations?.title, `${tool.name} has a title`);
      assert.equal(typeof tool.annotations?.readOnlyHint, 'boolean', `${tool.name} readOnlyHint`);
      assert.equal(tool.inputSchema.type, 'object');
    }
  });

  test('lists projects, creates a to-do, completes it, and the sandbox has changed', async () => {
    const projects = await call('bc_list_projects', {});
    assert.ok(!projects.isError, textOf(projects));
    const items = (projects.structuredContent?.items ?? []) as Array<{
      id: number;
      name: string;
      dock?: unknown;
    }>;
    assert.ok(items.length >= 3, `projects: ${textOf(projects)}`);

    const list = (await todoListsOf(items[0]!.id))[0];
    assert.ok(list, `no to-do list in ${items[0]!.name}`);

    const title = `Ship the companion ${crypto.randomUUID().slice(0, 8)}`;
    const created = await call('bc_todos', {
      action: 'create',
      params: { todolist_id: list.id, content: title },
    });
    assert.ok(!created.isError, textOf(created));
    const todoId = (created.structuredContent as { id: number }).id;
    assert.equal(typeof todoId, 'number');

    await control('DELETE', 'counters');
    const completed = await call('bc_todos', { action: 'complete', params: { todo_id: todoId } });
    assert.ok(!completed.isError, textOf(completed));
    const counters = await control('GET', 'counters');
    assert.ok(
      JSON.stringify(counters).includes(`/todos/${todoId}/completion.json`),
      'the completion reached the sandbox',
    );

    const reread = await call('bc_todos', { action: 'get', params: { todo_id: todoId } });
    assert.ok(!reread.isError, textOf(reread));
    assert.equal((reread.structuredContent as { completed: boolean }).completed, true);
    assert.match(textOf(reread), new RegExp(title));
  });

  test('a list of 65+ to-dos comes back whole, or in continuations that yield exactly the rest', async () => {
    const projects = (await call('bc_list_projects', {})).structuredContent?.items as Array<{ id: number }>;
    type Listing = { items: Array<{ id: number }>; total?: number; has_more: boolean };
    let biggest: { id: number; listing: Listing } | undefined;
    for (const project of projects) {
      for (const list of await todoListsOf(project.id)) {
        const whole = await call('bc_todos', {
          action: 'list',
          params: { todolist_id: list.id, limit: 200 },
        });
        assert.ok(!whole.isError, textOf(whole));
        const listing = whole.structuredContent as Listing;
        if (!biggest || listing.items.length > biggest.listing.items.length)
          biggest = { id: list.id, listing };
      }
    }
    assert.ok(biggest, 'found the to-do lists');
    const all = biggest.listing;
    assert.ok(all.items.length >= 65, `the biggest list has ${all.items.length} open to-dos`);
    assert.equal(all.has_more, false);
    if (all.total !== undefined) assert.equal(all.items.length, all.total);

    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await call('bc_todos', {
        action: 'list',
        params: {
          todolist_id: biggest.id,
          limit: 20,
          ...(cursor ? { cursor } : {}),
        },
      });
      assert.ok(!page.isError, textOf(page));
      const body = page.structuredContent as {
        items: Array<{ id: number }>;
        has_more: boolean;
        next_cursor?: string;
      };
      seen.push(...body.items.map((item) => item.id));
      cursor = body.has_more ? body.next_cursor : undefined;
      if (body.has_more) assert.ok(cursor, 'has_more comes with a continuation');
      pages += 1;
    } while (cursor && pages < 20);
    assert.equal(seen.length, all.items.length, 'the continuations add up to the whole list');
    assert.equal(new Set(seen).size, seen.length, 'no to-do appears twice');
    assert.deepEqual([...seen].sort(), all.items.map((item) => item.id).sort());
  });

  test('a 429 with Retry-After: 1 makes the call wait and succeed after exactly one retry', async () => {
    await control('DELETE', 'counters');
    await control('POST', 'faults', { kind: 'rateLimit', count: 1, retryAfter: 1, path: '/my/profile.json' });
    const answer = await call('bc_whoami', {});
    assert.ok(!answer.isError, textOf(answer));
    const counters = (await control('GET', 'counters')) as { byPath?: Record<string, number> };
    const meRequests = Object.entries(counters.byPath ?? {})
      .filter(([pathname]) => pathname.endsWith('/my/profile.json'))
      .reduce((sum, [, count]) => sum + count, 0);
    assert.equal(meRequests, 2, `one 429 and one retry: ${JSON.stringify(counters.byPath)}`);
    await control('DELETE', 'faults');
  });

  test('a POST that gets a 500 is not retried, and the agent is told', async () => {
    const projects = (await call('bc_list_projects', {})).structuredContent?.items as Array<{ id: number }>;
    const listId = (await todoListsOf(projects[0]!.id))[0]!.id;
    await control('DELETE', 'counters');
    await control('POST', 'faults', {
      kind: 'serverError',
      count: 1,
      status: 500,
      method: 'POST',
      path: '*/todos.json',
    });
    const answer = await call('bc_todos', {
      action: 'create',
      params: {
        todolist_id: listId,
        content: 'Must not be created twice',
      },
    });
    assert.equal(answer.isError, true, textOf(answer));
    const counters = (await control('GET', 'counters')) as { byPath?: Record<string, number> };
    const posts = Object.entries(counters.byPath ?? {})
      .filter(([pathname]) => pathname.endsWith(`/todolists/${listId}/todos.json`))
      .reduce((sum, [, count]) => sum + count, 0);
    assert.equal(posts, 1, `exactly one POST reached Basecamp: ${JSON.stringify(counters.byPath)}`);
    await control('DELETE', 'faults');
  });
});

describe('the endpoint refuses what it must, and keeps serving', () => {
  test('no token → 401, a wrong token → 401, without OAuth metadata', async () => {
    for (const headers of [{}, { authorization: 'Bearer bcc_not-a-real-token-at-all' }] as Array<
      Record<string, string>
    >) {
      const answer = await rawPost(headers, listToolsBody);
      assert.equal(answer.status, 401);
      assert.doesNotMatch(answer.body, /resource_metadata|oauth-protected-resource/);
      await assertStillServing();
    }
  });

  test('Origin: http://evil.example → 403', async () => {
    const answer = await rawPost(
      { authorization: cursorEntry.headers.Authorization, origin: 'http://evil.example' },
      listToolsBody,
    );
    assert.equal(answer.status, 403);
    await assertStillServing();
  });

  test('Host: evil.example → 403 or 421', async () => {
    const answer = await rawPost(
      { authorization: cursorEntry.headers.Authorization, host: 'evil.example' },
      listToolsBody,
    );
    assert.ok([403, 421].includes(answer.status), `status ${answer.status}`);
    await assertStillServing();
  });

  test('GET /mcp → 405', async () => {
    const answer = await rawPost({ authorization: cursorEntry.headers.Authorization }, '', 'GET');
    assert.equal(answer.status, 405);
    await assertStillServing();
  });

  test('a 5 MB body → 413', async () => {
    const huge = Buffer.alloc(5 * 1024 * 1024, 'a');
    const answer = await rawPost({ authorization: cursorEntry.headers.Authorization }, huge);
    assert.equal(answer.status, 413);
    await assertStillServing();
  });

  test('malformed JSON → a JSON-RPC parse error', async () => {
    const answer = await rawPost(
      { authorization: cursorEntry.headers.Authorization },
      '{"jsonrpc": "2.0", "id": 1, "method": ',
    );
    assert.match(answer.body, /-32700/);
    await assertStillServing();
  });
});

describe('independent MCP clients', () => {
  const inspector = path.join(repoRoot, 'node_modules', '.bin', 'mcp-inspector');
  const inspectorEnv = (): NodeJS.ProcessEnv => ({ ...home.env, MCP_INSPECTOR_SECRET_STORE: 'memory' });

  test('the MCP Inspector CLI lists the tools and calls one', async () => {
    const base = [
      '--cli',
      serve.mcpUrl,
      '--transport',
      'http',
      '--header',
      `Authorization: ${cursorEntry.headers.Authorization}`,
    ];
    const listed = await run(inspector, [...base, '--method', 'tools/list'], {
      env: inspectorEnv(),
      timeout: 60_000,
    });
    const tools = (JSON.parse(listed.stdout) as { tools: Array<{ name: string }> }).tools;
    assert.ok(tools.some((tool) => tool.name === 'bc_list_projects'));

    const called = await run(
      inspector,
      [...base, '--method', 'tools/call', '--tool-name', 'bc_list_projects', '--format', 'json'],
      {
        env: inspectorEnv(),
        timeout: 60_000,
      },
    );
    const result = JSON.parse(called.stdout) as { result?: ToolResult } & ToolResult;
    const content = (result.result ?? result).content;
    assert.ok(content.some((block) => block.type === 'text' && (block.text ?? '').length > 0));
  });

  test('the Inspector CLI shows the sentence of an error from a tool with an output schema', async () => {
    // The Inspector checks structuredContent against the tool's declared schema even on errors.
    const base = [
      '--cli',
      serve.mcpUrl,
      '--transport',
      'http',
      '--header',
      `Authorization: ${cursorEntry.headers.Authorization}`,
    ];
    const failed = await run(
      inspector,
      [
        ...base,
        '--method',
        'tools/call',
        '--tool-name',
        'bc_get_project',
        '--tool-arg',
        'project_id=123',
        '--format',
        'json',
      ],
      { env: inspectorEnv(), timeout: 60_000 },
    ).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
    assert.equal((failed as { code?: number }).code, 5, 'exit code 5: the tool reported an error');
    assert.match(`${failed.stdout ?? ''}`, /Not found or no access/);
  });

  test('the MCP conformance runner passes initialize, ping, tools-list, resources-list, prompts-list and DNS-rebinding protection', async () => {
    const proxy = await startAuthProxy(serve.mcpUrl, cursorEntry.headers.Authorization);
    const outDir = fs.mkdtempSync(path.join(home.home, 'conformance-'));
    try {
      const scenarios = [
        'server-initialize',
        'ping',
        'tools-list',
        'resources-list',
        'prompts-list',
        'dns-rebinding-protection',
      ];
      for (const scenario of scenarios) {
        const result = await run(
          path.join(repoRoot, 'node_modules', '.bin', 'conformance'),
          ['server', '--url', proxy.url, '--scenario', scenario, '-o', outDir],
          { env: home.env, timeout: 120_000 },
        ).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
        const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
        assert.ok(
          !('code' in result) || result.code === 0 || result.code === undefined,
          `${scenario} failed:\n${output}`,
        );
        assert.match(output, /Passed: (\d+)\/\1, 0 failed/, `${scenario}:\n${output}`);
      }
    } finally {
      await proxy.close();
    }
  });
});

describe('secrets stay out of the log file', () => {
  test('the log holds none of the sandbox tokens, nor the client token', async () => {
    const { issued } = (await control('GET', 'tokens')) as { issued: string[] };
    assert.ok(issued.length >= 2, 'the sandbox issued tokens during the run');
    const logDir = path.join(home.dataDir, 'logs');
    const logs = fs
      .readdirSync(logDir)
      .map((name) => fs.readFileSync(path.join(logDir, name), 'utf8'))
      .join('\n');
    assert.ok(logs.length > 0, 'the run wrote a log');
    const clientToken = cursorEntry.headers.Authorization.replace(/^Bearer /, '');
    for (const secret of [...issued, clientToken]) {
      assert.equal(logs.includes(secret), false, `a secret (${secret.slice(0, 4)}…) is in the log`);
    }
  });
});
