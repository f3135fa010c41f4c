// YAML (Goose) and TOML (Codex) shapes beyond the golden fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { editYamlEntry, readYamlValue } from './yaml-edit.ts';
import { editTomlEntry, readTomlValue } from './toml-edit.ts';
import { editEntry } from './config-file.ts';
import { ClientConfigError, ConfigParseError } from './errors.ts';

const GOOSE = { name: 'basecamp', type: 'streamable_http', uri: 'http://127.0.0.1:3917/mcp', enabled: true };
const CODEX = {
  url: 'http://127.0.0.1:3917/mcp',
  http_headers: { Authorization: 'Bearer bcc_toml-test-0000000000' },
};
const YPATH: [string, string] = ['extensions', 'basecamp'];
const TPATH: [string, string] = ['mcp_servers', 'basecamp'];

test('YAML: an empty `extensions: {}` (with a comment) becomes a block and comes back on remove', () => {
  const text = 'extensions: {} # managed by hand\nGOOSE_MODEL: x\n';
  const added = editYamlEntry(text, 'c.yaml', YPATH, GOOSE);
  assert.equal(
    added,
    `extensions: # managed by hand\n  basecamp:\n    name: basecamp\n    type: streamable_http\n    uri: http://127.0.0.1:3917/mcp\n    enabled: true\nGOOSE_MODEL: x\n`,
  );
  assert.equal(
    editYamlEntry(added, 'c.yaml', YPATH, undefined),
    'extensions: {} # managed by hand\nGOOSE_MODEL: x\n',
  );
});

test('YAML: a bare `extensions:` and a flow mapping with servers are handled; a list is refused', () => {
  const bare = editYamlEntry('extensions:\nGOOSE_MODEL: x\n', 'c.yaml', YPATH, GOOSE);
  assert.deepEqual(readYamlValue(bare, 'c.yaml', YPATH), GOOSE);
  assert.match(bare, /GOOSE_MODEL: x\n$/);
  const flow = editYamlEntry('extensions: {developer: {enabled: true}}\n', 'c.yaml', YPATH, GOOSE);
  assert.deepEqual(readYamlValue(flow, 'c.yaml', YPATH), GOOSE);
  assert.deepEqual(readYamlValue(flow, 'c.yaml', ['extensions', 'developer']), { enabled: true });
  assert.throws(
    () => editYamlEntry('extensions:\n  - a\n', 'c.yaml', YPATH, GOOSE),
    /c\.yaml:2:3: "extensions" should be a mapping/,
  );
  assert.throws(() => editYamlEntry('- a\n- b\n', 'c.yaml', YPATH, GOOSE), ConfigParseError);
});

test('TOML: our sub-tables go with us; other tables and comments stay', () => {
  const text =
    'model = "o3"\n\n[mcp_servers.basecamp]\nurl = "old"\n\n[mcp_servers.basecamp.env]\nX = "1"\n\n[profiles.fast]\nmodel = "o4-mini" # quick\n';
  const updated = editTomlEntry(text, 'config.toml', TPATH, CODEX);
  assert.deepEqual(readTomlValue(updated, 'config.toml', TPATH), CODEX);
  assert.match(updated, /\[profiles\.fast\]\nmodel = "o4-mini" # quick\n$/);
  const removed = editTomlEntry(updated, 'config.toml', TPATH, undefined);
  assert.equal(removed, 'model = "o3"\n\n[profiles.fast]\nmodel = "o4-mini" # quick\n');
});

test('TOML: an entry in a form we do not edit is refused; an inline container can not take our table', () => {
  assert.throws(
    () => editTomlEntry('mcp_servers = { basecamp = { url = "x" } }\n', 'config.toml', TPATH, CODEX),
    /config\.toml:1:1: "mcp_servers\.basecamp" is written in a form we don't edit/,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-toml-'));
  const file = path.join(dir, 'config.toml');
  const inline = 'mcp_servers = { other = { url = "x" } }\n';
  fs.writeFileSync(file, inline);
  assert.throws(
    () => editEntry({ file, format: 'toml', container: 'mcp_servers', name: 'basecamp' }, CODEX),
    ClientConfigError,
  );
  assert.equal(fs.readFileSync(file, 'utf8'), inline, 'the file is left untouched');
  assert.deepEqual(fs.readdirSync(dir), ['config.toml']);
});

test('TOML: an unparsable file names the line and column', () => {
  assert.throws(() => editTomlEntry('model = "o3\n', 'config.toml', TPATH, CODEX), /config\.toml:1:\d+: /);
});
