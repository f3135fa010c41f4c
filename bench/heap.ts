// `node bench/heap.ts [--calls N] [--checkpoints K] [--varied] [--snapshots] [--smaps]`: the memory part of the
// benchmark on the heap, not the resident set. Runs the product's core in this process (createCompanion with
// the sandbox, governor off, as bench/ungoverned-serve.ts), makes N tool calls through the MCP endpoint (20
// clients, the bench's three reads; --varied adds every seeded to-do by id, so the response cache fills), and
// at K checkpoints collects garbage and prints heapUsed with the entry count of each structure that could grow.
// --snapshots writes heap snapshots at the last two checkpoints and prints the constructors whose object count
// grew between them; --smaps prints V8's heap statistics and where the resident set lives. Writes nothing into
// the repository. The sandbox shares the heap; its own structures are the sandbox* columns.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { createCompanion } from '../src-main/core/app.ts';
import { knownSecretCount } from '../src-main/core/log/redact.ts';
import { mcpCaller, round, timed } from './lib.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  // Re-run under --expose-gc rather than measure garbage.
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ['--expose-gc', script, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const calls = Number(argument('--calls') ?? 10_000);
const checkpoints = Number(argument('--checkpoints') ?? 2);
const snapshots = process.argv.includes('--snapshots');
const varied = process.argv.includes('--varied');
const smaps = process.argv.includes('--smaps');
const workers = 20;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const MiB = (bytes: number): number => round(bytes / 1024 ** 2, 1);

/** Collect garbage, letting FinalizationRegistry callbacks (undici's Request cleanup) run in between. */
async function collect(): Promise<NodeJS.MemoryUsage> {
  for (let pass = 0; pass < 3; pass++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return process.memoryUsage();
}

/** Object count and self size per constructor name, read from a .heapsnapshot file. */
function constructorCounts(file: string): Map<string, { count: number; bytes: number }> {
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const counts = new Map<string, { count: number; bytes: number }>();
  for (let index = 0; index < snapshot.nodes.length; index += width) {
    const type = types[snapshot.nodes[index + typeAt]!]!;
    const raw =
      type === 'object' || type === 'closure'
        ? snapshot.strings[snapshot.nodes[index + nameAt]!]!
        : `(${type})`;
    const key = type === 'closure' ? `closure ${raw}` : raw;
    const entry = counts.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snapshot.nodes[index + sizeAt]!;
    counts.set(key, entry);
  }
  return counts;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-heap-'));
// Snapshots outlive the run (open them in Chrome's DevTools Memory tab); the data folder does not.
const snapshotDir = snapshots ? fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-heap-snapshots-')) : '';
const companion = await createCompanion({
  sandbox: true,
  dataDir,
  env: { ...process.env, BASECAMP_COMPANION_HOME: dataDir },
  basecampFeatures: { governor: false },
});
try {
  const server = await companion.startServer({ port: 0 });
  const { token } = companion.clients.mint('bench', 'manual');
  const mcp = mcpCaller(server.url, `Bearer ${token}`);
  const projects = await mcp('bc_list_projects', {});
  const projectId = (projects.structuredContent!.items as Array<{ id: number }>)[0]!.id;
  const sandbox = companion.sandbox!;
  // The bench's three reads, plus every seeded to-do by id: distinct URLs fill the response cache to its bound.
  const todoIds = [...sandbox.store.recordings.values()].filter((r) => r.type === 'Todo').map((r) => r.id);
  const tools: Array<[string, Record<string, unknown>]> = [
    ['bc_get_project', { project_id: projectId }],
    ['bc_list_projects', {}],
    ['bc_whoami', {}],
  ];
  const call = (index: number) => {
    const [name, args] =
      varied && index % 4 === 3
        ? ['bc_todos', { action: 'get', params: { todo_id: todoIds[(index >> 2) % todoIds.length] } }]
        : tools[index % tools.length]!;
    return mcp(name, args);
  };
  const basecamp = (await companion.toolContext.clientFor(undefined)) as { stats?: () => unknown };

  /** Entry counts of the structures that grow with calls; each must level off at its bound. */
  const structures = (): Record<string, number> => ({
    logRing: companion.ring.since().length,
    sandboxRequestLog: sandbox.counters.log.length,
    sandboxPaths: sandbox.counters.byPath.size,
    sandboxRecordings: [...sandbox.stores.values()].reduce((sum, store) => sum + store.recordings.size, 0),
    clientStats: companion.clients.list().length,
    knownSecrets: knownSecretCount(),
  });

  await timed(workers, 200 / workers, (worker, index) => call(worker * 7919 + index)); // warm-up
  const rows: Array<Record<string, unknown>> = [];
  const row = (done: number, usage: NodeJS.MemoryUsage) => ({
    calls: done,
    heapUsedMiB: MiB(usage.heapUsed),
    heapTotalMiB: MiB(usage.heapTotal),
    externalMiB: MiB(usage.external),
    rssMiB: MiB(usage.rss),
    ...structures(),
  });
  const baseline = await collect();
  rows.push(row(0, baseline));
  log(`heap after warm-up: ${MiB(baseline.heapUsed)} MiB`);
  const files: string[] = [];
  const step = calls / checkpoints;
  for (let checkpoint = 1; checkpoint <= checkpoints; checkpoint++) {
    await timed(workers, step / workers, (worker, index) => call(worker * 7919 + index));
    const usage = await collect();
    rows.push(row(checkpoint * step, usage));
    log(`heap after ${checkpoint * step} calls: ${MiB(usage.heapUsed)} MiB`);
    if (snapshots && checkpoint >= checkpoints - 1)
      files.push(v8.writeHeapSnapshot(path.join(snapshotDir, `at-${checkpoint * step}-calls.heapsnapshot`)));
  }
  console.table(rows);
  if (smaps) {
    const stats = v8.getHeapStatistics() as unknown as Record<string, number>;
    log(
      Object.entries(stats)
        .map(([k, v]) => `${k} ${MiB(v)}`)
        .join(', '),
    );
    const maps = fs.readFileSync('/proc/self/smaps', 'utf8').split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/);
    const big = maps
      .map((m) => ({
        head: m.split('\n')[0]!.slice(0, 110),
        rss: Number(/\nRss:\s+(\d+)/.exec(m)?.[1] ?? 0),
      }))
      .sort((a, b) => b.rss - a.rss);
    const bySize = new Map<string, { maps: number; rssMiB: number }>();
    for (const m of big) {
      const [from, to] = m.head
        .split(' ')[0]!
        .split('-')
        .map((h) => parseInt(h, 16));
      const kind =
        m.head.includes('/') || m.head.includes('[')
          ? m.head.slice(73)
          : `anon ${Math.round((to! - from!) / 1024)} KiB`;
      const entry = bySize.get(kind) ?? { maps: 0, rssMiB: 0 };
      entry.maps += 1;
      entry.rssMiB += m.rss / 1024;
      bySize.set(kind, entry);
    }
    console.table([...bySize].sort((a, b) => b[1].rssMiB - a[1].rssMiB).slice(0, 15));
  }
  log(`client totals: ${JSON.stringify(basecamp.stats?.())}`);

  if (files.length === 2) {
    const before = constructorCounts(files[0]!);
    const after = constructorCounts(files[1]!);
    const grown = [...after]
      .map(([name, entry]) => ({
        name,
        countDelta: entry.count - (before.get(name)?.count ?? 0),
        bytesDelta: entry.bytes - (before.get(name)?.bytes ?? 0),
        count: entry.count,
      }))
      .filter((entry) => entry.countDelta > 0)
      .sort((a, b) => b.countDelta - a.countDelta)
      .slice(0, 30);
    log(`constructors whose count grew between ${files.join(' and ')}:`);
    console.table(grown);
  }
} finally {
  await companion.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
