#!/usr/bin/env node
// The headless face of the companion. `npm run cli -- <command>` and the `basecamp-companion` bin land here.
import { runCli } from './run.ts';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => controller.abort(new Error(`Stopped by ${signal}`)));
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  stdin: process.stdin,
});
process.exitCode = code;
