// Every token and secret used in a run, searched for everywhere the product writes or shows things: the log
// files, the settings and every other file in the data directory, the console (stderr, where a crash lands), and
// everything the window receives over the contract (answers and events).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { dispatch } from '../src-main/core/state/dispatch.ts';
import { windowOverSandbox } from '../src-main/core/state/window-test-support.ts';
import {
  runCli,
  startSandboxServe,
  throwawayHome,
  type RunningCommand,
  type ThrowawayHome,
} from './support/product.ts';

const controlToken = crypto.randomBytes(16).toString('hex');

/** Every file under a directory, with its text. */
function filesUnder(
  dir: string,
  skip: (file: string) => boolean = () => false,
): Array<{ file: string; text: string }> {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile() && !skip(file))
    .map((file) => ({ file, text: fs.readFileSync(file, 'latin1') }));
}

function assertNoSecret(where: string, text: string, secrets: string[]): void {
  for (const secret of secrets) {
    assert.equal(
      text.includes(secret),
      false,
      `a secret (${secret.slice(0, 4)}…, ${secret.length} chars) is in ${where}`,
    );
  }
}

async function connect(url: string, authorization: string): Promise<Client> {
  const client = new Client({ name: 'secrets-test', version: '1' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: authorization } },
    }),
  );
  return client;
}

describe('`serve --sandbox` as a child process', () => {
  let home: ThrowawayHome;
  let serve: RunningCommand & { mcpUrl: string };
  let stderr = '';

  before(async () => {
    home = throwawayHome({
      BASECAMP_SANDBOX_CONTROL_TOKEN: controlToken,
      BASECAMP_COMPANION_LOG_LEVEL: 'debug',
    });
    serve = await startSandboxServe(home);
    serve.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  });
  after(async () => {
    await serve?.stop();
    home?.remove();
  });

  test('no token or secret in the logs, settings, data files or stderr, through refreshes, errors and a crash', async () => {
    const sandboxUrl = (await serve.waitFor(/^Sandbox Basecamp: (http:\/\/127\.0\.0\.1:\d+)$/m))[1]!;
    const control = async (method: string, pathname: string, body?: unknown) => {
      const answer = await fetch(`${sandboxUrl}/__sandbox/${pathname}`, {
        method,
        headers: { 'x-sandbox-control': controlToken, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      assert.equal(answer.status, 200);
      return (await answer.json()) as Record<string, unknown>;
    };
    const demo = (await serve.waitFor(/"Authorization": "(Bearer bcc_[^"]+)"/))[1]!;
    const port = new URL(serve.mcpUrl).port;
    const configured = await runCli(['configure', 'cursor', '--port', port], home.env);
    assert.equal(configured.code, 0, configured.stderr);
    const cursor = (
      JSON.parse(fs.readFileSync(path.join(home.home, '.cursor', 'mcp.json'), 'utf8')) as {
        mcpServers: { basecamp: { headers: { Authorization: string } } };
      }
    ).mcpServers.basecamp.headers.Authorization;

    const client = await connect(serve.mcpUrl, cursor);
    await client.callTool({ name: 'bc_list_projects', arguments: {} });
    await control('POST', 'faults', { kind: 'expireAccessTokens' }); // forces a refresh: new tokens in flight
    await client.callTool({ name: 'bc_whoami', arguments: {} });
    await control('POST', 'faults', { kind: 'serverError', count: 3, status: 503 });
    await client.callTool({ name: 'bc_list_projects', arguments: { limit: 5 } });
    await client.callTool({ name: 'bc_get_project', arguments: { project_id: 1 } }); // a 404
    await client.close();
    // Wrong and revoked client tokens, as a hostile local process would send them.
    for (const authorization of [`Bearer bcc_${crypto.randomBytes(24).toString('base64url')}`, 'Bearer x']) {
      await fetch(serve.mcpUrl, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: '{}',
      });
    }
    const { issued } = (await control('GET', 'tokens')) as { issued: string[] };
    assert.ok(issued.length >= 4, 'the run issued access and refresh tokens, and refreshed them');
    const secrets = [...issued, demo.replace('Bearer ', ''), cursor.replace('Bearer ', ''), controlToken];

    // The crash output: a SIGKILL leaves whatever stderr had; a SIGTERM prints the shutdown.
    await serve.stop('SIGTERM');
    assertNoSecret('stderr', stderr, secrets);
    const files = filesUnder(home.dataDir);
    assert.ok(
      files.some((entry) => entry.file.endsWith('settings.json')),
      'the settings were written',
    );
    assert.ok(
      files.some((entry) => entry.file.includes(`${path.sep}logs${path.sep}`)),
      'a log was written',
    );
    for (const { file, text } of files) assertNoSecret(path.relative(home.home, file), text, secrets);
    // Outside the data directory only the client's own config may hold its token, and nothing else may.
    for (const { file, text } of filesUnder(home.home, (file) => file.startsWith(home.dataDir))) {
      const allowed = file.endsWith(path.join('.cursor', 'mcp.json')) ? [cursor.replace('Bearer ', '')] : [];
      assertNoSecret(
        path.relative(home.home, file),
        text,
        secrets.filter((secret) => !allowed.includes(secret)),
      );
    }
  });
});

describe('the window contract over the real core', () => {
  test('no answer or event the window receives carries a token or secret', async () => {
    const { home, env, remove } = throwawayHome({ BASECAMP_COMPANION_LOG_LEVEL: 'debug' });
    const { companion, api } = await windowOverSandbox(env);
    const seen: string[] = [];
    const stop = api.events.subscribe((event, payload) => seen.push(`${event} ${JSON.stringify(payload)}`));
    const call = async (channel: string, request: unknown = {}) => {
      const envelope = await dispatch(api.handlers, channel, request, { surface: 'tray' }, companion.logger);
      seen.push(`${channel} ${JSON.stringify(envelope)}`);
      return envelope;
    };
    try {
      const server = await companion.startServer({ port: 0 });
      await call('clients:configure', { kind: 'cursor' });
      const cursor = (
        JSON.parse(fs.readFileSync(path.join(home, '.cursor', 'mcp.json'), 'utf8')) as {
          mcpServers: { basecamp: { headers: { Authorization: string } } };
        }
      ).mcpServers.basecamp.headers.Authorization;
      const { token: manual } = companion.clients.mint('manual-client', 'manual');
      const client = await connect(server.url, cursor);
      await client.callTool({ name: 'bc_list_projects', arguments: {} });
      companion.sandbox!.faults.expireAccessTokens();
      await client.callTool({ name: 'bc_whoami', arguments: {} });
      await client.close();
      for (const channel of ['snapshot:get', 'clients:list', 'settings:get', 'mcp:connection-info'])
        await call(channel);
      await call('logs:tail', { sinceSeq: 0, limit: 1000 });
      await call('auth:set-app-credentials', { clientId: 'x', clientSecret: 'y' }); // refused or accepted, never echoed
      await new Promise((resolve) => setTimeout(resolve, 300)); // let batched events arrive
      const secrets = [
        ...companion.sandbox!.tokens.issuedTokens(),
        companion.sandbox!.oauthClient.clientSecret,
        cursor.replace('Bearer ', ''),
        manual,
      ];
      assert.ok(seen.length >= 7, 'the window received answers and events');
      assertNoSecret('what the window received', seen.join('\n'), secrets);
    } finally {
      stop();
      await companion.close();
      remove();
    }
  });
});
