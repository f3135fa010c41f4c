// The printed command reads the token from its file when the shell runs it, whatever the folder is called.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { commandReadingToken, writeTokenFile } from './token-file.ts';

const token = 'bcc_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

test('a POSIX shell gets the token from the file (quotes and spaces in the path) and the file is deleted', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc token's dir-"));
  try {
    const file = writeTokenFile(dir, 'claude-code', token);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const line = commandReadingToken(
      ['printf', '%s|', 'a b', `Authorization: Bearer ${token}`],
      token,
      file,
      'linux',
    );
    assert.ok(!line.includes(token), line);
    assert.equal(
      execFileSync('/bin/sh', ['-c', line], { encoding: 'utf8' }),
      `a b|Authorization: Bearer ${token}|`,
    );
    assert.equal(fs.existsSync(file), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('on Windows the line is PowerShell: Get-Content for the token, Remove-Item afterwards', () => {
  const line = commandReadingToken(
    ['claude', 'mcp', 'add', '--header', `Authorization: Bearer ${token}`],
    token,
    "C:\\Users\\o'neil\\AppData\\basecamp\\claude-code.token",
    'win32',
  );
  assert.equal(
    line,
    `claude mcp add --header "Authorization: Bearer $(Get-Content -Raw 'C:\\Users\\o''neil\\AppData\\basecamp\\claude-code.token')"; Remove-Item 'C:\\Users\\o''neil\\AppData\\basecamp\\claude-code.token'`,
  );
});
