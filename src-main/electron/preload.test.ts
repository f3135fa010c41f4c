// The preload as it ships: built by scripts/build.ts, run the way a sandboxed renderer runs it
// (CommonJS, a require that knows only 'electron'), with a stand-in contextBridge and ipcRenderer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { BRIDGE_GLOBAL, bridgeEvents, bridgeMethods } from '../../src-shared/contract.ts';
import { buildPreload } from '../../scripts/build.ts';

test('the built preload is CommonJS, needs nothing but electron, and exposes exactly the contract', async () => {
  const outfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-preload-')), 'preload.cjs');
  const meta = await buildPreload(outfile);
  const output = Object.values(meta.outputs)[0]!;
  assert.deepEqual(
    output.imports.map((entry) => entry.path),
    ['electron'],
  );
  const code = fs.readFileSync(outfile, 'utf8');
  assert.doesNotMatch(
    code,
    /\bimport\s*\(|^\s*import\s|^\s*export\s/m,
    'no ESM syntax: sandboxed preloads cannot be ESM',
  );
  assert.ok(code.length < 20_000, `the preload stays small (zod stays out): ${code.length} bytes`);

  const exposed = new Map<string, Record<string, (...args: unknown[]) => unknown>>();
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld: (name: string, api: Record<string, (...args: unknown[]) => unknown>) =>
        exposed.set(name, api),
    },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return { ok: true, value: {} };
      },
      on: () => {},
      removeListener: () => {},
    },
  };
  const required: string[] = [];
  const module = { exports: {} };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  vm.runInNewContext(`(function (require, module, exports) {${code}\n})`, {}, { filename: outfile })(
    sandboxRequire,
    module,
    module.exports,
  );

  assert.deepEqual(required, ['electron']);
  assert.deepEqual([...exposed.keys()], [BRIDGE_GLOBAL]);
  const api = exposed.get(BRIDGE_GLOBAL)!;
  assert.deepEqual(
    Object.keys(api).sort(),
    [...Object.keys(bridgeMethods), ...Object.keys(bridgeEvents)].sort(),
  );
  await api.tailLogs!({ sinceSeq: 3 });
  assert.deepEqual(invoked, [['logs:tail', { sinceSeq: 3 }]]);
});
