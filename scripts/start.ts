// npm start: build, then run the tray app in Electron. Where the Electron binary is not installed
// (Electron 42+ downloads it on first use, which offline machines cannot), say how to get it and how
// to use the browser dashboard instead — without require('electron'), which would try to download it.
//   npm start [-- --no-build] [-- <args for the app, e.g. --sandbox>]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');

/** The binary's path inside dist/, as electron's own install script names it per OS. */
function platformBinary(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * Where the Electron binary is, or null when it is not installed. Reads node_modules/electron/path.txt
 * and checks dist/ (or ELECTRON_OVERRIDE_DIST_PATH), like the electron package does, minus the download.
 */
export function findElectronBinary(
  electronDir: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | null {
  let relative = platformBinary(platform);
  try {
    relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim() || relative;
  } catch {
    // no path.txt: the binary was never installed, unless an override points at one
  }
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist');
  const binary = path.join(dist, relative);
  return fs.existsSync(binary) ? binary : null;
}

export const MISSING_ELECTRON = `The Electron binary is not installed, so the tray app cannot start here.

To get it (needs access to github.com, or an Electron mirror via ELECTRON_MIRROR):
  npx install-electron --no
or point ELECTRON_OVERRIDE_DIST_PATH at a folder that holds an Electron ${readElectronVersion()} build.

Without Electron, the same window runs in your browser:
  npm run cli -- serve --dashboard              # your Basecamp (sign in from the window)
  npm run cli -- serve --dashboard --sandbox    # try it with the embedded sandbox Basecamp
`;

function readElectronVersion(): string {
  try {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'),
    );
    return String(pkg.version);
  } catch {
    return '';
  }
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const binary = findElectronBinary(path.join(ROOT, 'node_modules', 'electron'));
  if (!binary) {
    process.stderr.write(MISSING_ELECTRON);
    return 1;
  }
  const appArgs = argv.filter((arg) => arg !== '--no-build');
  if (!argv.includes('--no-build')) {
    const built = await run(process.execPath, [path.join(ROOT, 'scripts', 'build.ts')]);
    if (built !== 0) return built;
  }
  if (!fs.existsSync(path.join(ROOT, 'out', 'main', 'main.mjs'))) {
    process.stderr.write(
      'There is no build to start: run npm run build (or npm start without --no-build).\n',
    );
    return 1;
  }
  return run(binary, [ROOT, ...appArgs]);
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
