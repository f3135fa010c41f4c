// After `login`, a separate `serve` process answers tool calls with the stored tokens, renews an expired
// access token once for 50 concurrent calls, and, when the refresh token is revoked, tells the agent to
// sign in again while it keeps serving. Real child processes, a real Secret Service, the sandbox as Basecamp.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { freePort } from '../src-main/core/auth/auth-test-support.ts';
import { visitSignInLink } from '../src-main/core/auth/browser-test-support.ts';
import { startSandbox, type Sandbox } from '../src-main/core/sandbox/server.ts';
import { keyringSkipReason } from '../src-main/core/secrets/keyring-test-support.ts';
import {
  runCli,
  startCli,
  throwawayHome,
  type RunningCommand,
  type ThrowawayHome,
} from './support/product.ts';

const skip = await keyringSkipReason();

interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
}

let sandbox: Sandbox;
let home: ThrowawayHome;
let serve: RunningCommand;
let client: Client;

const textOf = (result: ToolResult): string => result.content.map((block) => block.text ?? '').join('\n');

before(async () => {
  if (skip) return;
  const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
  sandbox = await startSandbox({ redirectUri });
  home = throwawayHome({
    BASECAMP_LAUNCHPAD_URL: sandbox.launchpadUrl,
    BASECAMP_REDIRECT_URI: redirectUri,
    BASECAMP_CLIENT_ID: sandbox.oauthClient.clientId,
    BASECAMP_CLIENT_SECRET: sandbox.oauthClient.clientSecret,
  });

  const login = startCli(['login', '--no-browser'], home.env);
  const exited = once(login.child, 'exit');
  const [, url] = await login.waitFor(/^(http:\/\/127\.0\.0\.1:\d+\/authorization\/new\?\S+)$/m);
  await visitSignInLink(url!);
  const [code] = await exited;
  assert.equal(code, 0, login.output());

  serve = startCli(['serve', '--port', '0'], home.env);
  const [mcpUrl] = await serve.waitFor(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/m);
  const configured = await runCli(['configure', 'cursor', '--port', new URL(mcpUrl).port], home.env);
  assert.equal(configured.code, 0, configured.stderr);
  const entry = (
    JSON.parse(fs.readFileSync(path.join(home.home, '.cursor', 'mcp.json'), 'utf8')) as {
      mcpServers: { basecamp: { url: string; headers: Record<string, string> } };
    }
  ).mcpServers.basecamp;
  client = new Client({ name: 'refresh-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(entry.url), { requestInit: { headers: entry.headers } }),
  );
});

after(async () => {
  if (skip) return;
  await client?.close();
  await serve?.stop();
  await runCli(['logout', '--forget-client'], home.env); // leave the shared test keyring clean
  await sandbox?.close();
  home?.remove();
});

test('a new serve process answers tool calls with the tokens login stored', { skip }, async () => {
  const answer = (await client.callTool({ name: 'bc_whoami', arguments: {} })) as ToolResult;
  assert.ok(!answer.isError, textOf(answer));
  assert.match(textOf(answer), /Ada/);
});

test(
  '50 concurrent tool calls on an expired access token cause exactly one refresh, and all succeed',
  { skip },
  async () => {
    sandbox.faults.expireAccessTokens();
    sandbox.counters.reset();
    const calls = Array.from(
      { length: 50 },
      (_, index) =>
        client.callTool({
          name: index % 2 ? 'bc_whoami' : 'bc_list_projects',
          arguments: {},
        }) as Promise<ToolResult>,
    );
    const answers = await Promise.all(calls);
    const failures = answers.filter((answer) => answer.isError).map(textOf);
    assert.deepEqual(failures, [], 'every call succeeded');
    assert.equal(sandbox.counters.tokenRequests.refresh_token, 1, 'one refresh served all 50 calls');
  },
);

test(
  'a revoked refresh token turns into "needs sign-in": tools say what to do, status says so, serve keeps serving',
  { skip },
  async () => {
    sandbox.faults.revokeRefreshTokens();
    sandbox.faults.expireAccessTokens();
    const answer = (await client.callTool({ name: 'bc_list_projects', arguments: {} })) as ToolResult;
    assert.equal(answer.isError, true);
    assert.match(textOf(answer), /sign in again/i);
    assert.match(textOf(answer), /basecamp-companion login|tray/);

    const status = await runCli(['status', '--json'], home.env);
    assert.equal(status.code, 0, status.stderr);
    assert.equal((JSON.parse(status.stdout) as { state: string }).state, 'needs-sign-in');

    // Still serving: the tool list answers and a second call gets the same clear sentence, not a crash.
    const { tools } = await client.listTools();
    assert.ok(tools.length > 0);
    const again = (await client.callTool({ name: 'bc_whoami', arguments: {} })) as ToolResult;
    assert.equal(again.isError, true);
    assert.match(textOf(again), /sign in again/i);
    assert.equal(serve.child.exitCode, null, 'serve is still running');
  },
);
