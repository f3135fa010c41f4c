// The stdio bridge, end to end: `serve --sandbox` as a child process, `configure claude-desktop` into a
// throwaway HOME, then the MCP Inspector CLI starts exactly the command Claude Desktop would start
// (stdio → bridge → the real endpoint) and must see what a direct HTTP client sees. Revoking the
// Claude Desktop token makes only its calls fail, with a message that says what to do.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  repoRoot,
  runCli,
  startSandboxServe,
  throwawayHome,
  type RunningCommand,
  type ThrowawayHome,
} from './support/product.ts';

const inspectorBin = path.join(repoRoot, 'node_modules', '.bin', 'mcp-inspector');

interface StdioEntry {
  command: string;
  args: string[];
  env: Record<string, string>;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let home: ThrowawayHome;
let serve: RunningCommand & { mcpUrl: string };
let desktop: StdioEntry;
let cursorAuthorization: string;

function inspector(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      inspectorBin,
      ['--cli', ...args],
      {
        env: { ...home.env, MCP_INSPECTOR_SECRET_STORE: 'memory' },
        cwd: repoRoot,
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The Inspector starting Claude Desktop's entry: the same command, args and env. */
function viaBridge(args: string[], entry: StdioEntry = desktop): Promise<Run> {
  const env = Object.entries(entry.env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  return inspector([...args, ...env, '--', entry.command, ...entry.args]);
}

function viaHttp(args: string[]): Promise<Run> {
  return inspector([
    serve.mcpUrl,
    '--transport',
    'http',
    '--header',
    `Authorization: ${cursorAuthorization}`,
    ...args,
  ]);
}

function json(run: Run): Record<string, unknown> {
  assert.equal(run.code, 0, `the Inspector failed (exit ${run.code}):\n${run.stderr}\n${run.stdout}`);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

before(async () => {
  home = throwawayHome();
  serve = await startSandboxServe(home);
  const port = new URL(serve.mcpUrl).port;
  for (const client of ['claude-desktop', 'cursor']) {
    const configured = await runCli(['configure', client, '--port', port], home.env);
    assert.equal(configured.code, 0, configured.stderr);
  }
  const desktopFile = path.join(home.home, '.config', 'Claude', 'claude_desktop_config.json');
  desktop = (JSON.parse(fs.readFileSync(desktopFile, 'utf8')) as { mcpServers: { basecamp: StdioEntry } })
    .mcpServers.basecamp;
  const cursorFile = path.join(home.home, '.cursor', 'mcp.json');
  cursorAuthorization = (
    JSON.parse(fs.readFileSync(cursorFile, 'utf8')) as {
      mcpServers: { basecamp: { headers: { Authorization: string } } };
    }
  ).mcpServers.basecamp.headers.Authorization;
});

after(async () => {
  await serve?.stop();
  home?.remove();
});

describe('Claude Desktop through the stdio bridge', () => {
  test('the written entry runs our own bridge (absolute paths, token in env, no url entry, no npx)', () => {
    assert.equal(path.isAbsolute(desktop.command), true);
    assert.ok(desktop.args.includes('bridge'));
    assert.equal(desktop.args.at(-1), serve.mcpUrl);
    assert.match(desktop.env.BASECAMP_COMPANION_TOKEN!, /^bcc_/);
    assert.ok(!JSON.stringify(desktop).includes('npx'));
  });

  test('tools/list over stdio → bridge equals tools/list over HTTP', async () => {
    const [bridged, direct] = await Promise.all([
      viaBridge(['--method', 'tools/list']),
      viaHttp(['--method', 'tools/list']),
    ]);
    const bridgedTools = json(bridged).tools as Array<{ name: string }>;
    assert.ok(bridgedTools.length > 0);
    assert.deepEqual(bridgedTools, json(direct).tools);
  });

  test('a tool call over the bridge returns the same text and structured content', async () => {
    const args = ['--method', 'tools/call', '--tool-name', 'bc_whoami'];
    const [bridged, direct] = await Promise.all([viaBridge(args), viaHttp(args)]);
    const result = json(bridged);
    assert.deepEqual(result, json(direct));
    assert.match(JSON.stringify(result.content), /Ada Lindqvist/);
  });

  test('errors pass through the bridge as they are: an unknown tool fails the same way', async () => {
    const args = ['--method', 'tools/call', '--tool-name', 'bc_no_such_tool'];
    const [bridged, direct] = await Promise.all([viaBridge(args), viaHttp(args)]);
    assert.notEqual(bridged.code, 0);
    assert.equal(bridged.code, direct.code);
    assert.match(bridged.stdout + bridged.stderr, /bc_no_such_tool/);
  });

  test('the SDK stdio client (what Claude Desktop is) lists and calls tools through the entry', async () => {
    const client = new Client({ name: 'claude-desktop-e2e', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: desktop.command,
        args: desktop.args,
        env: { ...(home.env as Record<string, string>), ...desktop.env },
        stderr: 'pipe',
      }),
    );
    try {
      const tools = await client.listTools();
      assert.ok(tools.tools.some((tool) => tool.name === 'bc_whoami'));
      const result = (await client.callTool({ name: 'bc_whoami', arguments: {} })) as { isError?: boolean };
      assert.notEqual(result.isError, true);
    } finally {
      await client.close();
    }
  });

  test('with the app not running the bridge says so, on stderr and as a JSON-RPC error', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const args = desktop.args.slice(0, -1).concat(`http://127.0.0.1:${closedPort}/mcp`);
    const run = await viaBridge(['--method', 'tools/list'], { ...desktop, args });
    assert.notEqual(run.code, 0);
    assert.match(
      run.stdout + run.stderr,
      /Basecamp Companion is not reachable at http:\/\/127\.0\.0\.1:\d+\/mcp .*Start the app/,
    );
  });

  test('the bridge without a token refuses to start and says how to fix it', async () => {
    const run = await runCli(['bridge', '--url', serve.mcpUrl], {
      ...home.env,
      BASECAMP_COMPANION_TOKEN: '',
    });
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /needs the client's token in \$BASECAMP_COMPANION_TOKEN.*configure claude-desktop/,
    );
  });

  test('revoking Claude Desktop fails only its calls, with a clear 401 message; Cursor keeps working', async () => {
    const revoked = await runCli(['clients', 'revoke', 'claude-desktop'], home.env);
    assert.equal(revoked.code, 0, revoked.stderr);
    const [bridged, direct] = await Promise.all([
      viaBridge(['--method', 'tools/list']),
      viaHttp(['--method', 'tools/list']),
    ]);
    assert.notEqual(bridged.code, 0);
    assert.match(
      bridged.stdout + bridged.stderr,
      /refused this client's token \(it was revoked or replaced\)\. Run `basecamp-companion configure claude-desktop`/,
    );
    assert.ok(
      !(bridged.stdout + bridged.stderr).includes(desktop.env.BASECAMP_COMPANION_TOKEN!),
      'the token is not echoed',
    );
    assert.ok((json(direct).tools as unknown[]).length > 0, 'the other client is untouched');
  });
});
