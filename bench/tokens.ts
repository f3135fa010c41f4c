// Tokens an agent reads: our tool's text against the raw Basecamp JSON for the same data (every page of it).
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Got } from 'got';
import { textOf, round, type ToolResult } from './lib.ts';

export interface TokenFigure {
  what: string;
  items: number;
  /** Tokens of the tool result's text content (what the agent reads). */
  ours: number;
  /** Tokens of its structuredContent, for clients that put that in the context too. */
  structured: number;
  raw: number;
  percent: number;
  idsKept: string;
  urlsKept: string;
}

interface Deps {
  client: Client;
  direct: Got;
  countTokens: (text: string) => number;
}

/** Every page of a Basecamp list, following `Link: rel="next"` like any API client would. */
async function rawPages(
  direct: Got,
  url: string,
): Promise<{ text: string; items: Array<Record<string, unknown>> }> {
  const texts: string[] = [];
  const items: Array<Record<string, unknown>> = [];
  let next: string | undefined = url;
  while (next) {
    // Two calls, not one with a union of options: got's overloads make TypeScript 5.9 crash on the union.
    const answer = next.startsWith('http')
      ? await direct.get(next, { prefixUrl: '' })
      : await direct.get(next);
    texts.push(answer.body);
    items.push(...(JSON.parse(answer.body) as Array<Record<string, unknown>>));
    const link: string = String(answer.headers.link ?? '');
    const match = /<([^>]+)>;\s*rel="next"/.exec(link);
    next = match ? match[1] : undefined;
  }
  return { text: texts.join('\n'), items };
}

async function tool(client: Client, name: string, args: Record<string, unknown>): Promise<ToolResult> {
  const result = (await client.callTool({ name, arguments: args })) as ToolResult;
  if (result.isError) throw new Error(`${name}: ${textOf(result)}`);
  return result;
}

function figure(
  deps: Deps,
  what: string,
  ours: ToolResult,
  raw: { text: string; items: Array<Record<string, unknown>> },
): TokenFigure {
  const text = textOf(ours);
  const oursTokens = deps.countTokens(text);
  const rawTokens = deps.countTokens(raw.text);
  const ids = raw.items.filter((item) => text.includes(String(item.id))).length;
  const urls = raw.items.filter(
    (item) => typeof item.app_url === 'string' && text.includes(item.app_url),
  ).length;
  return {
    what,
    items: raw.items.length,
    ours: oursTokens,
    structured: deps.countTokens(JSON.stringify(ours.structuredContent ?? {})),
    raw: rawTokens,
    percent: round((oursTokens / rawTokens) * 100, 1),
    idsKept: `${ids}/${raw.items.length}`,
    urlsKept: `${urls}/${raw.items.length}`,
  };
}

export async function measureTokens(deps: Deps): Promise<TokenFigure[]> {
  const { client, direct } = deps;
  const account = (
    JSON.parse((await direct.get('authorization.json')).body) as { accounts: Array<{ href: string }> }
  ).accounts[0]!.href;
  const api = (pathname: string): string => `${account}${pathname}`;

  const projects = await tool(client, 'bc_list_projects', { limit: 100 });
  const figures = [figure(deps, 'list projects', projects, await rawPages(direct, api('/projects.json')))];

  // The biggest to-do list and the busiest message board, found through the project docks.
  let biggest: { listId: number; count: number } | undefined;
  let board: { boardId: number; count: number } | undefined;
  for (const project of (projects.structuredContent?.items ?? []) as Array<{ id: number }>) {
    const opened = await tool(client, 'bc_get_project', { project_id: project.id });
    const dock = (opened.structuredContent?.dock ?? []) as Array<{
      name: string;
      id: number;
      enabled?: boolean;
    }>;
    const todoset = dock.find((entry) => entry.name === 'todoset');
    if (todoset) {
      const lists = await tool(client, 'bc_todos', { action: 'lists', params: { todoset_id: todoset.id } });
      for (const list of (lists.structuredContent?.items ?? []) as Array<{ id: number }>) {
        const { items } = await rawPages(direct, api(`/todolists/${list.id}/todos.json`));
        if (!biggest || items.length > biggest.count) biggest = { listId: list.id, count: items.length };
      }
    }
    const messageBoard = dock.find((entry) => entry.name === 'message_board');
    if (messageBoard) {
      const raw = await rawPages(direct, api(`/message_boards/${messageBoard.id}/messages.json`));
      if (!board || raw.items.length > board.count)
        board = { boardId: messageBoard.id, count: raw.items.length };
    }
  }
  if (biggest) {
    const ours = await tool(client, 'bc_todos', {
      action: 'list',
      params: { todolist_id: biggest.listId, limit: 200 },
    });
    const raw = await rawPages(direct, api(`/todolists/${biggest.listId}/todos.json`));
    figures.push(figure(deps, 'list to-dos', ours, raw));
  }
  if (board) {
    const ours = await tool(client, 'bc_messages', {
      action: 'list',
      params: { board_id: board.boardId, limit: 200 },
    });
    const raw = await rawPages(direct, api(`/message_boards/${board.boardId}/messages.json`));
    figures.push(figure(deps, 'list messages', ours, raw));
  }
  return figures;
}
