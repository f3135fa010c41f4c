// Resources and prompts seen by independent clients: `serve --sandbox` as a real child process, the MCP
// Inspector CLI (resources/list, resources/read, prompts/list, prompts/get). The conformance runner's
// resources-list and prompts-list scenarios run in foundation.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  repoRoot,
  runCli,
  startSandboxServe,
  throwawayHome,
  type RunningCommand,
  type ThrowawayHome,
} from './support/product.ts';

const run = promisify(execFile);
const inspector = path.join(repoRoot, 'node_modules', '.bin', 'mcp-inspector');

let home: ThrowawayHome;
let serve: RunningCommand & { mcpUrl: string };
let authorization: string;

before(async () => {
  home = throwawayHome();
  serve = await startSandboxServe(home);
  const port = new URL(serve.mcpUrl).port;
  const configured = await runCli(['configure', 'cursor', '--port', port], home.env);
  assert.equal(configured.code, 0, configured.stderr);
  const written = JSON.parse(fs.readFileSync(path.join(home.home, '.cursor', 'mcp.json'), 'utf8')) as {
    mcpServers: Record<string, { headers: { Authorization: string } }>;
  };
  authorization = written.mcpServers.basecamp!.headers.Authorization;
});

after(async () => {
  await serve?.stop();
  home?.remove();
});

async function inspect(args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    inspector,
    ['--cli', serve.mcpUrl, '--transport', 'http', '--header', `Authorization: ${authorization}`, ...args],
    { env: { ...home.env, MCP_INSPECTOR_SECRET_STORE: 'memory' }, timeout: 60_000 },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('the MCP Inspector CLI', () => {
  test('lists the resources and reads a project as Markdown', async () => {
    const listed = (await inspect(['--method', 'resources/list'])) as {
      resources: { uri: string; name: string; mimeType?: string }[];
    };
    const uris = listed.resources.map((resource) => resource.uri);
    assert.ok(uris.includes('basecamp://projects'), uris.join(', '));
    const project = listed.resources.find((resource) => /^basecamp:\/\/projects\/\d+$/.test(resource.uri));
    assert.ok(project, 'projects are listed');
    const read = (await inspect(['--method', 'resources/read', '--uri', project.uri])) as {
      contents: { mimeType: string; text: string }[];
    };
    assert.equal(read.contents[0]!.mimeType, 'text/markdown');
    assert.match(read.contents[0]!.text, /Tools in this project \(dock\)/);
  });

  test('lists the prompts and gets one with arguments', async () => {
    const listed = (await inspect(['--method', 'prompts/list'])) as { prompts: { name: string }[] };
    assert.deepEqual(listed.prompts.map((prompt) => prompt.name).sort(), [
      'catch_up',
      'draft_checkin_answer',
      'plan_project',
      'weekly_recap',
    ]);
    const got = (await inspect([
      '--method',
      'prompts/get',
      '--prompt-name',
      'weekly_recap',
      '--prompt-args',
      'since=2026-11-26',
    ])) as { messages: { content: { text: string } }[] };
    assert.match(got.messages[0]!.content.text, /since 2026-11-26/);
    assert.match(got.messages[0]!.content.text, /bc_reports/);
  });
});
