// Removing our entry takes away exactly what we added: a file (and folders) we created goes when nothing else
// is in it; a user's file gets its old bytes back; anything the user added since stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSettings } from '../settings/settings.ts';
import { silentLogger } from '../log/logger.ts';
import { createClientRegistry } from './tokens.ts';
import { configureClient, type ConfigureContext } from './configure.ts';
import { configureWorld } from './clients-test-support.ts';

function world() {
  return configureWorld({ prefix: 'bcc-remove-' });
}

/** A fresh registry over the same settings file: what the next CLI run sees. */
function nextRun(settingsDir: string, context: ConfigureContext): ConfigureContext {
  return {
    ...context,
    registry: createClientRegistry({ settings: openSettings(settingsDir, silentLogger) }),
  };
}

test('a file and folder we created are deleted on remove, with nothing left behind', () => {
  const { root, home, context } = world();
  const file = path.join(home, '.cursor', 'mcp.json');
  configureClient(context, { client: 'cursor' });
  const dry = configureClient(nextRun(path.join(root, 'data'), context), {
    client: 'cursor',
    remove: true,
    dryRun: true,
  });
  assert.equal(dry.deleted?.file, file, 'a dry run says the file would go');
  assert.ok(fs.existsSync(file), 'and leaves it');
  const removed = configureClient(nextRun(path.join(root, 'data'), context), {
    client: 'cursor',
    remove: true,
  });
  assert.equal(removed.action, 'removed');
  assert.deepEqual(removed.deleted, { file, dirs: [path.join(home, '.cursor')] });
  assert.equal(fs.existsSync(path.join(home, '.cursor')), false, 'no empty container, no folder');
  assert.deepEqual(fs.readdirSync(home), []);
});

test('a folder that already existed stays; only our file goes', () => {
  const { home, context } = world();
  fs.mkdirSync(path.join(home, '.cursor'));
  fs.writeFileSync(path.join(home, '.cursor', 'argv.json'), '{}');
  configureClient(context, { client: 'cursor' });
  const removed = configureClient(context, { client: 'cursor', remove: true });
  assert.deepEqual(removed.deleted?.dirs, []);
  assert.deepEqual(fs.readdirSync(path.join(home, '.cursor')), ['argv.json']);
});

test('a file we created that the user has added to since is kept, minus our entry', () => {
  const { home, context } = world();
  const file = path.join(home, '.cursor', 'mcp.json');
  configureClient(context, { client: 'cursor' });
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { mcpServers: Record<string, unknown> };
  data.mcpServers.other = { url: 'http://127.0.0.1:9000/mcp' };
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  const removed = configureClient(context, { client: 'cursor', remove: true });
  assert.equal(removed.deleted, undefined);
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), {
    mcpServers: { other: { url: 'http://127.0.0.1:9000/mcp' } },
  });
});

test('a comment the user wrote into our file keeps the file', () => {
  const { home, context } = world();
  const file = path.join(home, '.config', 'Code', 'User', 'mcp.json');
  configureClient(context, { client: 'vscode' });
  fs.writeFileSync(file, '// my servers go here\n' + fs.readFileSync(file, 'utf8'));
  configureClient(context, { client: 'vscode', remove: true });
  assert.equal(fs.readFileSync(file, 'utf8'), '// my servers go here\n{}\n');
});

test("the user's file gets its exact bytes back: our container goes only when we added it", () => {
  const { home, context } = world();
  const file = path.join(home, '.codeium', 'windsurf', 'mcp_config.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const withoutContainer = '{\n  // theme first\n  "theme": "dark"\n}\n';
  fs.writeFileSync(file, withoutContainer);
  configureClient(context, { client: 'windsurf' });
  assert.match(fs.readFileSync(file, 'utf8'), /"mcpServers"/);
  const removed = configureClient(context, { client: 'windsurf', remove: true });
  assert.equal(removed.deleted, undefined);
  assert.equal(fs.readFileSync(file, 'utf8'), withoutContainer);

  const emptyContainer = '{ "mcpServers": {} }\n';
  fs.writeFileSync(file, emptyContainer);
  configureClient(context, { client: 'windsurf' });
  configureClient(context, { client: 'windsurf', remove: true });
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { mcpServers: {} }, 'their container stays');

  fs.writeFileSync(file, '{}\n');
  configureClient(context, { client: 'windsurf' });
  configureClient(context, { client: 'windsurf', remove: true });
  assert.equal(fs.readFileSync(file, 'utf8'), '{}\n', 'an empty file of theirs is not deleted');
});

test('YAML (Goose) and TOML (Codex): created files go, user files get their bytes back', () => {
  const { home, context } = world();
  const goose = path.join(home, '.config', 'goose', 'config.yaml');
  const codex = path.join(home, '.codex', 'config.toml');
  configureClient(context, { client: 'goose' });
  configureClient(context, { client: 'codex' });
  assert.ok(fs.existsSync(goose) && fs.existsSync(codex));
  assert.ok(configureClient(context, { client: 'goose', remove: true }).deleted);
  assert.ok(configureClient(context, { client: 'codex', remove: true }).deleted);
  assert.equal(fs.existsSync(path.join(home, '.config', 'goose')), false);
  assert.equal(fs.existsSync(path.join(home, '.codex')), false);
  assert.deepEqual(fs.readdirSync(home), [], '~/.config was ours too and is empty now');

  fs.mkdirSync(path.dirname(goose), { recursive: true });
  const yaml = '# goose settings\nGOOSE_MODEL: gpt-4o\n';
  fs.writeFileSync(goose, yaml);
  configureClient(context, { client: 'goose' });
  configureClient(context, { client: 'goose', remove: true });
  assert.equal(fs.readFileSync(goose, 'utf8'), yaml);

  fs.mkdirSync(path.dirname(codex), { recursive: true });
  const toml = 'model = "o3"\n';
  fs.writeFileSync(codex, toml);
  configureClient(context, { client: 'codex' });
  configureClient(context, { client: 'codex', remove: true });
  assert.equal(fs.readFileSync(codex, 'utf8'), toml);
});

test('a new token or port for the same file does not forget that we created it', () => {
  const { root, home, context } = world();
  const file = path.join(home, '.cursor', 'mcp.json');
  configureClient(context, { client: 'cursor' });
  configureClient(nextRun(path.join(root, 'data'), context), { client: 'cursor', rotate: true });
  configureClient({ ...nextRun(path.join(root, 'data'), context), port: 4100 }, { client: 'cursor' });
  const removed = configureClient(nextRun(path.join(root, 'data'), context), {
    client: 'cursor',
    remove: true,
  });
  assert.deepEqual(removed.deleted, { file, dirs: [path.join(home, '.cursor')] });
  assert.deepEqual(fs.readdirSync(home), [], 'the previous-version backup (only ever ours) went too');
});

test('an edited firstWrite record cannot make remove take away a folder off the file’s own path', () => {
  const { root, home, context } = world();
  const file = path.join(home, '.cursor', 'mcp.json');
  configureClient(context, { client: 'cursor' });
  const elsewhere = path.join(root, 'my-empty-folder');
  fs.mkdirSync(elsewhere);
  const settingsFile = path.join(root, 'data', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as {
    clients: { firstWrite: { createdDirs: string[] } }[];
  };
  settings.clients[0]!.firstWrite.createdDirs = [path.join(home, '.cursor'), elsewhere, home];
  fs.writeFileSync(settingsFile, JSON.stringify(settings));
  const removed = configureClient(nextRun(path.join(root, 'data'), context), {
    client: 'cursor',
    remove: true,
  });
  assert.deepEqual(removed.deleted, { file, dirs: [path.join(home, '.cursor')] });
  assert.ok(fs.existsSync(elsewhere), 'a folder not above the file stays');
  assert.ok(fs.existsSync(home), 'nor is anything past it taken');
});

test('a user’s 0644 file we narrowed to 0600 for our token gets 0644 back on remove, unless another secret is in it', () => {
  for (const [other, expected] of [
    [{ url: 'http://127.0.0.1:9000/mcp' }, 0o644],
    [{ url: 'https://example.test/mcp', headers: { Authorization: 'Bearer sk-someone-elses' } }, 0o600],
    [{ command: 'server', env: { GITHUB_TOKEN: 'ghp_theirs' } }, 0o600],
  ] as const) {
    const { root, home, context } = world();
    const file = path.join(home, '.cursor', 'mcp.json');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, JSON.stringify({ mcpServers: { other } }, null, 2) + '\n');
    fs.chmodSync(file, 0o644);
    const added = configureClient(context, { client: 'cursor' });
    assert.deepEqual(added.modeTightened, { from: 0o644, to: 0o600 });
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const removed = configureClient(nextRun(path.join(root, 'data'), context), {
      client: 'cursor',
      remove: true,
    });
    assert.equal(removed.action, 'removed');
    assert.equal(fs.statSync(file).mode & 0o777, expected, JSON.stringify(other));
    assert.deepEqual(
      removed.modeRestored,
      expected === 0o644 ? { from: 0o600, to: 0o644 } : undefined,
      'the answer says when the mode came back',
    );
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /bcc_/);
  }
});

test('a narrowed file that still holds one of our tokens (copied by hand) stays 0600 on remove', () => {
  const { root, home, context } = world();
  const file = path.join(home, '.cursor', 'mcp.json');
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, '{ "mcpServers": {} }\n', { mode: 0o644 });
  fs.chmodSync(file, 0o644);
  configureClient(context, { client: 'cursor' });
  // The user pasted our token into a second entry by hand: it is still a live secret in a readable file.
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { mcpServers: Record<string, unknown> };
  data.mcpServers.copy = data.mcpServers.basecamp;
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  configureClient(nextRun(path.join(root, 'data'), context), { client: 'cursor', remove: true });
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
});

test('a hand-edited tightenedFrom gives back only read access on remove: never write, setuid or more than was taken', () => {
  for (const edited of [0o666, 0o677, 0o4666]) {
    const { root, home, context } = world();
    const file = path.join(home, '.cursor', 'mcp.json');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, '{ "mcpServers": {} }\n');
    fs.chmodSync(file, 0o644);
    configureClient(context, { client: 'cursor' });
    const settingsFile = fs
      .readdirSync(path.join(root, 'data'))
      .map((name) => path.join(root, 'data', name))
      .find((name) => name.endsWith('.json') && fs.readFileSync(name, 'utf8').includes('tightenedFrom'))!;
    const text = fs.readFileSync(settingsFile, 'utf8');
    assert.match(text, /"tightenedFrom": 420/);
    fs.writeFileSync(settingsFile, text.replace('"tightenedFrom": 420', `"tightenedFrom": ${edited}`));
    configureClient(nextRun(path.join(root, 'data'), context), { client: 'cursor', remove: true });
    const mode = fs.statSync(file).mode & 0o7777;
    assert.equal(mode & ~0o644, 0, `${edited.toString(8)} gave back ${mode.toString(8)}`);
  }
});
