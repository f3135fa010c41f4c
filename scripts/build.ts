// npm run build: the three bundles of the tray app, offline, without the Electron binary.
//   out/main/main.mjs         the main process (ESM: got, conf and zod are ESM-only; bundled in)
//   out/preload/preload.cjs   the sandboxed preload (CommonJS: sandboxed preloads cannot be ESM)
//   out/renderer/             the window (Vite, configured in vite.config.ts)
// `electron` is provided by the runtime; @napi-rs/keyring is a native module and stays a real
// dependency (electron-builder unpacks its .node file from the asar); see MAIN_EXTERNALS.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { BRIDGE_GLOBAL, bridgeEvents, bridgeMethods } from '../src-shared/contract.ts';

export const ROOT = path.join(import.meta.dirname, '..');

/**
 * Left to the runtime: Electron itself, the native keychain module with its per-OS packages, and
 * jsonc-parser, whose CommonJS build is a UMD wrapper that require()s its own files in a way a bundler
 * cannot follow (all three are real `dependencies`, so electron-builder packages them).
 */
export const MAIN_EXTERNALS = ['electron', '@napi-rs/keyring', '@napi-rs/keyring-*', 'jsonc-parser'];

// Bundled CommonJS dependencies call require(); ESM output has none, so give them a real one.
const ESM_REQUIRE_BANNER = [
  "import { createRequire as __companionCreateRequire } from 'node:module';",
  'const require = __companionCreateRequire(import.meta.url);',
].join('\n');

export function mainOptions(outdir: string): BuildOptions {
  return {
    absWorkingDir: ROOT,
    entryPoints: { main: 'src-main/electron/main.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: MAIN_EXTERNALS,
    banner: { js: ESM_REQUIRE_BANNER },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  };
}

/**
 * The preload needs only the contract's bridge tables (names), not its zod schemas: the window
 * validates. Give it those tables, read from the contract itself, so it stays small and has one source.
 */
export function contractTablesOnly(): Plugin {
  return {
    name: 'contract-tables-only',
    setup(context) {
      context.onLoad({ filter: /[\\/]src-shared[\\/]contract\.ts$/ }, () => ({
        loader: 'js',
        contents: [
          `export const bridgeMethods = Object.freeze(${JSON.stringify(bridgeMethods)});`,
          `export const bridgeEvents = Object.freeze(${JSON.stringify(bridgeEvents)});`,
          `export const BRIDGE_GLOBAL = ${JSON.stringify(BRIDGE_GLOBAL)};`,
        ].join('\n'),
      }));
    },
  };
}

export function preloadOptions(outfile: string): BuildOptions {
  return {
    absWorkingDir: ROOT,
    entryPoints: ['src-main/electron/preload.ts'],
    outfile,
    bundle: true,
    // A sandboxed preload has a browser-like environment plus require('electron') and nothing else.
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    plugins: [contractTablesOnly()],
    // Small and readable as it is; no map needed.
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
  };
}

export async function buildMain(outdir = path.join(ROOT, 'out', 'main')): Promise<Metafile> {
  const result = await build(mainOptions(outdir));
  return result.metafile!;
}

export async function buildPreload(
  outfile = path.join(ROOT, 'out', 'preload', 'preload.cjs'),
): Promise<Metafile> {
  const result = await build(preloadOptions(outfile));
  return result.metafile!;
}

/** The renderer is built by Vite with the window's own config (vite.config.ts). */
export function buildRenderer(): Promise<void> {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  fs.rmSync(path.join(ROOT, 'out', 'main'), { recursive: true, force: true });
  fs.rmSync(path.join(ROOT, 'out', 'preload'), { recursive: true, force: true });
  await Promise.all([buildMain(), buildPreload()]);
  await buildRenderer();
  const relative = (file: string) => path.relative(process.cwd(), path.join(ROOT, file)) || '.';
  process.stdout.write(
    `Built ${relative('out/main/main.mjs')}, ${relative('out/preload/preload.cjs')} and ${relative('out/renderer')}/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    process.stderr.write(`Build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
