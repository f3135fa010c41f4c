// Shared pieces of the benchmark: the product as a child process, MCP clients, the sandbox control API, stats.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { spawn } from 'node:child_process';
import path from 'node:path';
import got from 'got';
import { fileURLToPath } from 'node:url';
import { startSandboxServe, type RunningCommand, type ThrowawayHome } from '../e2e/support/product.ts';

export interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

export interface Product {
  serve: RunningCommand & { mcpUrl: string };
  sandboxUrl: string;
  /** The `Authorization` header value `serve --sandbox` printed for its demo client. */
  authorization: string;
  pid: number;
}

/**
 * `serve --sandbox --port 0` in the given HOME, with its sandbox URL and demo client token; `ungoverned` runs
 * bench/ungoverned-serve.ts instead (the same core with the governor off).
 */
export async function startProduct(
  home: ThrowawayHome,
  options: { ungoverned?: boolean } = {},
): Promise<Product> {
  const serve = options.ungoverned ? await startUngoverned(home) : await startSandboxServe(home);
  const sandboxUrl = (await serve.waitFor(/^Sandbox Basecamp: (http:\/\/127\.0\.0\.1:\d+)$/m))[1]!;
  const authorization = (await serve.waitFor(/"Authorization": "(Bearer bcc_[^"]+)"/))[1]!;
  return { serve, sandboxUrl, authorization, pid: serve.child.pid! };
}

export async function connect(mcpUrl: string, authorization: string, name = 'bench'): Promise<Client> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(mcpUrl), {
      requestInit: { headers: { Authorization: authorization } },
    }),
  );
  return client;
}

export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolResult> {
  const result = (await client.callTool({ name, arguments: args })) as ToolResult;
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  return result;
}

export function textOf(result: ToolResult): string {
  return result.content.map((block) => block.text ?? '').join('\n');
}

export function controlClient(sandboxUrl: string, controlToken: string) {
  return async function control<T = Record<string, unknown>>(
    method: string,
    pathname: string,
    body?: unknown,
  ): Promise<T> {
    const answer = await fetch(`${sandboxUrl}/__sandbox/${pathname}`, {
      method,
      headers: { 'x-sandbox-control': controlToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (answer.status !== 200) throw new Error(`sandbox control ${method} ${pathname}: ${answer.status}`);
    return (await answer.json()) as T;
  };
}

/**
 * A bare MCP `tools/call` over the stateless endpoint with got (the same HTTP client as the direct request,
 * so both sides of the ratio pay the same client cost). Resolves with the JSON-RPC result.
 */
export function mcpCaller(mcpUrl: string, authorization: string) {
  let id = 0;
  return async (name: string, args: Record<string, unknown>): Promise<ToolResult> => {
    id += 1;
    const answer = await got.post(mcpUrl, {
      json: { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } },
      headers: {
        authorization,
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-06-18',
      },
      retry: { limit: 0 },
    });
    const data = /^data: (.*)$/m.exec(answer.body)?.[1] ?? answer.body;
    const message = JSON.parse(data) as { result?: ToolResult; error?: { message: string } };
    if (!message.result || message.result.isError) throw new Error(`${name} failed: ${data.slice(0, 300)}`);
    return message.result;
  };
}

/** The JS heap in use after a full GC, in MiB, from a server started with `ungoverned: true`. */
export async function heapMiB(product: Product): Promise<number> {
  const next = (product.serve.output().match(/^Heap used #/gm)?.length ?? 0) + 1;
  const wanted = new RegExp(`^Heap used #${next}: (\\d+)$`, 'm');
  product.serve.child.kill('SIGUSR2');
  const bytes = Number((await product.serve.waitFor(wanted))[1]);
  return Math.round((bytes / 1024 ** 2) * 10) / 10;
}

/** Resident memory of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function summarize(samples: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), n: sorted.length };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Runs `task` `perWorker` times in each of `workers` parallel loops; returns each call's latency in ms. */
export async function timed(
  workers: number,
  perWorker: number,
  task: (worker: number, index: number) => Promise<unknown>,
): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let index = 0; index < perWorker; index++) {
        const start = performance.now();
        await task(worker, index);
        samples.push(performance.now() - start);
      }
    }),
  );
  return samples;
}

async function startUngoverned(home: ThrowawayHome): Promise<RunningCommand & { mcpUrl: string }> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ungoverned-serve.ts');
  const child = spawn(process.execPath, ['--expose-gc', script], {
    env: home.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const waitFor = async (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = output.match(pattern);
      if (match) return match;
      if (child.exitCode !== null) throw new Error(`bench server exited:\n${output}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const [mcpUrl] = await waitFor(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/m);
  return {
    child,
    output: () => output,
    waitFor,
    mcpUrl,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
