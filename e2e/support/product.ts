// Starts the real product as a child process, the way a user does, in a throwaway HOME.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cliEntry = path.join(repoRoot, 'src-main', 'cli', 'main.ts');

export interface ThrowawayHome {
  home: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  remove(): void;
}

/** A fresh HOME and data directory; keychain variables from the surrounding session are kept. */
export function throwawayHome(extraEnv: NodeJS.ProcessEnv = {}): ThrowawayHome {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-home-'));
  const dataDir = path.join(home, '.config', 'basecamp-companion');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    BASECAMP_COMPANION_HOME: dataDir,
    ...extraEnv,
  };
  return { home, dataDir, env, remove: () => fs.rmSync(home, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one CLI command to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, ...args], { env, cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

export interface RunningCommand {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of pattern on stdout+stderr, or rejects when the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts a long-running CLI command (serve, sandbox, login) and lets the test read its output as it comes. */
export function startCli(args: string[], env: NodeJS.ProcessEnv): RunningCommand {
  const child = spawn(process.execPath, [cliEntry, ...args], {
    env,
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  return {
    child,
    output: () => output,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = output.match(pattern);
          if (match) {
            cleanup();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Timed out waiting for ${pattern} in output:\n${output}`));
        }, timeoutMs);
        const onExit = (): void => {
          setImmediate(() => {
            if (!output.match(pattern)) {
              cleanup();
              reject(new Error(`Process exited before ${pattern} appeared. Output:\n${output}`));
            }
          });
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('exit', onExit);
        };
        waiters.add(check);
        child.on('exit', onExit);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** `serve --sandbox --port 0` as a child process; resolves once it printed its MCP URL. */
export async function startSandboxServe(
  home: ThrowawayHome,
  extraArgs: string[] = [],
): Promise<RunningCommand & { mcpUrl: string }> {
  const serve = startCli(['serve', '--sandbox', '--port', '0', ...extraArgs], home.env);
  const [line] = await serve.waitFor(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/m);
  return Object.assign(serve, { mcpUrl: line });
}

export interface SandboxServeFixture {
  /** Set before the file's first test runs. */
  home: ThrowawayHome;
  serve: RunningCommand & { mcpUrl: string };
}

/** One `serve --sandbox` in its own throwaway HOME for every test in the calling file: started before, stopped after. */
export function sandboxServeForFile(extraEnv: NodeJS.ProcessEnv = {}): SandboxServeFixture {
  const fixture = {} as SandboxServeFixture;
  before(async () => {
    fixture.home = throwawayHome(extraEnv);
    fixture.serve = await startSandboxServe(fixture.home);
  });
  after(async () => {
    await fixture.serve?.stop();
    fixture.home?.remove();
  });
  return fixture;
}

/** The Cursor config file in a throwaway HOME. */
export function cursorConfigFile(home: ThrowawayHome): string {
  return path.join(home.home, '.cursor', 'mcp.json');
}

/** The Authorization header of our entry in the Cursor config file that `configure cursor` wrote. */
export function cursorAuthorization(home: ThrowawayHome): string {
  const config = JSON.parse(fs.readFileSync(cursorConfigFile(home), 'utf8')) as {
    mcpServers: { basecamp: { headers: { Authorization: string } } };
  };
  return config.mcpServers.basecamp.headers.Authorization;
}
