// A write interrupted between any two steps leaves the old file or the new one, never a truncated one,
// and the backup of the old file exists once the backup step has run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  editEntry,
  MAX_CONFIG_BYTES,
  readEntry,
  realWriteSteps,
  type EntryLocation,
  type WriteSteps,
} from './config-file.ts';
import { ClientConfigError } from './errors.ts';

const ORIGINAL =
  '{\n  // keep me\n  "mcpServers": {\n    "other": { "url": "http://127.0.0.1:9000/mcp" }\n  }\n}\n';
const ENTRY = {
  url: 'http://127.0.0.1:3917/mcp',
  headers: { Authorization: 'Bearer bcc_fault-injection-token-000000000' },
};

class Crash extends Error {}

function setup(): { dir: string; location: EntryLocation } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-fault-'));
  const file = path.join(dir, 'mcp.json');
  fs.writeFileSync(file, ORIGINAL, { mode: 0o644 });
  return { dir, location: { file, format: 'json', container: 'mcpServers', name: 'basecamp' } };
}

/** The file must be the old one or the complete new one. */
function assertOldOrNew(location: EntryLocation): 'old' | 'new' {
  const text = fs.readFileSync(location.file, 'utf8');
  if (text === ORIGINAL) return 'old';
  assert.deepEqual(readEntry(location), ENTRY, `neither the old file nor the complete new one:\n${text}`);
  return 'new';
}

const backups = (dir: string): string[] =>
  fs.readdirSync(dir).filter((name) => /\.basecamp-(original|previous)$/.test(name));

interface Fault {
  name: string;
  steps: WriteSteps;
  expect: 'old' | 'new';
  backup: boolean;
}

const faults: Fault[] = [
  {
    name: 'before the backup',
    steps: {
      ...realWriteSteps,
      backup: () => {
        throw new Crash('disk full');
      },
    },
    expect: 'old',
    backup: false,
  },
  {
    name: 'after the backup, before the temp file',
    steps: {
      ...realWriteSteps,
      writeTemp: () => {
        throw new Crash('killed');
      },
    },
    expect: 'old',
    backup: true,
  },
  {
    name: 'halfway through writing the temp file',
    steps: {
      ...realWriteSteps,
      writeTemp: (tempFile, data, mode) => {
        fs.writeFileSync(tempFile, data.subarray(0, Math.floor(data.length / 2)), { mode });
        throw new Crash('power cut');
      },
    },
    expect: 'old',
    backup: true,
  },
  {
    name: 'after the temp file, before the rename',
    steps: {
      ...realWriteSteps,
      rename: () => {
        throw new Crash('killed');
      },
    },
    expect: 'old',
    backup: true,
  },
  {
    name: 'after the rename, before the folder sync',
    steps: {
      ...realWriteSteps,
      syncDir: () => {
        throw new Crash('killed');
      },
    },
    expect: 'new',
    backup: true,
  },
];

for (const fault of faults) {
  test(`a write interrupted ${fault.name} leaves the ${fault.expect} file`, () => {
    const { dir, location } = setup();
    assert.throws(() => editEntry(location, ENTRY, { steps: fault.steps }), Crash);
    assert.equal(assertOldOrNew(location), fault.expect);
    assert.equal(backups(dir).length, fault.backup ? 1 : 0);
    if (fault.backup) assert.equal(fs.readFileSync(path.join(dir, backups(dir)[0]!), 'utf8'), ORIGINAL);
    assert.deepEqual(
      fs.readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
      'the temp file is cleaned up',
    );
    // The next run succeeds and ends with the complete new file.
    const retry = editEntry(location, ENTRY);
    assert.equal(assertOldOrNew(location), 'new');
    assert.equal(retry.changed, fault.expect === 'old');
  });
}

test('a crash that kills the process mid-write leaves only a stray temp file; the config is the old one', () => {
  const { dir, location } = setup();
  // Simulate the process dying: the temp file stays behind half-written and nothing cleans it up.
  const steps: WriteSteps = {
    ...realWriteSteps,
    writeTemp: (tempFile, data) => {
      fs.writeFileSync(tempFile, data.subarray(0, 10));
      fs.copyFileSync(tempFile, tempFile + '.left-behind');
      throw new Crash('SIGKILL');
    },
  };
  assert.throws(() => editEntry(location, ENTRY, { steps }), Crash);
  assert.equal(assertOldOrNew(location), 'old');
  assert.ok(fs.readdirSync(dir).some((name) => name.endsWith('.left-behind')));
  editEntry(location, ENTRY);
  assert.equal(assertOldOrNew(location), 'new');
});

test('every step runs in order: backup, temp file, rename, folder sync', () => {
  const { location } = setup();
  const order: string[] = [];
  const steps: WriteSteps = {
    backup: (...args) => (order.push('backup'), realWriteSteps.backup(...args)),
    writeTemp: (...args) => (order.push('writeTemp'), realWriteSteps.writeTemp(...args)),
    rename: (...args) => (order.push('rename'), realWriteSteps.rename(...args)),
    syncDir: (...args) => (order.push('syncDir'), realWriteSteps.syncDir(...args)),
  };
  editEntry(location, ENTRY, { steps });
  assert.deepEqual(order, ['backup', 'writeTemp', 'rename', 'syncDir']);
});

test('a world-readable file that now holds a token is narrowed to the owner; the temp file is private', () => {
  const { location } = setup();
  let tempMode: number | undefined;
  const steps: WriteSteps = {
    ...realWriteSteps,
    rename: (from, to) => {
      tempMode = fs.statSync(from).mode & 0o777;
      realWriteSteps.rename(from, to);
    },
  };
  const result = editEntry(location, ENTRY, { steps });
  assert.equal(tempMode, 0o600, 'the temp file is 0600');
  assert.equal(fs.statSync(location.file).mode & 0o777, 0o600, 'the token is readable only by its owner');
  assert.deepEqual(result.modeTightened, { from: 0o644, to: 0o600 });
  assert.equal(fs.statSync(result.backup!).mode & 0o777, 0o600, 'the backup too');
  // Written again: already private, nothing more to say.
  assert.equal(editEntry(location, { ...ENTRY, url: 'http://127.0.0.1:4000/mcp' }).modeTightened, undefined);
});

test('an entry without a token keeps the original mode', () => {
  const { location } = setup();
  fs.chmodSync(location.file, 0o664);
  const result = editEntry(location, { url: 'http://127.0.0.1:3917/mcp' });
  assert.equal(result.modeTightened, undefined);
  assert.equal(fs.statSync(location.file).mode & 0o777, 0o664, 'the original mode is kept');
});

test('temp files an interrupted write of ours left behind are removed on the next write', () => {
  const { dir, location } = setup();
  const stale = path.join(dir, '.mcp.json.basecamp-999999999-2026-01-01T00-00-00-000Z.tmp');
  const old = path.join(dir, `.mcp.json.basecamp-${process.pid}-2026-01-01T00-00-00-000Z.tmp`);
  const notOurs = path.join(dir, '.mcp.json.other-tool.tmp');
  const staleBackup = path.join(dir, '.mcp.json.basecamp-previous.999999999-1767225600000.backup.tmp');
  for (const file of [stale, old, notOurs, staleBackup])
    fs.writeFileSync(file, 'bcc_left-behind', { mode: 0o644 });
  fs.utimesSync(old, new Date('2026-01-01'), new Date('2026-01-01'));
  editEntry(location, ENTRY);
  assert.equal(fs.existsSync(stale), false, 'a dead process’s temp file is gone');
  assert.equal(fs.existsSync(old), false, 'an old temp file is gone');
  assert.equal(fs.existsSync(staleBackup), false, 'a half-written backup copy is gone');
  assert.equal(fs.existsSync(notOurs), true, 'other programs’ files stay');
  assert.deepEqual(
    fs.readdirSync(dir).filter((name) => name.endsWith('.tmp')),
    ['.mcp.json.other-tool.tmp'],
  );
});

test('a dry run changes nothing and makes no backup', () => {
  const { dir, location } = setup();
  const result = editEntry(location, ENTRY, { dryRun: true });
  assert.equal(result.changed, true);
  assert.match(result.text, /"basecamp"/);
  assert.equal(fs.readFileSync(location.file, 'utf8'), ORIGINAL);
  assert.deepEqual(backups(dir), []);
});

test('a symlinked config is edited through the link, which stays a link', () => {
  const { dir, location } = setup();
  const link = path.join(dir, 'linked.json');
  fs.symlinkSync(location.file, link);
  editEntry({ ...location, file: link }, ENTRY);
  assert.ok(fs.lstatSync(link).isSymbolicLink());
  assert.deepEqual(readEntry(location), ENTRY);
});

test('backups: the original once, never overwritten, plus one previous version; both private', () => {
  const { dir, location } = setup();
  const first = editEntry(location, ENTRY);
  assert.equal(first.backup, `${location.file}.basecamp-original`);
  const afterFirst = fs.readFileSync(location.file);
  const second = editEntry(location, { ...ENTRY, url: 'http://127.0.0.1:4000/mcp' });
  assert.equal(second.backup, `${location.file}.basecamp-previous`);
  assert.equal(second.originalBackup, first.backup);
  assert.deepEqual(fs.readFileSync(second.backup!), afterFirst);
  const afterSecond = fs.readFileSync(location.file);
  editEntry(location, undefined);
  assert.deepEqual(backups(dir).sort(), ['mcp.json.basecamp-original', 'mcp.json.basecamp-previous']);
  assert.equal(fs.readFileSync(first.backup!, 'utf8'), ORIGINAL, 'the original is never overwritten');
  assert.deepEqual(fs.readFileSync(second.backup!), afterSecond, 'the previous one is the last change’s');
  for (const name of backups(dir)) assert.equal(fs.statSync(path.join(dir, name)).mode & 0o777, 0o600);
  assert.equal(fs.readFileSync(location.file, 'utf8'), ORIGINAL);
});

test('a file we created has no original to keep: its changes keep only the previous version', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-ours-'));
  const location: EntryLocation = {
    file: path.join(dir, 'sub', 'mcp.json'),
    format: 'json',
    container: 'mcpServers',
    name: 'basecamp',
  };
  const added = editEntry(location, ENTRY);
  assert.deepEqual(added.firstWrite, {
    file: location.file,
    createdFile: true,
    createdDirs: [path.join(dir, 'sub')],
    addedContainer: true,
  });
  const options = { firstWrite: added.firstWrite! };
  const updated = editEntry(location, { ...ENTRY, url: 'http://127.0.0.1:4000/mcp' }, options);
  assert.equal(updated.backup, `${location.file}.basecamp-previous`);
  assert.equal(updated.originalBackup, undefined);
  const removed = editEntry(location, undefined, options);
  assert.deepEqual(removed.deleted, { file: location.file, dirs: [path.join(dir, 'sub')] });
  assert.deepEqual(fs.readdirSync(dir), [], 'file, previous backup and folder are gone');
});

test('a config file over 5 MB is refused with a clear message and left untouched', () => {
  const { dir, location } = setup();
  const huge = `{"mcpServers": {}, "pad": "${'x'.repeat(MAX_CONFIG_BYTES)}"}`;
  fs.writeFileSync(location.file, huge);
  assert.throws(
    () => editEntry(location, ENTRY),
    (error: Error) =>
      error instanceof ClientConfigError &&
      /is 5\.0 MB; a client config file is normally a few KB/.test(error.message),
  );
  assert.throws(() => readEntry(location), ClientConfigError);
  assert.equal(fs.statSync(location.file).size, huge.length, 'untouched');
  assert.deepEqual(backups(dir), []);
});

test('the oldest backup an earlier version made becomes the original; nothing is overwritten', () => {
  const { dir, location } = setup();
  const legacy = (stamp: string): string => `${location.file}.basecamp-backup-${stamp}`;
  fs.writeFileSync(legacy('2026-01-02T00-00-00-000Z'), 'second', { mode: 0o644 });
  fs.writeFileSync(legacy('2026-01-01T00-00-00-000Z'), 'first', { mode: 0o644 });
  const result = editEntry(location, ENTRY);
  assert.equal(result.backup, `${location.file}.basecamp-previous`, 'the current file is the previous one');
  assert.equal(fs.readFileSync(result.originalBackup!, 'utf8'), 'first');
  assert.equal(fs.statSync(result.originalBackup!).mode & 0o777, 0o600);
  assert.equal(fs.readFileSync(result.backup!, 'utf8'), ORIGINAL);
  assert.ok(fs.existsSync(legacy('2026-01-02T00-00-00-000Z')), 'later ones stay where they are');
  assert.equal(fs.readdirSync(dir).length, 4);
});

test('a link planted where an old backup would be is not adopted, and what it points at keeps its mode', () => {
  const { dir, location } = setup();
  const elsewhere = path.join(dir, 'shared-notes.txt');
  fs.writeFileSync(elsewhere, 'notes', { mode: 0o644 });
  fs.chmodSync(elsewhere, 0o644);
  fs.symlinkSync(elsewhere, `${location.file}.basecamp-backup-2026-01-01T00-00-00-000Z`);
  const result = editEntry(location, ENTRY);
  assert.equal(fs.statSync(elsewhere).mode & 0o777, 0o644, 'the link’s target was not chmod-ed');
  assert.equal(fs.lstatSync(result.originalBackup!).isFile(), true);
  assert.equal(fs.readFileSync(result.originalBackup!, 'utf8'), ORIGINAL, 'the original is the user’s file');
});
