// The product's core as `serve --sandbox` wires it, in its own process, with the governor off: the overhead and
// memory figures then measure the companion, not the queue that keeps a real account under 50 requests / 10 s.
// Prints the same lines `serve --sandbox` prints, so bench/lib.ts reads it the same way.
import { createCompanion } from '../src-main/core/app.ts';

const companion = await createCompanion({
  sandbox: true,
  console: process.stderr,
  basecampFeatures: { governor: false },
});
const server = await companion.startServer({ port: 0 });
const { token } = companion.clients.mint('bench', 'manual');
process.stdout.write(
  `${server.url}\nSandbox Basecamp: ${companion.sandbox!.url}\n"Authorization": "Bearer ${token}"\n`,
);
// SIGUSR2: collect garbage and print the heap in use (bench/lib.ts starts this with --expose-gc), so the memory
// figures separate the JS heap from the resident set, which V8 does not give back after a burst of garbage.
const gc = (globalThis as { gc?: () => void }).gc;
let heapReports = 0;
process.on('SIGUSR2', () => {
  gc?.();
  setTimeout(() => {
    gc?.();
    heapReports += 1;
    process.stdout.write(`Heap used #${heapReports}: ${process.memoryUsage().heapUsed}\n`);
  }, 20);
});
const stop = (): void => void companion.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
