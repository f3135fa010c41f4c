// Starts e2e/browser/harness.ts as a child process and talks to it over stdin/stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Harness {
  url: string;
  send(command: string): Promise<void>;
  newLink(): Promise<string>;
  stop(): Promise<void>;
}

export async function startHarness(
  options: { sandbox?: boolean; surface?: 'tray' | 'dashboard' } = {},
): Promise<Harness> {
  const child: ChildProcess = spawn(process.execPath, [path.join(here, 'harness.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: {
      ...process.env,
      HARNESS_SANDBOX: options.sandbox === false ? '0' : '1',
      HARNESS_SURFACE: options.surface ?? 'dashboard',
    },
  });
  let buffer = '';
  const waiters: Array<{ prefix: string; resolve: (line: string) => void }> = [];
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    let index: number;
    while ((index = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, index);
      buffer = buffer.slice(index + 1);
      const waiter = waiters.findIndex((entry) => line.startsWith(entry.prefix));
      if (waiter >= 0) waiters.splice(waiter, 1)[0]!.resolve(line);
    }
  });
  const next = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      waiters.push({ prefix, resolve });
      child.once('exit', (code) =>
        reject(new Error(`The harness exited (${code}) before printing ${prefix}`)),
      );
    });
  const url = (await next('DASHBOARD ')).slice('DASHBOARD '.length);
  return {
    url,
    async send(command) {
      const done = next(`DONE ${command.split(' ')[0]}`);
      child.stdin!.write(command + '\n');
      await done;
    },
    async newLink() {
      const line = next('LINK ');
      child.stdin!.write('link\n');
      return (await line).slice('LINK '.length);
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}
