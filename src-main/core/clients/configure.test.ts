// Connecting and disconnecting clients end to end through the core: real files under a throwaway home,
// a real settings file, the real token registry. Only the client CLIs (`claude`) are replaced by a recorder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { configureClient, reconfigureAll, type CommandRunner } from './configure.ts';
import { configureWorld } from './clients-test-support.ts';
import { clientStatus, clientStatuses } from './status.ts';
import { findClient } from './table.ts';
import { ClientConfigError, ConfigParseError } from './errors.ts';

function world(options: { which?: Record<string, string>; run?: CommandRunner } = {}) {
  return configureWorld(options);
}

function bearerIn(file: string, container = 'mcpServers'): string {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<
    string,
    Record<string, { headers: { Authorization: string } }>
  >;
  return parsed[container]!.basecamp!.headers.Authorization.replace(/^Bearer /, '');
}

const backups = (dir: string): number =>
  fs.readdirSync(dir).filter((name) => /\.basecamp-(original|previous)$/.test(name)).length;

test('configure cursor writes url + Authorization to ~/.cursor/mcp.json with a token that verifies', () => {
  const { home, registry, context } = world();
  const result = configureClient(context, { client: 'cursor' });
  const file = path.join(home, '.cursor', 'mcp.json');
  assert.equal(result.action, 'added');
  assert.equal(result.file, file);
  const entry = (
    JSON.parse(fs.readFileSync(file, 'utf8')) as { mcpServers: { basecamp: Record<string, unknown> } }
  ).mcpServers.basecamp;
  assert.equal(entry.url, 'http://127.0.0.1:3917/mcp');
  assert.equal(entry.type, undefined, 'no `type` for Cursor');
  assert.deepEqual(registry.verifyClientToken(bearerIn(file)), { name: 'cursor', kind: 'cursor' });
  assert.match(
    result.deeplink!,
    /^cursor:\/\/anysphere\.cursor-deeplink\/mcp\/install\?name=basecamp&config=/,
  );
  const config = decodeURIComponent(result.deeplink!.split('config=')[1]!);
  assert.deepEqual(JSON.parse(Buffer.from(config, 'base64').toString('utf8')), entry);
});

test('re-configuring is idempotent; --rotate issues a new token and the old one stops working', () => {
  const { home, registry, context } = world();
  configureClient(context, { client: 'cursor' });
  const file = path.join(home, '.cursor', 'mcp.json');
  const first = bearerIn(file);
  const bytes = fs.readFileSync(file);
  const again = configureClient(context, { client: 'cursor' });
  assert.equal(again.action, 'unchanged');
  assert.equal(again.newToken, false);
  assert.deepEqual(fs.readFileSync(file), bytes);
  assert.equal(backups(path.dirname(file)), 0);

  const rotated = configureClient(context, { client: 'cursor', rotate: true });
  assert.equal(rotated.action, 'updated');
  assert.equal(rotated.newToken, true);
  const second = bearerIn(file);
  assert.notEqual(second, first);
  assert.equal(registry.verifyClientToken(first), undefined);
  assert.equal(registry.verifyClientToken(second)?.name, 'cursor');
  assert.equal(backups(path.dirname(file)), 1);
});

test('after a revoke, configure issues a new token; the other clients keep theirs', () => {
  const { home, registry, context, environment } = world();
  configureClient(context, { client: 'cursor' });
  configureClient(context, { client: 'vscode' });
  const cursorFile = path.join(home, '.cursor', 'mcp.json');
  const vscodeFile = path.join(home, '.config', 'Code', 'User', 'mcp.json');
  const vscodeToken = bearerIn(vscodeFile, 'servers');
  const oldCursor = bearerIn(cursorFile);
  registry.revoke('cursor');
  assert.equal(registry.verifyClientToken(oldCursor), undefined);
  assert.equal(registry.verifyClientToken(vscodeToken)?.name, 'vscode');
  const status = clientStatus(findClient('cursor')!, { environment, registry, port: 3917 });
  // Said as `status` says it: revoked, whatever made ~/.cursor.
  assert.equal(status.state, 'revoked');
  assert.match(status.problem!, /revoked.*configure cursor/);

  const again = configureClient(context, { client: 'cursor' });
  assert.equal(again.action, 'updated');
  assert.equal(registry.verifyClientToken(bearerIn(cursorFile))?.name, 'cursor');
  assert.equal(registry.verifyClientToken(vscodeToken)?.name, 'vscode');
});

test('--project writes the project file under its own name; clients without project files say so', () => {
  const { root, registry, context } = world();
  const project = path.join(root, 'my project');
  fs.mkdirSync(project);
  const result = configureClient(context, { client: 'cursor', project });
  assert.equal(result.file, path.join(project, '.cursor', 'mcp.json'));
  assert.equal(result.name, `cursor:${project}`);
  assert.equal(registry.verifyClientToken(bearerIn(result.file))?.name, `cursor:${project}`);
  const vscode = configureClient(context, { client: 'vscode', project });
  assert.equal(vscode.file, path.join(project, '.vscode', 'mcp.json'));
  assert.throws(
    () => configureClient(context, { client: 'windsurf', project }),
    (error: Error) => error instanceof ClientConfigError && /no per-project config/.test(error.message),
  );
});

test('remove takes out only our entry and forgets the token; dry runs write and issue nothing', () => {
  const { home, registry, context } = world();
  const file = path.join(home, '.codeium', 'windsurf', 'mcp_config.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const original =
    '{\n  "mcpServers": {\n    "other": { "serverUrl": "http://127.0.0.1:9000/mcp" }\n  }\n}\n';
  fs.writeFileSync(file, original);

  const dry = configureClient(context, { client: 'windsurf', dryRun: true });
  assert.equal(dry.action, 'added');
  assert.equal(fs.readFileSync(file, 'utf8'), original);
  assert.equal(registry.list().length, 0, 'a dry run issues no token');

  configureClient(context, { client: 'windsurf' });
  const token = (
    JSON.parse(fs.readFileSync(file, 'utf8')) as {
      mcpServers: { basecamp: { serverUrl: string; headers: { Authorization: string } } };
    }
  ).mcpServers.basecamp;
  assert.equal(token.serverUrl, 'http://127.0.0.1:3917/mcp', 'Windsurf gets serverUrl');
  const removed = configureClient(context, { client: 'windsurf', remove: true });
  assert.equal(removed.action, 'removed');
  assert.match(removed.restartHint, /^Restart Windsurf .*drops the "basecamp" server/);
  assert.equal(fs.readFileSync(file, 'utf8'), original);
  assert.equal(registry.get('windsurf'), undefined);
  assert.equal(configureClient(context, { client: 'windsurf', remove: true }).action, 'not-present');
});

test('an unparsable file is refused before any token is issued', () => {
  const { home, registry, context } = world();
  const file = path.join(home, '.cursor', 'mcp.json');
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, '{ "mcpServers": { ');
  assert.throws(
    () => configureClient(context, { client: 'cursor' }),
    (error: Error) => error instanceof ConfigParseError && error.message.startsWith(`${file}:1:`),
  );
  assert.equal(fs.readFileSync(file, 'utf8'), '{ "mcpServers": { ');
  assert.equal(registry.list().length, 0);
});

test('Claude Desktop gets a stdio entry that runs our bridge with the token in env, never a url', () => {
  const { home, registry, context } = world();
  const result = configureClient(context, { client: 'claude-desktop' });
  assert.equal(result.file, path.join(home, '.config', 'Claude', 'claude_desktop_config.json'));
  const entry = (
    JSON.parse(fs.readFileSync(result.file!, 'utf8')) as {
      mcpServers: {
        basecamp: { command: string; args: string[]; env: Record<string, string>; url?: string };
      };
    }
  ).mcpServers.basecamp;
  assert.equal(entry.url, undefined);
  assert.equal(entry.command, '/usr/bin/node');
  assert.deepEqual(entry.args, ['/opt/companion/main.ts', 'bridge', '--url', 'http://127.0.0.1:3917/mcp']);
  assert.equal(registry.verifyClientToken(entry.env.BASECAMP_COMPANION_TOKEN)?.name, 'claude-desktop');
});

test('Claude Code: runs `claude mcp add` when claude is on PATH, never touches ~/.claude.json', () => {
  const calls: string[][] = [];
  const run: CommandRunner = (argv) => {
    calls.push(argv);
    return { status: 0, stdout: 'Added HTTP MCP server basecamp', stderr: '' };
  };
  const { home, registry, context } = world({ which: { claude: '/usr/local/bin/claude' }, run });
  const claudeJson = path.join(home, '.claude.json');
  const before = '{"numStartups": 3, "mcpServers": {}}';
  fs.writeFileSync(claudeJson, before);
  const result = configureClient(context, { client: 'claude-code' });
  assert.equal(result.action, 'ran-command');
  assert.equal(calls.length, 1);
  const argv = calls[0]!;
  assert.deepEqual(argv.slice(0, 9), [
    'claude',
    'mcp',
    'add',
    '--transport',
    'http',
    '--scope',
    'user',
    'basecamp',
    'http://127.0.0.1:3917/mcp',
  ]);
  assert.equal(argv[9], '--header');
  assert.equal(
    registry.verifyClientToken(argv[10]!.replace('Authorization: Bearer ', ''))?.name,
    'claude-code',
  );
  assert.equal(fs.readFileSync(claudeJson, 'utf8'), before, '~/.claude.json is never edited by us');
});

test('Claude Code: without the claude CLI the exact command is printed; a failing CLI is reported', () => {
  const { context } = world();
  const printed = configureClient(context, { client: 'claude-code' });
  assert.equal(printed.action, 'run-this-command');
  assert.match(
    printed.command!,
    /^claude mcp add --transport http --scope user basecamp http:\/\/127\.0\.0\.1:3917\/mcp --header 'Authorization: Bearer bcc_[A-Za-z0-9_-]+'$/,
  );

  const failing = world({
    which: { claude: '/usr/local/bin/claude' },
    run: () => ({ status: 1, stdout: '', stderr: 'MCP server basecamp already exists' }),
  });
  assert.throws(
    () => configureClient(failing.context, { client: 'claude-code' }),
    /already exists[\s\S]*Run it yourself/,
  );
});

test('unknown clients get the list of known ones', () => {
  const { context } = world();
  assert.throws(
    () => configureClient(context, { client: 'notepad' }),
    /Unknown client "notepad".*cursor.*vscode/,
  );
});

test('status goes not installed → installed → configured → connected', () => {
  const { home, registry, environment, context } = world();
  const spec = findClient('cursor')!;
  const options = { environment, registry, port: 3917 };
  assert.equal(clientStatus(spec, options).state, 'not-installed');
  fs.mkdirSync(path.join(home, '.cursor'));
  assert.equal(clientStatus(spec, options).state, 'installed');
  configureClient(context, { client: 'cursor' });
  assert.equal(clientStatus(spec, options).state, 'configured');
  registry.recordSeen('cursor', { name: 'cursor', version: '2.1' });
  const connected = clientStatus(spec, options);
  assert.equal(connected.state, 'connected');
  assert.ok(connected.lastSeen);
  const later = () => new Date(Date.parse(connected.lastSeen!) + 20 * 60_000);
  const idle = clientStatus(spec, { ...options, now: later });
  assert.equal(idle.state, 'configured', 'quiet for 20 minutes: configured, with its last-seen time');
  assert.equal(idle.lastSeen, connected.lastSeen);
  assert.match(clientStatus(spec, { ...options, port: 4000 }).problem!, /another port/);
  assert.equal(clientStatuses(options).length, 10);
  assert.ok(!JSON.stringify(clientStatuses(options)).includes('bcc_'), 'no token in the status list');
});

test('Claude Code: a second configure with a live entry in ~/.claude.json runs nothing; a stale one is replaced', () => {
  const calls: string[][] = [];
  let claudeJson = '';
  // Plays the part of `claude mcp add/remove`, which keeps ~/.claude.json itself.
  const run: CommandRunner = (argv) => {
    calls.push(argv);
    const data = JSON.parse(fs.readFileSync(claudeJson, 'utf8')) as { mcpServers: Record<string, unknown> };
    if (argv[2] === 'add')
      data.mcpServers.basecamp = {
        type: 'http',
        url: argv[8],
        headers: { Authorization: argv[10]!.replace('Authorization: ', '') },
      };
    else delete data.mcpServers.basecamp;
    fs.writeFileSync(claudeJson, JSON.stringify(data));
    return { status: 0, stdout: '', stderr: '' };
  };
  const { home, context, registry } = world({ which: { claude: '/usr/local/bin/claude' }, run });
  claudeJson = path.join(home, '.claude.json');
  fs.writeFileSync(claudeJson, '{"mcpServers": {}}');
  configureClient(context, { client: 'claude-code' });
  assert.equal(configureClient(context, { client: 'claude-code' }).action, 'unchanged');
  assert.equal(calls.length, 1);
  registry.revoke('claude-code');
  assert.equal(configureClient(context, { client: 'claude-code' }).action, 'ran-command');
  assert.deepEqual(
    calls.slice(1).map((argv) => argv[2]),
    ['remove', 'add'],
    'the old entry is removed first (claude mcp add refuses an existing name)',
  );
  const removed = configureClient(context, { client: 'claude-code', remove: true });
  assert.equal(removed.action, 'removed');
  assert.deepEqual(calls.at(-1), ['claude', 'mcp', 'remove', '--scope', 'user', 'basecamp']);
});

test('after a port change every configured client is re-written, keeping its token', () => {
  const { root, home, registry, context } = world();
  const project = path.join(root, 'proj');
  fs.mkdirSync(project);
  configureClient(context, { client: 'cursor' });
  configureClient(context, { client: 'cursor', project });
  configureClient(context, { client: 'goose' });
  configureClient(context, { client: 'lmstudio' });
  registry.revoke('lmstudio');
  const cursorFile = path.join(home, '.cursor', 'mcp.json');
  const token = bearerIn(cursorFile);
  const outcomes = reconfigureAll({ ...context, port: 4555 });
  assert.deepEqual(outcomes.map((outcome) => [outcome.name, outcome.result?.action]).sort(), [
    ['cursor', 'updated'],
    [`cursor:${project}`, 'updated'],
    ['goose', 'updated'],
  ]);
  assert.equal(bearerIn(cursorFile), token, 'the token is kept');
  assert.match(fs.readFileSync(cursorFile, 'utf8'), /127\.0\.0\.1:4555\/mcp/);
  assert.match(fs.readFileSync(path.join(project, '.cursor', 'mcp.json'), 'utf8'), /127\.0\.0\.1:4555\/mcp/);
  assert.match(
    fs.readFileSync(path.join(home, '.config', 'goose', 'config.yaml'), 'utf8'),
    /uri: http:\/\/127\.0\.0\.1:4555\/mcp/,
  );
  assert.equal(registry.verifyClientToken(token)?.name, 'cursor');
});
