// Requests spent against Basecamp's rate limit for a fixed agent-like script, with the client's cache,
// coalescing and governor on and then off. Two in-process companions, each with its own sandbox, run the same
// script through their MCP endpoint; the sandboxes count what reached them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { createCompanion } from '../src-main/core/app.ts';
import { callTool, connect, round } from './lib.ts';

export interface RequestFigures {
  requests: number;
  notModified: number;
  coalesced: number;
  maxIn10s: number;
}

/**
 * The script: list projects, open a project and its to-do lists, open three lists, read the same to-dos twice
 * (two agents at once, as parallel tool calls do), add a to-do, re-read the three lists.
 */
async function agentScript(agents: [Client, Client]): Promise<number> {
  const [a, b] = agents;
  let calls = 0;
  const call = (client: Client, name: string, args: Record<string, unknown>) => {
    calls += 1;
    return callTool(client, name, args);
  };
  const projects = (await call(a, 'bc_list_projects', {})).structuredContent?.items as Array<{ id: number }>;
  const lists: number[] = [];
  for (const project of projects) {
    const opened = await call(a, 'bc_get_project', { project_id: project.id });
    const todoset = ((opened.structuredContent?.dock ?? []) as Array<{ name: string; id: number }>).find(
      (entry) => entry.name === 'todoset',
    );
    if (!todoset) continue;
    const found = await call(a, 'bc_todos', { action: 'lists', params: { todoset_id: todoset.id } });
    lists.push(...((found.structuredContent?.items ?? []) as Array<{ id: number }>).map((list) => list.id));
    if (lists.length >= 3) break;
  }
  const three = lists.slice(0, 3);
  const readAll = (client: Client) =>
    Promise.all(
      three.map((id) =>
        call(client, 'bc_todos', { action: 'list', params: { todolist_id: id, limit: 100 } }),
      ),
    );
  await readAll(a); // open three lists
  await Promise.all([readAll(a), readAll(b)]); // read the to-dos again, twice over
  await readAll(b);
  await call(a, 'bc_todos', {
    action: 'create',
    params: { todolist_id: three[0], content: 'Benchmark: re-read after a change' },
  });
  await Promise.all([readAll(a), readAll(b)]); // re-read after the change
  return calls;
}

async function runWith(features: { cache: boolean; coalesce: boolean; governor: boolean }): Promise<{
  figures: RequestFigures;
  calls: number;
}> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-bench-'));
  const companion = await createCompanion({
    sandbox: true,
    dataDir,
    env: { ...process.env, BASECAMP_COMPANION_HOME: dataDir, BASECAMP_COMPANION_LOG_LEVEL: 'warn' },
    basecampFeatures: features,
  });
  try {
    const server = await companion.startServer({ port: 0 });
    const sandbox = companion.sandbox!;
    const authorization = (name: string) => `Bearer ${companion.clients.mint(name, 'manual').token}`;
    const agents: [Client, Client] = [
      await connect(server.url, authorization('agent-a')),
      await connect(server.url, authorization('agent-b')),
    ];
    sandbox.counters.reset();
    const calls = await agentScript(agents);
    const log = sandbox.counters.log;
    await Promise.all(agents.map((agent) => agent.close()));
    // The per-account client's own totals (createCompanion makes a CompanionBasecampClient).
    const basecamp = (await companion.toolContext.clientFor(undefined)) as {
      stats?: () => { coalesced: number };
    };
    const coalesced = basecamp.stats?.().coalesced ?? 0;
    return {
      calls,
      figures: {
        requests: sandbox.counters.apiRequests,
        notModified: log.filter((record) => record.status === 304).length,
        coalesced,
        maxIn10s: sandbox.counters.maxInWindow(10_000),
      },
    };
  } finally {
    await companion.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureRequestsSpent(): Promise<Record<string, unknown>> {
  const on = await runWith({ cache: true, coalesce: true, governor: true });
  const off = await runWith({ cache: false, coalesce: false, governor: false });
  return {
    calls: on.calls,
    on: on.figures,
    off: off.figures,
    savedPercent: round((1 - on.figures.requests / off.figures.requests) * 100, 1),
  };
}
