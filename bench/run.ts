// `npm run bench`: the companion's figures against the sandbox Basecamp on loopback, in one run so the ratios
// hold on a noisy machine. Prints a Markdown table and writes docs/benchmarks.json. No network beyond 127.0.0.1.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import got from 'got';
import { countTokens } from 'gpt-tokenizer';
import { repoRoot, throwawayHome } from '../e2e/support/product.ts';
import {
  connect,
  controlClient,
  heapMiB,
  mcpCaller,
  rssMiB,
  startProduct,
  summarize,
  timed,
  round,
} from './lib.ts';
import { measureRequestsSpent } from './requests.ts';
import { measureTokens } from './tokens.ts';

const quick = process.argv.includes('--quick');
const controlToken = crypto.randomBytes(16).toString('hex');
const results: Record<string, unknown> = {};
const log = (line: string): void => void process.stderr.write(`${line}\n`);

function machine(): Record<string, unknown> {
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage1m: round(os.loadavg()[0]!, 2),
  };
}

/** Cold start: spawn `serve --sandbox` until the first `tools/list` answer (sandbox sign-in included). */
async function coldStart(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const home = throwawayHome();
    const start = performance.now();
    const product = await startProduct(home);
    const client = await connect(product.serve.mcpUrl, product.authorization);
    await client.listTools();
    times.push(performance.now() - start);
    await client.close();
    await product.serve.stop();
    home.remove();
  }
  return times;
}

async function main(): Promise<void> {
  const started = performance.now();
  results.machine = machine();
  results.command = 'npm run bench';
  results.date = new Date().toISOString();

  log('cold start…');
  const cold = await coldStart(quick ? 1 : 3);
  results.coldStartMs = {
    runs: cold.map((ms) => round(ms, 0)),
    median: round(cold.sort((a, b) => a - b)[Math.floor(cold.length / 2)]!, 0),
  };

  const home = throwawayHome({ BASECAMP_SANDBOX_CONTROL_TOKEN: controlToken });
  const product = await startProduct(home, { ungoverned: true });
  const control = controlClient(product.sandboxUrl, controlToken);
  try {
    await sleep(1500);
    const idleRss = rssMiB(product.pid);
    const idleHeap = await heapMiB(product);

    // The read tool and the one Basecamp request it makes, found through the sandbox's counters.
    const probe = await connect(product.serve.mcpUrl, product.authorization);
    const projects = (await probe.callTool({ name: 'bc_list_projects', arguments: {} })) as unknown as {
      structuredContent: { items: Array<{ id: number }> };
    };
    const projectId = projects.structuredContent.items[0]!.id;
    await control('DELETE', 'counters');
    await probe.callTool({ name: 'bc_get_project', arguments: { project_id: projectId } });
    const counted = await control<{ apiRequests: number; log: Array<{ path: string }> }>('GET', 'counters');
    if (counted.apiRequests !== 1)
      throw new Error(`bc_get_project made ${counted.apiRequests} requests, expected 1`);
    const apiPath = counted.log[0]!.path;

    // The access token the product holds, from the sandbox's issued tokens (the one authorization.json accepts).
    const { issued } = await control<{ issued: string[] }>('GET', 'tokens');
    let accessToken: string | undefined;
    for (const token of issued.reverse()) {
      const answer = await got(`${product.sandboxUrl}/authorization.json`, {
        headers: { authorization: `Bearer ${token}` },
        throwHttpErrors: false,
      });
      if (answer.statusCode === 200) {
        accessToken = token;
        break;
      }
    }
    if (!accessToken) throw new Error('no issued token answers authorization.json');
    const direct = got.extend({
      prefixUrl: product.sandboxUrl,
      headers: { authorization: `Bearer ${accessToken}`, 'user-agent': 'bench (bench@example.com)' },
      retry: { limit: 0 },
    });
    const directUrl = apiPath.replace(/^\//, '');

    log('per-call overhead…');
    const mcp = mcpCaller(product.serve.mcpUrl, product.authorization);
    const mcpCall = () => mcp('bc_get_project', { project_id: projectId });
    const directCall = () => direct.get(directUrl).json();
    const overhead: Record<string, unknown> = {};
    const perClient = quick ? 40 : 200;
    for (const concurrency of [1, 10]) {
      await timed(concurrency, 20, mcpCall); // warm-up
      await timed(concurrency, 20, directCall);
      // Alternate the two in rounds so drift on a shared machine hits both alike.
      const viaMcp: number[] = [];
      const raw: number[] = [];
      for (let round = 0; round < 4; round++) {
        raw.push(...(await timed(concurrency, perClient / 4, directCall)));
        viaMcp.push(...(await timed(concurrency, perClient / 4, mcpCall)));
      }
      const mcpStats = summarize(viaMcp);
      const directStats = summarize(raw);
      overhead[`c${concurrency}`] = {
        concurrency,
        mcp: mcpStats,
        direct: directStats,
        ratioP50: round(mcpStats.p50 / directStats.p50),
        ratioP99: round(mcpStats.p99 / directStats.p99),
        addedP50Ms: round(mcpStats.p50 - directStats.p50),
      };
    }
    results.overhead = {
      tool: 'bc_get_project',
      request: `GET ${apiPath.replace(/\d+/g, '{id}')}`,
      ...overhead,
    };

    log('memory after 10,000 calls…');
    const calls = quick ? 1000 : 10_000;
    const workers = 20;
    const tools: Array<[string, Record<string, unknown>]> = [
      ['bc_get_project', { project_id: projectId }],
      ['bc_list_projects', {}],
      ['bc_whoami', {}],
    ];
    // Two halves: growth from the first half to the second is what a leak looks like; the first half only
    // shows the heap growing to its working size.
    const loadStart = performance.now();
    await timed(workers, calls / 2 / workers, (_, index) => mcp(...tools[index % tools.length]!));
    const halfRss = rssMiB(product.pid);
    const halfHeap = await heapMiB(product);
    await timed(workers, calls / 2 / workers, (_, index) => mcp(...tools[index % tools.length]!));
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const afterRss = rssMiB(product.pid);
    await sleep(3000);
    const settledRss = rssMiB(product.pid);
    const afterHeap = await heapMiB(product);
    results.memory = {
      idleMiB: idleRss,
      afterHalfMiB: halfRss,
      after10kCallsMiB: afterRss,
      after10kCallsSettledMiB: settledRss,
      // The JS heap after a full GC (product and in-process sandbox together): what a leak would grow.
      heapIdleMiB: idleHeap,
      heapAfterHalfMiB: halfHeap,
      heapAfter10kCallsMiB: afterHeap,
      calls,
      callsPerSecond: round(calls / loadSeconds, 0),
    };

    log('tokens…');
    results.tokens = await measureTokens({ client: probe, direct, countTokens });
    await probe.close();
  } finally {
    await product.serve.stop();
    home.remove();
  }

  log('requests spent (features on / off)…');
  results.requests = await measureRequestsSpent();
  results.durationSeconds = round((performance.now() - started) / 1000, 1);

  const table = markdown(results);
  process.stdout.write(`${table}\n`);
  if (!quick) {
    fs.writeFileSync(path.join(repoRoot, 'docs', 'benchmarks.json'), `${JSON.stringify(results, null, 2)}\n`);
    // docs/BENCHMARKS.md quotes the latest table between its markers; the prose around it is written by hand.
    const doc = path.join(repoRoot, 'docs', 'BENCHMARKS.md');
    if (fs.existsSync(doc)) {
      const text = fs.readFileSync(doc, 'utf8');
      const block = `<!-- bench:start -->\n${table}\n<!-- bench:end -->`;
      fs.writeFileSync(
        doc,
        text.replace(/<!-- bench:start -->[\s\S]*?<!-- bench:end -->/, () => block),
      );
    }
    log('wrote docs/benchmarks.json and the table in docs/BENCHMARKS.md');
  }
}

/** The figures as a Markdown table (what docs/BENCHMARKS.md quotes). */
export function markdown(figures: Record<string, unknown>): string {
  const r = figures as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const rows: string[][] = [];
  for (const key of ['c1', 'c10']) {
    const o = r.overhead?.[key];
    if (!o) continue;
    rows.push([
      `Per-call latency, ${o.concurrency} client${o.concurrency > 1 ? 's' : ''} (${r.overhead.tool} vs direct ${r.overhead.request})`,
      `p50 ${o.mcp.p50} ms / p99 ${o.mcp.p99} ms vs p50 ${o.direct.p50} ms / p99 ${o.direct.p99} ms`,
      `×${o.ratioP50} p50, ×${o.ratioP99} p99 (+${o.addedP50Ms} ms)`,
    ]);
  }
  const q = r.requests;
  if (q) {
    rows.push([
      `Basecamp requests for the agent script (${q.calls} tool calls)`,
      `on: ${q.on.requests} (${q.on.notModified} answered 304, ${q.on.coalesced} coalesced) · off: ${q.off.requests}`,
      `${q.savedPercent}% fewer requests; ${q.on.notModified} of ${q.on.requests} carried no body`,
    ]);
  }
  if (r.coldStartMs)
    rows.push([
      'Cold start: `serve --sandbox` to first `tools/list`',
      `median ${r.coldStartMs.median} ms`,
      `runs ${r.coldStartMs.runs.join(', ')} ms`,
    ]);
  const m = r.memory;
  if (m)
    rows.push([
      `Resident memory (${m.calls.toLocaleString('en')} calls at ${m.callsPerSecond}/s)`,
      `idle ${m.idleMiB} MiB → ${m.afterHalfMiB} MiB at ${(m.calls / 2).toLocaleString('en')} → ${m.after10kCallsMiB} MiB at ${m.calls.toLocaleString('en')} (${m.after10kCallsSettledMiB} MiB 3 s later)`,
      `${round(m.after10kCallsMiB - m.afterHalfMiB, 1)} MiB growth over the second half`,
    ]);
  if (m?.heapIdleMiB !== undefined)
    rows.push([
      `JS heap after GC (same run)`,
      `idle ${m.heapIdleMiB} MiB → ${m.heapAfterHalfMiB} MiB at ${(m.calls / 2).toLocaleString('en')} → ${m.heapAfter10kCallsMiB} MiB at ${m.calls.toLocaleString('en')}`,
      `${round(m.heapAfter10kCallsMiB - m.heapAfterHalfMiB, 1)} MiB growth over the second half`,
    ]);
  for (const t of r.tokens ?? []) {
    rows.push([
      `Tokens: ${t.what} (${t.items} items)`,
      `ours ${t.ours} (text) vs raw JSON ${t.raw}; structuredContent ${t.structured}`,
      `${t.percent}% of raw; ids kept ${t.idsKept}, URLs kept ${t.urlsKept}`,
    ]);
  }
  return [
    '| Measure | Figures | Result |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `Machine: ${JSON.stringify(r.machine)}; run took ${r.durationSeconds} s.`,
  ].join('\n');
}

await main();
