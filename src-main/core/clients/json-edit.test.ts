// The JSON/JSONC splice on shapes the golden fixtures don't cover: one-line files, inline entries, comments
// next to the last server, a same-named key deeper down, and the shapes we refuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLayout, editJsonEntry, readJsonValue } from './json-edit.ts';
import { ConfigParseError } from './errors.ts';

const ENTRY = {
  url: 'http://127.0.0.1:3917/mcp',
  headers: { Authorization: 'Bearer bcc_json-edit-test-000000000' },
};
const PATH: [string, string] = ['mcpServers', 'basecamp'];

const add = (text: string): string => editJsonEntry(text, 'mcp.json', PATH, ENTRY);
const remove = (text: string): string => editJsonEntry(text, 'mcp.json', PATH, undefined);

test('add then remove gives the original bytes back, whatever the layout', () => {
  const shapes = [
    '{"mcpServers":{"a":1}}',
    '{"mcpServers":{"a":1,}}',
    '{"mcpServers":{}}',
    '{\n  "mcpServers": {\n    "a": 1 /* c */\n  }\n}\n',
    '{\n  "mcpServers": {\n    "a": 1, // c\n  }\n}\n',
    '{\n  "mcpServers": {\n    "a": 1 // c\n  }\n}\n',
    '{"x": {"mcpServers": {}}, "mcpServers": {"b": 2}}',
    '{\r\n\t"mcpServers": {\r\n\t\t"a": {\r\n\t\t\t"url": "x"\r\n\t\t}\r\n\t}\r\n}\r\n',
  ];
  for (const shape of shapes) {
    const added = add(shape);
    assert.deepEqual(readJsonValue(added, 'mcp.json', PATH), ENTRY, shape);
    assert.equal(add(added), added, `idempotent: ${shape}`);
    assert.equal(remove(added), shape, `round trip: ${shape}`);
  }
});

test('a one-line file stays one line; an inline entry is replaced inline', () => {
  assert.ok(!add('{"mcpServers":{}}').includes('\n'));
  const inline = '{ "mcpServers": { "basecamp": {"url":"old"}, "a": 1 } }';
  const replaced = add(inline);
  assert.equal(replaced, `{ "mcpServers": { "basecamp": ${JSON.stringify(ENTRY)}, "a": 1 } }`);
  assert.equal(remove(replaced), '{ "mcpServers": { "a": 1 } }');
});

test('only the top-level container counts, not a same-named key deeper down', () => {
  const text = '{"x": {"mcpServers": {}}, "mcpServers": {"b": 2}}';
  assert.deepEqual(readJsonValue(add(text), 'mcp.json', ['x', 'mcpServers']), {});
});

test('shapes we cannot edit safely are refused with a position', () => {
  assert.throws(
    () => add('[]'),
    (error: Error) =>
      error instanceof ConfigParseError && /mcp\.json:1:1: the file holds a JSON array/.test(error.message),
  );
  assert.throws(
    () => add('{"mcpServers": null}'),
    /mcp\.json:1:16: "mcpServers" should be an object but is a JSON null/,
  );
  assert.throws(
    () => add('{\n  "mcpServers": {\n    "a": 1\n    "b": 2\n  }\n}'),
    /mcp\.json:4:5: CommaExpected/,
  );
});

test('layout detection: CRLF, tabs, four spaces, and two spaces by default', () => {
  assert.deepEqual(detectLayout('{\r\n\t"a": 1\r\n}'), { eol: '\r\n', unit: '\t' });
  assert.deepEqual(detectLayout('{\n    "a": {\n        "b": 1\n    }\n}'), { eol: '\n', unit: '    ' });
  assert.deepEqual(detectLayout(''), { eol: '\n', unit: '  ' });
});
