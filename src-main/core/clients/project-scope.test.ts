// Project files declared in the table: Claude Code's `<dir>/.mcp.json` (a plain file we edit, although its
// user config goes through `claude mcp`) and Codex's `<dir>/.codex/config.toml`, next to Cursor, VS Code, Zed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { configureClient, type CommandRunner } from './configure.ts';
import { configureWorld } from './clients-test-support.ts';
import { clientStatuses } from './status.ts';
import { renderSnippet } from './snippet.ts';
import { findClient, forScope } from './table.ts';
import { ClientConfigError } from './errors.ts';

function world() {
  const calls: string[][] = [];
  const run: CommandRunner = (argv) => (calls.push(argv), { status: 0, stdout: '', stderr: '' });
  const made = configureWorld({ prefix: 'bcc-project-', which: { claude: '/usr/local/bin/claude' }, run });
  const project = path.join(made.root, 'repo');
  fs.mkdirSync(project);
  return { ...made, project, calls };
}

test('configure claude-code --project writes <dir>/.mcp.json itself; `claude` is not run', () => {
  const { project, registry, calls, context } = world();
  const file = path.join(project, '.mcp.json');
  const result = configureClient(context, { client: 'claude-code', project });
  assert.equal(result.action, 'added');
  assert.equal(result.file, file);
  assert.equal(result.scope, 'project');
  assert.match(result.restartHint, /approve the "basecamp" project server/);
  assert.deepEqual(calls, [], 'the project file is ours to edit; claude mcp is for ~/.claude.json');
  const entry = (
    JSON.parse(fs.readFileSync(file, 'utf8')) as {
      mcpServers: { basecamp: { type: string; url: string; headers: { Authorization: string } } };
    }
  ).mcpServers.basecamp;
  assert.equal(entry.type, 'http');
  assert.equal(entry.url, 'http://127.0.0.1:3917/mcp');
  const token = entry.headers.Authorization.replace('Bearer ', '');
  assert.deepEqual(registry.verifyClientToken(token), {
    name: `claude-code:${project}`,
    kind: 'claude-code',
  });
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.match(
    result.snippet,
    /^\{\n {2}"mcpServers": \{\n {4}"basecamp": \{/,
    'the snippet is the file, not a command',
  );

  // The user scope still goes through `claude mcp add`.
  const user = configureClient(context, { client: 'claude-code' });
  assert.equal(user.action, 'ran-command');
  assert.equal(calls[0]?.[2], 'add');

  const removed = configureClient(context, { client: 'claude-code', project, remove: true });
  assert.equal(removed.action, 'removed');
  assert.equal(fs.existsSync(file), false, 'we created it; nothing else was in it');
  assert.deepEqual(fs.readdirSync(project), []);
});

test("a project's own .mcp.json keeps its other servers and formatting", () => {
  const { project, context } = world();
  const file = path.join(project, '.mcp.json');
  const original = '{\n    "mcpServers": {\n        "db": { "command": "db-mcp" }\n    }\n}\n';
  fs.writeFileSync(file, original);
  configureClient(context, { client: 'claude-code', project });
  assert.match(fs.readFileSync(file, 'utf8'), /^ {8}"db": \{ "command": "db-mcp" \},\n {8}"basecamp": \{$/m);
  configureClient(context, { client: 'claude-code', project, remove: true });
  assert.equal(fs.readFileSync(file, 'utf8'), original);
});

test('configure codex --project writes <dir>/.codex/config.toml with http_headers', () => {
  const { project, context } = world();
  const result = configureClient(context, { client: 'codex', project });
  assert.equal(result.file, path.join(project, '.codex', 'config.toml'));
  assert.match(result.restartHint, /trusted/);
  assert.match(
    fs.readFileSync(result.file, 'utf8'),
    /^\[mcp_servers\.basecamp\]\nurl = "http:\/\/127\.0\.0\.1:3917\/mcp"\nhttp_headers = \{ Authorization = "Bearer bcc_/,
  );
});

test('clients without a project file still refuse --project; statuses list every project file', () => {
  const { project, registry, environment, context } = world();
  for (const client of ['windsurf', 'claude-desktop', 'goose', 'cline', 'lmstudio'])
    assert.throws(() => configureClient(context, { client, project }), ClientConfigError);
  configureClient(context, { client: 'claude-code', project });
  const statuses = clientStatuses({ environment, registry, port: 3917, project });
  const scoped = statuses.filter((status) => status.name.endsWith(`:${project}`)).map((status) => status.id);
  assert.deepEqual(scoped.sort(), ['claude-code', 'codex', 'cursor', 'vscode', 'zed']);
  const claude = statuses.find((status) => status.name === `claude-code:${project}`)!;
  assert.equal(claude.state, 'configured');
  assert.equal(claude.writable, true);
  assert.equal(statuses.find((status) => status.name === 'claude-code')!.writable, false);
});

test('forScope: the project face of Claude Code has no CLI and is JSON; other clients are unchanged', () => {
  const claude = findClient('claude-code')!;
  const scoped = forScope(claude, 'project');
  assert.equal(scoped.format, 'json');
  assert.equal(scoped.cli, undefined);
  assert.equal(forScope(claude, 'user'), claude);
  assert.equal(forScope(findClient('cursor')!, 'project'), findClient('cursor'));
  const input = { url: 'http://127.0.0.1:1/mcp', token: 'bcc_x', bridge: { command: 'n', args: [] } };
  assert.match(renderSnippet(claude, claude.entry(input), input), /^claude mcp add/);
});

test('--project must name an existing folder: a missing one is not created, a file is refused, empty is not the user scope', () => {
  const { project, home, context } = world();
  const missing = path.join(project, 'typo', 'app');
  for (const client of ['claude-code', 'codex']) {
    assert.throws(
      () => configureClient(context, { client, project: missing }),
      (error: Error) =>
        error instanceof ClientConfigError && error.message.includes(`There is no folder ${missing}`),
    );
  }
  assert.ok(!fs.existsSync(path.join(project, 'typo')), 'no folder was made for the typo');
  const file = path.join(project, 'README.md');
  fs.writeFileSync(file, 'mine\n');
  assert.throws(
    () => configureClient(context, { client: 'codex', project: file }),
    (error: Error) => error instanceof ClientConfigError && /is a file, not a folder/.test(error.message),
  );
  assert.equal(fs.readFileSync(file, 'utf8'), 'mine\n');
  assert.throws(
    () => configureClient(context, { client: 'codex', project: '' }),
    (error: Error) =>
      error instanceof ClientConfigError &&
      /No project folder was given\. Pass the project's folder to --project/.test(error.message),
  );
  assert.ok(!fs.existsSync(path.join(home, '.codex')), 'an empty --project did not write the user config');
});

test('clients list --project with a relative folder finds what configure wrote there', () => {
  const { project, registry, environment, context } = world();
  configureClient(context, { client: 'claude-code', project });
  const statuses = clientStatuses({
    environment,
    registry,
    port: 3917,
    project: path.relative(process.cwd(), project),
  });
  const mine = statuses.filter(
    (status) => path.resolve(status.configPath) === path.join(project, '.mcp.json'),
  );
  assert.deepEqual(
    mine.map((status) => [status.name, status.state, status.problem]),
    [[`claude-code:${project}`, 'configured', undefined]],
  );
});

test('--project with the home folder is refused where that is the user config (Codex, Cursor), not where it is not', () => {
  const { home, registry, context } = world();
  for (const client of ['codex', 'cursor']) {
    assert.throws(
      () => configureClient(context, { client, project: home }),
      (error: Error) =>
        error instanceof ClientConfigError && /user config, not a project file/.test(error.message),
      client,
    );
  }
  assert.deepEqual(registry.list(), [], 'no token was issued');
  const claude = configureClient(context, { client: 'claude-code', project: home });
  assert.equal(claude.file, path.join(home, '.mcp.json'), 'Claude Code’s user config is ~/.claude.json');
});

test('--project is refused too when its .codex is a link to the user’s ~/.codex', () => {
  const { home, project, context } = world();
  fs.mkdirSync(path.join(home, '.codex'));
  fs.symlinkSync(path.join(home, '.codex'), path.join(project, '.codex'));
  assert.throws(
    () => configureClient(context, { client: 'codex', project }),
    (error: Error) =>
      error instanceof ClientConfigError && /user config, not a project file/.test(error.message),
  );
  assert.deepEqual(fs.readdirSync(path.join(home, '.codex')), []);
});

test('from the window a project is a full path to a folder inside the home folder, and errors speak of the window', () => {
  const { project: outside, home, context, registry } = world();
  const inside = path.join(home, 'code', 'app');
  fs.mkdirSync(inside, { recursive: true });
  const link = path.join(home, 'link-to-outside');
  fs.symlinkSync(outside, link);
  const refused: Array<[string, RegExp]> = [
    ['code/app', /"code\/app" is not a full path\. Choose the project's folder\./],
    [outside, /is not a folder inside your home folder/],
    [link, /is not a folder inside your home folder/], // a link out of the home folder does not count
    [home, /is not a folder inside your home folder/],
    ['/etc', /\/etc is not a folder inside your home folder/],
    ['/', /is not a folder inside your home folder/],
    [path.join(home, 'typo'), /There is no folder .*typo\. Choose the project's folder\./],
  ];
  for (const [project, wording] of refused) {
    assert.throws(
      () => configureClient(context, { client: 'cursor', caller: 'window', project }),
      (error: Error) =>
        error instanceof ClientConfigError &&
        wording.test(error.message) &&
        !/Pass the project's folder to --project/.test(error.message),
      project,
    );
  }
  assert.throws(
    () => configureClient(context, { client: 'windsurf', caller: 'window', project: inside }),
    /no per-project config\. Configure it for your user instead\./,
  );
  assert.equal(registry.list().length, 0, 'no token for a refused folder');
  assert.ok(!fs.existsSync(path.join(outside, '.cursor')), 'nothing written outside the home folder');

  const result = configureClient(context, { client: 'cursor', caller: 'window', project: inside });
  assert.equal(result.action, 'added');
  assert.equal(result.file, path.join(inside, '.cursor', 'mcp.json'));
  // The CLI still takes any folder the user names.
  assert.equal(configureClient(context, { client: 'cursor', project: outside }).action, 'added');
});

test('from the window a project whose client folder is a link out of the home folder is refused', () => {
  const { project: outside, home, context, registry } = world();
  const inside = path.join(home, 'code', 'app');
  fs.mkdirSync(inside, { recursive: true });
  // The project is inside the home folder, but its .cursor folder leads to /etc-like ground outside it.
  fs.symlinkSync(outside, path.join(inside, '.cursor'));
  assert.throws(
    () => configureClient(context, { client: 'cursor', caller: 'window', project: inside }),
    (error: Error) => error instanceof ClientConfigError && /outside your home folder/.test(error.message),
  );
  assert.deepEqual(fs.readdirSync(outside), [], 'nothing written through the link');
  assert.equal(registry.list().length, 0, 'no token for a refused folder');
  // The CLI still follows the link the user made.
  assert.equal(configureClient(context, { client: 'cursor', project: inside }).action, 'added');
});

test('from the window a folder inside the home folder whose name starts with two dots is accepted', () => {
  const { home, context } = world();
  const dotted = path.join(home, '..projects');
  fs.mkdirSync(dotted);
  const result = configureClient(context, { client: 'cursor', caller: 'window', project: dotted });
  assert.equal(result.action, 'added');
  assert.equal(result.file, path.join(dotted, '.cursor', 'mcp.json'));
});
