// `configure` and `clients` as a user runs them: the real CLI as a child process in a throwaway HOME.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, throwawayHome } from './support/product.ts';

test('configure, print, dry-run, list and revoke from the command line', async (t) => {
  const home = throwawayHome();
  t.after(() => home.remove());
  const cursorFile = path.join(home.home, '.cursor', 'mcp.json');

  const dry = await runCli(['configure', 'cursor', '--dry-run'], home.env);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Would add "basecamp" to Cursor: .*\.cursor\/mcp\.json \(new file\)/);
  assert.equal(fs.existsSync(cursorFile), false, 'a dry run writes nothing');

  const added = await runCli(['configure', 'cursor', '--port', '4100'], home.env);
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /Added "basecamp" to Cursor/);
  assert.match(added.stdout, /Settings → MCP/, 'the restart hint is shown');
  assert.doesNotMatch(added.stdout + added.stderr, /bcc_/, 'the token goes into the file, not the terminal');
  const entry = (
    JSON.parse(fs.readFileSync(cursorFile, 'utf8')) as {
      mcpServers: { basecamp: { url: string; headers: { Authorization: string } } };
    }
  ).mcpServers.basecamp;
  assert.equal(entry.url, 'http://127.0.0.1:4100/mcp');
  assert.match(entry.headers.Authorization, /^Bearer bcc_[A-Za-z0-9_-]{43}$/);

  const again = await runCli(['configure', 'cursor', '--port', '4100'], home.env);
  assert.match(again.stdout, /already configured.*nothing changed/);

  const printed = await runCli(['configure', 'vscode', '--print'], home.env);
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(
    printed.stdout,
    /"servers": \{\s+"basecamp": \{\s+"type": "http",\s+"url": "http:\/\/127\.0\.0\.1:3917\/mcp"/,
  );
  assert.match(printed.stdout, /Or open this install link: vscode:mcp\/install\?/);

  const project = path.join(home.home, 'work', 'app');
  fs.mkdirSync(project, { recursive: true });
  const inProject = await runCli(['configure', 'zed', '--project', project], home.env);
  assert.equal(inProject.code, 0, inProject.stderr);
  assert.ok(fs.existsSync(path.join(project, '.zed', 'settings.json')));

  const listed = await runCli(['clients', 'list', '--json'], home.env);
  assert.equal(listed.code, 0, listed.stderr);
  assert.doesNotMatch(listed.stdout, /bcc_|tokenHash/, 'no token and no hash in the list');
  const list = JSON.parse(listed.stdout) as {
    clients: Array<{ name: string; state: string; problem?: string }>;
    registry: Array<{ name: string }>;
  };
  assert.equal(list.clients.find((client) => client.name === 'cursor')?.state, 'configured');
  assert.match(
    list.clients.find((client) => client.name === 'cursor')?.problem ?? '',
    /another port/,
    'settings say 3917, the file says 4100',
  );
  assert.deepEqual(
    list.registry.map((record) => record.name).sort(),
    ['cursor', 'vscode', `zed:${project}`].sort(),
  );

  assert.equal(
    list.clients.find((client) => client.name === `zed:${project}`)?.state,
    'configured',
    'project files configured before are listed',
  );
  const table = await runCli(['clients', 'list'], home.env);
  assert.match(table.stdout, /^CLIENT\s+STATE\s+CONFIG$/m);
  assert.match(table.stdout, /^cursor\s+configured\s+/m);

  // `configure all` brings every client to the settings port, keeping the tokens.
  const all = await runCli(['configure', 'all'], home.env);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /Updated "basecamp" in Cursor/);
  const rewritten = (
    JSON.parse(fs.readFileSync(cursorFile, 'utf8')) as { mcpServers: { basecamp: typeof entry } }
  ).mcpServers.basecamp;
  assert.equal(rewritten.url, 'http://127.0.0.1:3917/mcp');
  assert.equal(rewritten.headers.Authorization, entry.headers.Authorization);

  const revoked = await runCli(['clients', 'revoke', 'cursor'], home.env);
  assert.equal(revoked.code, 0, revoked.stderr);
  const after = JSON.parse((await runCli(['clients', 'list', '--json'], home.env)).stdout) as typeof list;
  // Revoked, as `status` says it, in the table's STATE column too.
  assert.equal(after.clients.find((client) => client.name === 'cursor')?.state, 'revoked');
  assert.match(
    (await runCli(['clients', 'list'], home.env)).stdout,
    /^cursor\s+revoked — configure again\s/m,
  );
  const unknown = await runCli(['clients', 'revoke', 'nobody'], home.env);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /No client named "nobody".*Known: cursor/);

  const removed = await runCli(['configure', 'cursor', '--remove'], home.env);
  assert.equal(removed.code, 0, removed.stderr);
  // We created ~/.cursor/mcp.json and nothing else is in it: it goes, rather than staying as `{"mcpServers":{}}`.
  assert.equal(fs.existsSync(cursorFile), false, 'the file we created is gone');
  assert.match(
    removed.stdout,
    /Deleted .*mcp\.json.*: Basecamp Companion had created it and nothing else is in it\./,
  );
  // The add-time hint ("switch basecamp off and on") would be wrong now: the removal says to restart.
  assert.match(
    removed.stdout,
    /Restart Cursor \(or reload its MCP servers\) so it drops the "basecamp" server\./,
  );
  assert.doesNotMatch(removed.stdout, /switch "basecamp" off and on/);
});

test('mistakes get clear messages and the right exit codes; broken files stay untouched', async (t) => {
  const home = throwawayHome();
  t.after(() => home.remove());
  const none = await runCli(['configure'], home.env);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Which client\? One of: cursor, vscode/);
  const unknown = await runCli(['configure', 'notepad'], home.env);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown client "notepad"/);
  const port = await runCli(['configure', 'cursor', '--port', 'abc'], home.env);
  assert.equal(port.code, 2);
  const scope = await runCli(['configure', 'windsurf', '--project', home.home], home.env);
  assert.equal(scope.code, 1);
  assert.match(scope.stderr, /Windsurf has no per-project config/);

  const file = path.join(home.home, '.codeium', 'windsurf', 'mcp_config.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '{\n  "mcpServers": {\n    "x": { "serverUrl": "http://127.0.0.1:1/mcp" }\n  \n');
  const broken = await runCli(['configure', 'windsurf'], home.env);
  assert.equal(broken.code, 1);
  assert.match(
    broken.stderr,
    new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: .*left untouched`),
  );
  assert.equal(fs.readdirSync(path.dirname(file)).length, 1, 'no backup, no temp file');
});

test('configure narrows a config file other users could read, and says so once', async (t) => {
  const home = throwawayHome();
  t.after(() => home.remove());
  const file = path.join(home.home, '.cursor', 'mcp.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '{ "mcpServers": {} }\n', { mode: 0o644 });
  fs.chmodSync(file, 0o644);
  const added = await runCli(['configure', 'cursor'], home.env);
  assert.equal(added.code, 0, added.stderr);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'the token is readable only by the user');
  assert.match(added.stdout, /was readable by other users \(mode 0644\).*0600 \(only you can read it\)/);
  fs.chmodSync(file, 0o600);
  const again = await runCli(['configure', 'cursor', '--port', '4200'], home.env);
  assert.doesNotMatch(again.stdout, /readable by other users/, 'said once, not on every write');
});

test('configure --remove gives a user’s own file back byte for byte; two backups, both private', async (t) => {
  const home = throwawayHome();
  t.after(() => home.remove());
  const file = path.join(home.home, '.config', 'zed', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const original = '// Zed settings\n{\n  "theme": "One Dark", // mine\n  "vim_mode": true,\n}\n';
  fs.writeFileSync(file, original);
  const added = await runCli(['configure', 'zed'], home.env);
  assert.equal(added.code, 0, added.stderr);
  assert.match(fs.readFileSync(file, 'utf8'), /"context_servers"/);
  const originalBackup = `${file}.basecamp-original`;
  const previous = `${file}.basecamp-previous`;
  assert.ok(
    added.stdout.includes(`is saved as ${originalBackup} (made once, never overwritten)`),
    `the first change says where the original is:\n${added.stdout}`,
  );
  assert.equal(fs.readFileSync(originalBackup, 'utf8'), original);

  const moved = await runCli(['configure', 'zed', '--port', '4300'], home.env);
  assert.equal(moved.code, 0, moved.stderr);
  assert.ok(
    moved.stdout.includes(
      `is saved as ${previous} (replaced at each change); your original stays in ${originalBackup}`,
    ),
  );
  const removed = await runCli(['configure', 'zed', '--remove'], home.env);
  assert.equal(removed.code, 0, removed.stderr);
  assert.doesNotMatch(removed.stdout, /Deleted/);
  assert.equal(fs.readFileSync(file, 'utf8'), original, 'our container key went with our entry');
  assert.equal(fs.readFileSync(originalBackup, 'utf8'), original, 'the original backup is never overwritten');
  assert.match(
    fs.readFileSync(previous, 'utf8'),
    /127\.0\.0\.1:4300/,
    'the previous one is the last change’s',
  );
  assert.deepEqual(
    fs.readdirSync(path.dirname(file)).sort(),
    ['settings.json', 'settings.json.basecamp-original', 'settings.json.basecamp-previous'],
    'two backups, however many changes',
  );
  for (const backup of [originalBackup, previous])
    assert.equal(fs.statSync(backup).mode & 0o777, 0o600, 'backups hold tokens: only the user reads them');
});

test('configure claude-code --project writes the project’s .mcp.json and says to keep it out of git', async (t) => {
  const home = throwawayHome();
  t.after(() => home.remove());
  const project = path.join(home.home, 'src', 'app');
  fs.mkdirSync(project, { recursive: true });
  const file = path.join(project, '.mcp.json');
  const added = await runCli(['configure', 'claude-code', '--project', project], home.env);
  assert.equal(added.code, 0, added.stderr);
  assert.ok(added.stdout.includes(`Added "basecamp" to Claude Code: ${file} (new file)`), added.stdout);
  assert.match(
    added.stdout,
    /now holds a client token: keep it out of version control \(add it to \.gitignore\)/,
  );
  assert.match(added.stdout, /approve the "basecamp" project server/);
  assert.doesNotMatch(added.stdout + added.stderr, /bcc_/);
  const entry = (
    JSON.parse(fs.readFileSync(file, 'utf8')) as { mcpServers: { basecamp: { type: string; url: string } } }
  ).mcpServers.basecamp;
  assert.deepEqual([entry.type, entry.url], ['http', 'http://127.0.0.1:3917/mcp']);

  const listed = await runCli(['clients', 'list', '--project', project], home.env);
  assert.match(
    listed.stdout,
    new RegExp(`^claude-code:${project.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+configured\\s`, 'm'),
  );
  // The other project files are not there and we never wrote them: not configured, not "installed".
  assert.match(listed.stdout, /^cursor:\S+\s+not configured\s/m);
  assert.doesNotMatch(listed.stdout, /^\S+:\S+\s+installed\s/m);

  const removed = await runCli(['configure', 'claude-code', '--project', project, '--remove'], home.env);
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(fs.existsSync(file), false);
  assert.deepEqual(fs.readdirSync(project), []);
});

test('configure --project says the backups in the project may hold the token too (they do)', async (t) => {
  const home = throwawayHome();
  t.after(() => home.remove());
  const project = path.join(home.home, 'app');
  fs.mkdirSync(project);
  const file = path.join(project, '.mcp.json');
  const added = await runCli(['configure', 'claude-code', '--project', project], home.env);
  assert.equal(added.code, 0, added.stderr);
  const moved = await runCli(['configure', 'claude-code', '--project', project, '--port', '4555'], home.env);
  assert.equal(moved.code, 0, moved.stderr);
  const live = /bcc_[\w-]+/.exec(fs.readFileSync(file, 'utf8'))?.[0];
  assert.ok(
    live && fs.readFileSync(`${file}.basecamp-previous`, 'utf8').includes(live),
    'the kept token is in the backup',
  );
  assert.match(moved.stdout, /add \.mcp\.json\.basecamp-\* to \.gitignore as well/);
});
