// The layer rules in eslint.config.js, proven to bite: an offending file in each layer fails lint for
// the right reason, and the same file without the offending import passes. The files are linted at
// their real paths (ESLint applies the per-folder config by path) but never written into the tree,
// so a concurrent `eslint .` or a crashed test cannot leave them behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function lint(relativePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, relativePath) });
  assert.ok(result, relativePath);
  assert.equal(result.filePath, path.join(root, relativePath));
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

const clean = 'export const answer: number = 42;\n';

const cases: { layer: string; file: string; offending: string; reason: RegExp }[] = [
  {
    layer: 'the core importing electron',
    file: 'src-main/core/lint-probe.ts',
    offending: "import { app } from 'electron';\nexport const name = app.getName();\n",
    reason: /no-restricted-imports: .*plain Node/,
  },
  {
    layer: 'the core importing the shell',
    file: 'src-main/core/platform/lint-probe.ts',
    offending: "import { APP_ID } from '../../electron/identity.ts';\nexport const id = APP_ID;\n",
    reason: /no-restricted-imports: .*never imports the shell/,
  },
  {
    layer: 'the CLI importing electron',
    file: 'src-main/cli/lint-probe.ts',
    offending: "import { shell } from 'electron';\nexport const open = shell.openExternal;\n",
    reason: /no-restricted-imports/,
  },
  {
    layer: 'the contract importing electron',
    file: 'src-shared/lint-probe.ts',
    offending: "import { ipcMain } from 'electron';\nexport const main = ipcMain;\n",
    reason: /no-restricted-imports: .*plain Node/,
  },
  {
    layer: 'the contract importing Node',
    file: 'src-shared/lint-probe.ts',
    offending: "import fs from 'node:fs';\nexport const read = fs.readFileSync;\n",
    reason: /no-restricted-imports: .*contract and types only/,
  },
  {
    layer: 'the window importing Node',
    file: 'src-renderer/lint-probe.ts',
    offending: "import fs from 'node:fs';\nexport const read = fs.readFileSync;\n",
    reason: /no-restricted-imports: .*browser page/,
  },
  {
    layer: 'the window importing a bare Node module',
    file: 'src-renderer/panels/lint-probe.tsx',
    offending: "import path from 'path';\nexport const join = path.join;\n",
    reason: /no-restricted-imports: .*browser page/,
  },
  {
    layer: 'the window importing electron',
    file: 'src-renderer/lint-probe.ts',
    offending: "import { ipcRenderer } from 'electron';\nexport const ipc = ipcRenderer;\n",
    reason: /no-restricted-imports/,
  },
  {
    layer: 'the window importing the core',
    file: 'src-renderer/lint-probe.ts',
    offending:
      "import { resolveDataDir } from '../src-main/core/paths.ts';\nexport const dir = resolveDataDir;\n",
    reason: /no-restricted-imports: .*never imports the core/,
  },
];

for (const { layer, file, offending, reason } of cases) {
  test(`lint fails for ${layer}`, async () => {
    const problems = await lint(file, offending);
    assert.ok(
      problems.some((problem) => reason.test(problem)),
      problems.join('\n') || 'no problems reported',
    );
    assert.deepEqual(await lint(file, clean), [], 'the same file without the import passes');
  });
}

test('the shell may import electron', async () => {
  assert.deepEqual(
    await lint(
      'src-main/electron/lint-probe.ts',
      "import { app } from 'electron';\nexport const quit = app.quit;\n",
    ),
    [],
  );
});
