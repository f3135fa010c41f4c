// Faults and load against the real product (`serve --sandbox` as a child process): 50 concurrent clients mixing
// reads and writes through 429 storms and 5xx answers, a server killed in the middle of a call and restarted,
// and a corrupt settings file. The sandbox's counters are the witness for what reached Basecamp.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  runCli,
  startCli,
  startSandboxServe,
  throwawayHome,
  type RunningCommand,
  type ThrowawayHome,
} from './support/product.ts';

interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

const controlToken = crypto.randomBytes(16).toString('hex');

function controlFor(sandboxUrl: string) {
  return async (method: string, pathname: string, body?: unknown): Promise<Record<string, unknown>> => {
    const answer = await fetch(`${sandboxUrl}/__sandbox/${pathname}`, {
      method,
      headers: { 'x-sandbox-control': controlToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.equal(answer.status, 200, `sandbox control ${method} ${pathname}: ${await answer.clone().text()}`);
    return (await answer.json()) as Record<string, unknown>;
  };
}

async function connect(url: string, authorization: string, name: string): Promise<Client> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: authorization } },
    }),
  );
  return client;
}

const textOf = (result: ToolResult): string => result.content.map((block) => block.text ?? '').join('\n');

describe('50 concurrent clients through 429 storms and 5xx', () => {
  let home: ThrowawayHome;
  let serve: RunningCommand & { mcpUrl: string };
  let control: ReturnType<typeof controlFor>;
  let authorization: string;

  before(async () => {
    home = throwawayHome({ BASECAMP_SANDBOX_CONTROL_TOKEN: controlToken });
    serve = await startSandboxServe(home);
    control = controlFor((await serve.waitFor(/^Sandbox Basecamp: (http:\/\/127\.0\.0\.1:\d+)$/m))[1]!);
    authorization = (await serve.waitFor(/"Authorization": "(Bearer bcc_[^"]+)"/))[1]!;
  });
  after(async () => {
    await serve?.stop();
    home?.remove();
  });

  test('reads all succeed within the retry budget, no write is sent twice, never over 50 requests in 10 s', async () => {
    const setup = await connect(serve.mcpUrl, authorization, 'setup');
    const projects = ((await setup.callTool({ name: 'bc_list_projects', arguments: {} })) as ToolResult)
      .structuredContent?.items as Array<{ id: number }>;
    const project = (await setup.callTool({
      name: 'bc_get_project',
      arguments: { project_id: projects[0]!.id },
    })) as ToolResult;
    const todoset = (project.structuredContent?.dock as Array<{ name: string; id: number }>).find(
      (tool) => tool.name === 'todoset',
    )!;
    const lists = (await setup.callTool({
      name: 'bc_todos',
      arguments: { action: 'lists', params: { todoset_id: todoset.id } },
    })) as ToolResult;
    const listId = (lists.structuredContent?.items as Array<{ id: number }>)[0]!.id;
    await setup.close();

    const clients = await Promise.all(
      Array.from({ length: 50 }, (_, index) => connect(serve.mcpUrl, authorization, `load-${index}`)),
    );
    await control('DELETE', 'counters');
    // A storm: the next 10 GETs answer 429 (Retry-After 1), 5 more answer 503, and 2 POSTs answer 500.
    await control('POST', 'faults', { kind: 'rateLimit', count: 10, retryAfter: 1, method: 'GET' });
    await control('POST', 'faults', { kind: 'serverError', count: 5, status: 503, method: 'GET' });
    await control('POST', 'faults', {
      kind: 'serverError',
      count: 2,
      status: 500,
      method: 'POST',
      path: '*/todos.json',
    });

    const reads = [
      { name: 'bc_list_projects', arguments: {} },
      { name: 'bc_get_project', arguments: { project_id: projects[1 % projects.length]!.id } },
      { name: 'bc_todos', arguments: { action: 'list', params: { todolist_id: listId, limit: 20 } } },
      { name: 'bc_whoami', arguments: {} },
    ];
    const readFailures: string[] = [];
    const writes: Array<{ content: string; ok: boolean }> = [];
    await Promise.all(
      clients.map(async (client, index) => {
        const read = (await client.callTool(reads[index % reads.length]!)) as ToolResult;
        if (read.isError) readFailures.push(`${reads[index % reads.length]!.name}: ${textOf(read)}`);
        if (index % 5 === 0) {
          const content = `Load test write ${index} ${crypto.randomUUID().slice(0, 8)}`;
          const written = (await client.callTool({
            name: 'bc_todos',
            arguments: { action: 'create', params: { todolist_id: listId, content } },
          })) as ToolResult;
          writes.push({ content, ok: !written.isError });
        }
      }),
    );
    await Promise.all(clients.map((client) => client.close()));
    await control('DELETE', 'faults');

    assert.deepEqual(readFailures, [], 'no read failed where the client could see it');
    const counters = (await control('GET', 'counters')) as {
      log: Array<{ method: string; path: string; status: number }>;
      maxIn10s: number;
    };
    const posts = counters.log.filter(
      (record) => record.method === 'POST' && record.path.endsWith(`/todolists/${listId}/todos.json`),
    );
    assert.equal(
      posts.length,
      writes.length,
      `each write reached Basecamp exactly once: ${posts.length} POSTs for ${writes.length} writes`,
    );
    assert.ok(
      writes.some((write) => !write.ok),
      'the injected 500 reached a write, which reported it',
    );
    assert.ok(
      counters.log.some((record) => record.status === 429),
      'the 429 storm happened',
    );
    assert.ok(
      counters.log.some((record) => record.status === 503),
      'the 503s happened',
    );
    assert.ok(counters.maxIn10s <= 50, `at most 50 requests in any 10 s window, saw ${counters.maxIn10s}`);

    // What a failed write reported is what Basecamp holds: the ones that said done exist once, the others not at all.
    const check = await connect(serve.mcpUrl, authorization, 'check');
    const listed = (await check.callTool({
      name: 'bc_todos',
      arguments: { action: 'list', params: { todolist_id: listId, limit: 200 } },
    })) as ToolResult;
    await check.close();
    const text = textOf(listed);
    for (const write of writes) {
      const occurrences = text.split(write.content).length - 1;
      assert.equal(
        occurrences,
        write.ok ? 1 : 0,
        `"${write.content}" (${write.ok ? 'reported done' : 'reported failed'}) appears ${occurrences} times`,
      );
    }
  });
});

describe('the server killed during a call', () => {
  test('the client gets an error; a restart on the same port serves the configured client again', async () => {
    const home = throwawayHome({ BASECAMP_SANDBOX_CONTROL_TOKEN: controlToken });
    let serve = await startSandboxServe(home);
    try {
      const control = controlFor(
        (await serve.waitFor(/^Sandbox Basecamp: (http:\/\/127\.0\.0\.1:\d+)$/m))[1]!,
      );
      const port = new URL(serve.mcpUrl).port;
      const configured = await runCli(['configure', 'cursor', '--port', port], home.env);
      assert.equal(configured.code, 0, configured.stderr);
      const entry = (
        JSON.parse(fs.readFileSync(path.join(home.home, '.cursor', 'mcp.json'), 'utf8')) as {
          mcpServers: { basecamp: { url: string; headers: { Authorization: string } } };
        }
      ).mcpServers.basecamp;
      const clientsBefore = await runCli(['clients'], home.env);

      const client = await connect(entry.url, entry.headers.Authorization, 'cursor-like');
      await control('POST', 'faults', { kind: 'latency', ms: 5000, path: '/my/profile.json' });
      const pending = client.callTool({ name: 'bc_whoami', arguments: {} }).then(
        (result) => ({ result: result as ToolResult }),
        (error: unknown) => ({ error }),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      await serve.stop('SIGKILL');
      const outcome = await pending;
      assert.ok('error' in outcome || outcome.result.isError, 'the call in flight ended in an error');
      await client.close().catch(() => undefined);

      // Same HOME, same port: the client's config file is untouched and must just work again.
      serve = Object.assign(startCli(['serve', '--sandbox', '--port', port], home.env), {
        mcpUrl: entry.url,
      });
      await serve.waitFor(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/m);
      const again = await connect(entry.url, entry.headers.Authorization, 'cursor-like');
      const answer = (await again.callTool({ name: 'bc_list_projects', arguments: {} })) as ToolResult;
      assert.ok(!answer.isError, textOf(answer));
      await again.close();
      const clientsAfter = await runCli(['clients'], home.env);
      assert.equal(clientsAfter.code, 0, clientsAfter.stderr);
      assert.match(clientsBefore.stdout, /^cursor\s+configured/m, clientsBefore.stdout);
      // The restarted serve saw the client call, so its row now says so; apart from that (and the column
      // widths it changes) the table is as before the kill: the demo's paste-ready token lives in memory only.
      assert.match(clientsAfter.stdout, /^cursor\s+connected \(last seen [^)]*cursor-like 1\.0\.0\)/m);
      const table = (output: string): string =>
        output.replace(/connected \(last seen [^)]*\)/, 'configured').replace(/ +/g, ' ');
      assert.equal(table(clientsAfter.stdout), table(clientsBefore.stdout), 'the client table survived');
    } finally {
      await serve.stop();
      home.remove();
    }
  });
});

describe('a corrupt settings file', () => {
  test('is replaced by the last good copy, with a clear log line, through the real CLI', async () => {
    const home = throwawayHome();
    try {
      const first = await runCli(['configure', 'cursor', '--port', '3917'], home.env);
      assert.equal(first.code, 0, first.stderr);
      const file = path.join(home.dataDir, 'settings.json');
      const good = fs.readFileSync(file, 'utf8');
      assert.match(good, /cursor/);
      fs.writeFileSync(file, '{"port": 3917, "clients": [ {"name": "cur'); // a write cut short
      const status = await runCli(['clients'], home.env);
      assert.equal(status.code, 0, status.stderr);
      const logDir = path.join(home.dataDir, 'logs');
      const logs = fs
        .readdirSync(logDir)
        .map((name) => fs.readFileSync(path.join(logDir, name), 'utf8'))
        .join('\n');
      // The line may also reach stderr, depending on the command; the log file always has it.
      assert.match(
        logs,
        /Settings file was unreadable; restored the last good copy\. The broken file is kept at /,
      );
      assert.ok(
        fs.readdirSync(home.dataDir).some((name) => name.startsWith('settings.json.corrupt-')),
        'the broken file is kept beside the settings',
      );
      assert.match(status.stdout, /^cursor\s+configured/m, 'the configured client survived');
      assert.doesNotThrow(
        () => JSON.parse(fs.readFileSync(file, 'utf8')),
        'the settings file is valid JSON again',
      );
    } finally {
      home.remove();
    }
  });
});

describe('no keychain at all', () => {
  test('login says the keychain is missing, shows no sign-in link, and writes no secret anywhere', async () => {
    const { startSandbox } = await import('../src-main/core/sandbox/server.ts');
    const sandbox = await startSandbox({});
    // No Secret Service on the session bus: the bus address points at nothing.
    const home = throwawayHome({
      BASECAMP_LAUNCHPAD_URL: sandbox.launchpadUrl,
      BASECAMP_CLIENT_ID: sandbox.oauthClient.clientId,
      BASECAMP_CLIENT_SECRET: sandbox.oauthClient.clientSecret,
      BASECAMP_REDIRECT_URI: sandbox.oauthClient.redirectUri,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(os.tmpdir(), `no-bus-${crypto.randomUUID()}`)}`,
    });
    try {
      const result = await runCli(['login', '--no-browser'], home.env);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(
        result.stderr,
        /No system keychain \(Secret Service\) is answering.*Nothing was saved anywhere else/s,
      );
      assert.doesNotMatch(
        result.stdout + result.stderr,
        /\/authorization\/new\?/,
        'no sign-in link was offered',
      );
      const secret = sandbox.oauthClient.clientSecret;
      for (const name of fs.readdirSync(home.home, { recursive: true }) as string[]) {
        const file = path.join(home.home, name);
        if (fs.statSync(file).isFile())
          assert.equal(
            fs.readFileSync(file, 'latin1').includes(secret),
            false,
            `${name} holds the client secret`,
          );
      }
      assert.equal(
        (result.stdout + result.stderr).includes(secret),
        false,
        'the output holds the client secret',
      );
    } finally {
      await sandbox.close();
      home.remove();
    }
  });
});
