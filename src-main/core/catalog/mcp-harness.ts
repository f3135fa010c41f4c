// For tests: the sandbox Basecamp + the real MCP endpoint + a real SDK client, with a `call` that
// returns what an agent sees (isError, the text, structuredContent).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startMcpServer, type RunningMcpServer } from '../mcp/server.ts';
import { startSandboxContext, type SandboxContext } from './test-context.ts';
import type { UploadPolicy } from './upload-folders.ts';

const TOKEN = 'catalog-harness-client-token-5e4d3c2b1a09';

export interface Answer {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> & {
    items?: Record<string, unknown>[];
    next_cursor?: string;
    has_more?: boolean;
  };
}

export interface McpHarness {
  env: SandboxContext;
  client: Client;
  /** The real endpoint's address (http://127.0.0.1:<port>/mcp). */
  url: string;
  /** Call a tool as an agent would; domain tools take `{action, params}`. */
  call(tool: string, args: Record<string, unknown>): Promise<Answer>;
  /** Call a domain tool's action and fail loudly if Basecamp or the companion said no. */
  ok(tool: string, action: string, params?: Record<string, unknown>): Promise<Answer>;
  close(): Promise<void>;
}

export async function startMcpHarness(
  options: {
    readOnly?: boolean;
    readOnlySource?: 'settings' | 'flag';
    disabledDomains?: string[];
    uploads?: UploadPolicy;
    bc3Accounts?: 1 | 2;
    /** Several accounts and none chosen (with bc3Accounts: 2). */
    noDefaultAccount?: boolean;
  } = {},
): Promise<McpHarness> {
  const env = await startSandboxContext({
    readOnly: options.readOnly ?? false,
    ...(options.readOnlySource ? { readOnlySource: options.readOnlySource } : {}),
    today: '2026-12-03',
    ...(options.disabledDomains ? { disabledDomains: options.disabledDomains } : {}),
    ...(options.uploads ? { uploads: options.uploads } : {}),
    ...(options.bc3Accounts ? { bc3Accounts: options.bc3Accounts } : {}),
    ...(options.noDefaultAccount ? { noDefaultAccount: true } : {}),
  });
  let server: RunningMcpServer | undefined;
  try {
    server = await startMcpServer({
      port: 0,
      context: env.ctx,
      verifyClientToken: (token) => (token === TOKEN ? { name: 'harness', kind: 'test' } : undefined),
    });
    const client = new Client({ name: 'catalog-harness', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(server.url), {
        requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
      }),
    );
    const running = server;
    const call = async (tool: string, args: Record<string, unknown>): Promise<Answer> => {
      const result = await client.callTool({ name: tool, arguments: args });
      const content = result.content as { type: string; text?: string }[];
      return {
        isError: result.isError === true,
        text: content.map((part) => part.text ?? '').join('\n'),
        structured: (result.structuredContent ?? {}) as Answer['structured'],
      };
    };
    return {
      env,
      client,
      url: server.url,
      call,
      async ok(tool, action, params = {}) {
        const answer = await call(tool, { action, params });
        if (answer.isError) throw new Error(`${tool} ${action} failed: ${answer.text}`);
        return answer;
      },
      async close() {
        await client.close();
        await running.close();
        await env.close();
      },
    };
  } catch (error) {
    await server?.close();
    await env.close();
    throw error;
  }
}
