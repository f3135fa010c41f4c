// The local MCP endpoint: Streamable HTTP on 127.0.0.1/mcp, dual-era (2025 `initialize` and 2026
// `server/discover`), stateless, a fresh McpServer per request. Every request passes the guards in
// order — path, Host, Origin, client token, method, body size, JSON — before the SDK sees it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  localhostHostValidation,
  localhostOriginValidation,
  toNodeHandler,
} from '@modelcontextprotocol/node';
import { createMcpHandler } from '@modelcontextprotocol/server';
import type { ToolContext } from '../catalog/executor.ts';
import { buildTools, type ToolDefinition } from '../catalog/tools.ts';
import type { Logger } from '../log/logger.ts';
import { silentLogger } from '../log/logger.ts';
import { createServerWithTools, type ToolCallEvent } from './register.ts';
import { addResourcesAndPrompts } from './resources.ts';
import { CLIENT_NAME_MAX, CLIENT_VERSION_MAX, shownText } from '../clients/shown-text.ts';

export const MCP_PATH = '/mcp';
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Who is calling, as the client-token table knows them. */
export interface McpClientIdentity {
  name: string;
  kind: string;
}

export interface McpServerOptions {
  /** 0 picks a free port (tests). The product passes the persisted settings port. */
  port: number;
  /** What the tools call Basecamp with; `readOnly` and `disabledDomains` are read on every request. */
  context: ToolContext;
  /** Constant-time check of a client token; undefined when unknown or revoked. */
  verifyClientToken: (token: string) => McpClientIdentity | undefined;
  logger?: Logger;
  onClientSeen?: (event: {
    client: McpClientIdentity;
    clientInfo?: { name: string; version: string };
  }) => void;
  onToolCall?: (event: ToolCallEvent & { client: McpClientIdentity }) => void;
  serverInfo?: { name: string; version: string };
  /**
   * Sent as headers with the no-token 401, so that `status` can tell which run holds the port: the sandbox
   * or real Basecamp, and which data directory (a hash of its path). Nothing secret.
   */
  identity?: EndpointIdentity;
  /** Largest request body; bigger ones get 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Time to receive the request headers; default 10 s. */
  headersTimeoutMs?: number;
  /** Time to receive the whole request (headers + body); default 30 s. */
  requestTimeoutMs?: number;
}

export interface RunningMcpServer {
  /** `http://127.0.0.1:<port>/mcp`, the URL written into client configs. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export class McpPortInUseError extends Error {
  readonly code = 'port_in_use';
  readonly port: number;
  constructor(port: number, options?: { cause?: unknown }) {
    super(
      `Port ${port} on 127.0.0.1 is already in use, so the MCP endpoint cannot start. Another Basecamp Companion may be running (quit it), ` +
        `or another program uses the port: choose another port in the settings (or with --port) and re-connect your AI clients.`,
      options,
    );
    this.name = 'McpPortInUseError';
    this.port = port;
  }
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export interface EndpointIdentity {
  mode: 'sandbox' | 'basecamp';
  /** profileId() of the serving process's data directory. */
  profile: string;
}

export const MODE_HEADER = 'x-basecamp-companion-mode';
export const PROFILE_HEADER = 'x-basecamp-companion-profile';

function identityHeaders(identity: EndpointIdentity): Record<string, string> {
  return { [MODE_HEADER]: identity.mode, [PROFILE_HEADER]: identity.profile };
}

/** How the endpoint answers a caller with no token; `status` recognises our endpoint by it (code -32001). */
export const MISSING_TOKEN_MESSAGE = 'Missing client token. Connect this AI client from Basecamp Companion';

function rpcError(code: number, message: string): unknown {
  return { jsonrpc: '2.0', id: null, error: { code, message } };
}

function bearerToken(req: http.IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? header.match(/^Bearer\s+(\S+)\s*$/i) : null;
  return match?.[1];
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new BodyTooLarge());
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('client aborted')));
  });
}

/** JSON-RPC messages never nest deeply; a deeper body would only exhaust the validators' stack (a 500). */
export const MAX_JSON_DEPTH = 64;

function deeperThan(value: unknown, limit: number): boolean {
  // Iterative, so the check itself cannot overflow the stack.
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The client's own name and version: in `initialize` (2025) or in each request's `_meta` (2026). */
function clientInfoOf(message: unknown): { name: string; version: string } | undefined {
  const first = Array.isArray(message) ? message[0] : message;
  if (!first || typeof first !== 'object') return undefined;
  const params = (first as { params?: Record<string, unknown> }).params;
  const meta = params?._meta as Record<string, unknown> | undefined;
  const info = (params?.clientInfo ?? meta?.['io.modelcontextprotocol/clientInfo']) as
    Record<string, unknown> | undefined;
  if (!info || typeof info.name !== 'string') return undefined;
  return {
    // Cleaned here, at the source, so the log, the window and the last-seen file all get the same safe text.
    name: shownText(info.name, CLIENT_NAME_MAX),
    version: typeof info.version === 'string' ? shownText(info.version, CLIENT_VERSION_MAX) : '',
  };
}

/** Tools are rebuilt only when read-only mode or the disabled domains change. */
function toolCache(context: ToolContext): () => ToolDefinition[] {
  let key = '';
  let tools: ToolDefinition[] = [];
  return () => {
    const next = `${context.readOnly}|${[...context.disabledDomains].sort().join(',')}`;
    if (next !== key || tools.length === 0) {
      tools = buildTools(context);
      key = next;
    }
    return tools;
  };
}

export async function startMcpServer(options: McpServerOptions): Promise<RunningMcpServer> {
  const logger = (options.logger ?? silentLogger).child('mcp');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const serverInfo = options.serverInfo ?? { name: 'basecamp-companion', version: '0.1.0' };
  const tools = toolCache(options.context);
  const checkHost = localhostHostValidation();
  const checkOrigin = localhostOriginValidation();

  const handler = createMcpHandler(
    ({ authInfo }) => {
      const client: McpClientIdentity = {
        name: authInfo?.clientId ?? 'unknown',
        kind: String(authInfo?.extra?.kind ?? 'unknown'),
      };
      const server = createServerWithTools(tools(), serverInfo, (event) => {
        const fields = {
          client: client.name,
          tool: event.tool,
          action: event.action,
          ok: event.ok,
          durationMs: event.durationMs,
        };
        if (event.ok) logger.info('tool call', fields);
        else logger.warn('tool call failed', { ...fields, error: event.error });
        options.onToolCall?.({ ...event, client });
      });
      addResourcesAndPrompts(server, options.context, (event) => {
        const fields = { client: client.name, uri: event.uri, ok: event.ok, durationMs: event.durationMs };
        if (event.ok) logger.info('resource read', fields);
        else logger.warn('resource read failed', { ...fields, error: event.error });
      });
      return server;
    },
    {
      legacy: 'stateless',
      maxRequestBodySize: maxBodyBytes,
      onerror: (error) => logger.debug('mcp request rejected by the SDK', { error: error.message }),
    },
  );
  const serve = toNodeHandler(handler, {
    maxRequestBodySize: maxBodyBytes,
    onerror: (error) => logger.error('mcp handler failed', { error: error.message }),
  });

  const reject = (
    res: http.ServerResponse,
    status: number,
    reason: string,
    body: unknown,
    headers?: Record<string, string>,
  ) => {
    logger.debug('request rejected', { status, reason });
    sendJson(res, status, body, headers);
  };

  const onRequest = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== MCP_PATH)
      return reject(res, 404, 'path', { error: `Not found. The MCP endpoint is ${MCP_PATH}.` });
    if (!checkHost(req, res)) return logger.debug('request rejected', { status: 403, reason: 'host' });
    if (!checkOrigin(req, res)) return logger.debug('request rejected', { status: 403, reason: 'origin' });

    const token = bearerToken(req);
    const client = token ? options.verifyClientToken(token) : undefined;
    if (!client) {
      // No WWW-Authenticate / resource metadata: clients would start an OAuth flow instead of sending their header.
      const message = token
        ? 'This client token is not known or was revoked. Re-connect this AI client from Basecamp Companion to get a new one.'
        : `${MISSING_TOKEN_MESSAGE}, which writes the Authorization header into its config.`;
      return reject(
        res,
        401,
        token ? 'bad token' : 'no token',
        rpcError(-32001, message),
        options.identity ? identityHeaders(options.identity) : {},
      );
    }

    if (req.method !== 'POST') {
      return reject(
        res,
        405,
        'method',
        rpcError(-32000, 'Method not allowed: this endpoint is stateless, send POST.'),
        { allow: 'POST' },
      );
    }

    let raw: Buffer;
    try {
      raw = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        return reject(
          res,
          413,
          'body too large',
          rpcError(-32600, `Request body larger than ${maxBodyBytes} bytes.`),
        );
      }
      res.destroy();
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(raw.toString('utf8'));
    } catch {
      return reject(res, 400, 'parse error', rpcError(-32700, 'Parse error: the body is not valid JSON.'));
    }
    if (deeperThan(message, MAX_JSON_DEPTH)) {
      return reject(
        res,
        400,
        'nesting',
        rpcError(-32600, `Invalid request: JSON nested deeper than ${MAX_JSON_DEPTH} levels.`),
      );
    }

    // Some clients omit Content-Type (typescript-sdk #2104); the body already parsed as JSON, so say what it is.
    // A Content-Type that names something else still gets the SDK's 415.
    if (!req.headers['content-type']) req.headers['content-type'] = 'application/json';

    options.onClientSeen?.({
      client,
      ...(clientInfoOf(message) ? { clientInfo: clientInfoOf(message) } : {}),
    });
    const auth = { token: '', clientId: client.name, scopes: [], extra: { kind: client.kind } };
    Object.assign(req, { auth });
    await serve(req, res, message);
  };

  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const server = http.createServer(
    // Node checks the timeouts on this interval; the default (30 s) would let a slow body hang on far too long.
    {
      headersTimeout,
      requestTimeout,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, requestTimeout / 3)),
    },
    (req, res) => {
      onRequest(req, res).catch((error: unknown) => {
        logger.error('mcp request failed', { error: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent)
          sendJson(res, 500, rpcError(-32603, 'Internal error in Basecamp Companion; see its log.'));
        else res.end();
      });
    },
  );
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, rejectListen) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      rejectListen(
        error.code === 'EADDRINUSE' ? new McpPortInUseError(options.port, { cause: error }) : error,
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port, '127.0.0.1');
  });
  server.on('error', (error) => logger.error('mcp server error', { error: error.message }));

  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}${MCP_PATH}`;
  logger.info('MCP endpoint listening', { url });

  return {
    url,
    port,
    async close() {
      await handler.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      logger.info('MCP endpoint stopped', { url });
    },
  };
}
