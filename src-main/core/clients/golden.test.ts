// Golden-file tests for every client we write a file for: each fixture (absent, empty, comments, trailing
// commas, other servers, CRLF + BOM, no container yet, a stale entry of ours, unparsable) goes through add,
// re-add and remove. `UPDATE_GOLDEN=1 node --test src-main/core/clients/golden.test.ts` rewrites the goldens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENTS, ENTRY_NAME, type ClientSpec } from './table.ts';
import { editEntry, readEntry, type EntryLocation } from './config-file.ts';
import { ConfigParseError } from './errors.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');
const update = process.env.UPDATE_GOLDEN === '1';

const INPUT = {
  url: 'http://127.0.0.1:3917/mcp',
  token: 'bcc_golden-token-0123456789abcdefghijklmnopqrstu',
  bridge: { command: '/opt/basecamp-companion/node', args: ['/opt/basecamp-companion/main.ts', 'bridge'] },
};

type Family = 'json' | 'yaml' | 'toml';
const familyOf = (spec: ClientSpec): Family =>
  spec.format === 'yaml' ? 'yaml' : spec.format === 'toml' ? 'toml' : 'json';
const extension: Record<Family, string> = { json: 'json', yaml: 'yaml', toml: 'toml' };

/**
 * Fixtures whose remove must give back the input byte for byte: the container was there before, or we added
 * it and take it out again.
 */
const ROUND_TRIP = new Set(['comments', 'trailing-commas', 'other-servers', 'crlf-bom', 'no-container']);

function fixtureInput(family: Family, name: string, spec: ClientSpec): Buffer | undefined {
  if (name === 'absent') return undefined;
  const file = fs
    .readdirSync(path.join(fixtures, family))
    .find((entry) => entry.replace(/\.[^.]+$/, '') === name);
  assert.ok(file, `missing fixture ${family}/${name}`);
  const raw = fs.readFileSync(path.join(fixtures, family, file));
  return Buffer.from(raw.toString('utf8').replaceAll('__CONTAINER__', spec.container), 'utf8');
}

function fixtureNames(family: Family): string[] {
  return [
    'absent',
    ...fs.readdirSync(path.join(fixtures, family)).map((entry) => entry.replace(/\.[^.]+$/, '')),
  ];
}

function golden(spec: ClientSpec, name: string, actual: Buffer): void {
  const file = path.join(fixtures, 'golden', spec.id, name);
  if (update) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(
    fs.existsSync(file),
    `no golden file ${path.relative(here, file)}; run with UPDATE_GOLDEN=1 and review it`,
  );
  assert.equal(
    actual.toString('utf8'),
    fs.readFileSync(file, 'utf8'),
    `${spec.id}: ${name} differs from its golden file`,
  );
}

function backupsIn(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => /\.basecamp-(original|previous)$/.test(name));
}

for (const spec of CLIENTS.filter((client) => client.format !== 'cli')) {
  const family = familyOf(spec);
  for (const name of fixtureNames(family)) {
    test(`${spec.id}: ${name}`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bcc-golden-${spec.id}-`));
      const file = path.join(dir, 'nested', `config.${extension[family]}`);
      const input = fixtureInput(family, name, spec);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (input) fs.writeFileSync(file, input, { mode: 0o640 });
      const location: EntryLocation = {
        file,
        format: spec.format as EntryLocation['format'],
        container: spec.container,
        name: ENTRY_NAME,
      };
      const entry = spec.entry(INPUT);

      if (name === 'broken') {
        assert.throws(
          () => editEntry(location, entry),
          (error: unknown) => {
            assert.ok(error instanceof ConfigParseError, `expected a ConfigParseError, got ${String(error)}`);
            assert.match(
              error.message,
              new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: .+left untouched`),
            );
            return true;
          },
        );
        assert.deepEqual(fs.readFileSync(file), input, 'an unparsable file is left untouched');
        assert.deepEqual(
          fs.readdirSync(path.dirname(file)),
          ['config.' + extension[family]],
          'no backup, no temp file',
        );
        assert.throws(() => editEntry(location, undefined), ConfigParseError);
        return;
      }

      // add
      const added = editEntry(location, entry);
      assert.equal(added.changed, true);
      assert.equal(added.created, !input);
      const afterAdd = fs.readFileSync(file);
      golden(spec, `${name}.added`, afterAdd);
      assert.deepEqual(readEntry(location), entry, 'the entry reads back exactly');
      assert.equal(
        backupsIn(path.dirname(file)).length,
        input ? 1 : 0,
        'a backup before changing an existing file',
      );
      if (input) {
        assert.deepEqual(fs.readFileSync(added.backup!), input, 'the backup holds the file as it was');
        assert.equal(added.backup, added.originalBackup, 'the first backup is the original');
        assert.equal(fs.statSync(added.backup!).mode & 0o777, 0o600, 'backups are private');
        // 0640 would let the group read the token: the owner's bits are kept, the rest dropped.
        assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'a file holding a token becomes private');
      } else {
        assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'a new file holding a token is private');
      }
      if (name === 'crlf-bom') {
        assert.equal(afterAdd.subarray(0, 3).toString('hex'), 'efbbbf', 'the BOM is kept');
        assert.doesNotMatch(afterAdd.toString('utf8'), /[^\r]\n/, 'every line ends in CRLF');
      }

      // re-add: nothing changes, no new backup
      const listing = fs.readdirSync(path.dirname(file)).sort();
      const again = editEntry(location, entry);
      assert.equal(again.changed, false);
      assert.deepEqual(fs.readFileSync(file), afterAdd);
      assert.deepEqual(fs.readdirSync(path.dirname(file)).sort(), listing, 'idempotent: no new backup');

      // remove, knowing what the add created (as configure does): only ours goes
      const removed = editEntry(
        location,
        undefined,
        added.firstWrite ? { firstWrite: added.firstWrite } : {},
      );
      assert.equal(removed.changed, true);
      assert.equal(readEntry(location), undefined);
      if (!input) {
        assert.equal(fs.existsSync(file), false, 'a file we created and emptied again is deleted');
        assert.deepEqual(fs.readdirSync(path.dirname(file)), [], 'with no backup left beside it');
        return;
      }
      assert.deepEqual(fs.readFileSync(added.backup!), input, 'the original backup is never overwritten');
      assert.deepEqual(fs.readFileSync(removed.backup!), afterAdd, 'the previous version is kept once');
      assert.equal(backupsIn(path.dirname(file)).length, 2, 'two backups at most');
      const afterRemove = fs.readFileSync(file);
      if (ROUND_TRIP.has(name))
        assert.deepEqual(afterRemove.toString('utf8'), input!.toString('utf8'), 'the rest is byte-identical');
      else golden(spec, `${name}.removed`, afterRemove);
      assert.equal(editEntry(location, undefined).changed, false, 'removing twice changes nothing');
      assert.equal(
        fs.readdirSync(path.dirname(file)).filter((entryName) => entryName.endsWith('.tmp')).length,
        0,
        'no temp files left',
      );
    });
  }
}
