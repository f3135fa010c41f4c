// The stdio bridge: clients that only start stdio servers (Claude Desktop) run `basecamp-companion bridge`,
// which relays each JSON-RPC line to the local Streamable HTTP endpoint with the client's own token and writes
// the answers back as lines. No npx, no network beyond 127.0.0.1. stdout carries JSON-RPC only; words go to stderr.
import readline from 'node:readline';
import { registerSecret } from '../log/redact.ts';
import { BRIDGE_TOKEN_ENV, BRIDGE_URL_ENV, endpointUrl } from './table.ts';

/** What a bridge launch found in its environment: ready to relay, or the one thing that is missing. */
export type BridgeLaunch =
  | { ok: true; token: string; url: string }
  | { ok: false; problem: 'no_token' }
  | { ok: false; problem: 'not_loopback'; url: string };

/**
 * The token and endpoint a bridge launch relays with: the token from $BRIDGE_TOKEN_ENV (registered as a
 * secret at once), the URL from `url` or $BRIDGE_URL_ENV or the default port, and only a loopback http URL
 * (the bridge must never carry a client's token off the machine). Callers word the problem for their launch.
 */
export function readBridgeLaunch(env: NodeJS.ProcessEnv, url?: string): BridgeLaunch {
  const token = env[BRIDGE_TOKEN_ENV];
  if (!token) return { ok: false, problem: 'no_token' };
  registerSecret(token);
  const endpoint = url ?? env[BRIDGE_URL_ENV] ?? endpointUrl(3917);
  if (!isLoopbackEndpoint(endpoint)) return { ok: false, problem: 'not_loopback', url: endpoint };
  return { ok: true, token, url: endpoint };
}

function isLoopbackEndpoint(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

export interface BridgeOptions {
  url: string;
  token: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Human-readable problems (the client shows this as the server's log). */
  errors: NodeJS.WritableStream;
  fetch?: typeof fetch;
  /** Ends the relay (the CLI passes its SIGINT/SIGTERM signal). */
  signal?: AbortSignal;
  /** The command to tell the user about when the token is refused, e.g. `basecamp-companion configure claude-desktop`. */
  reconfigureHint?: string;
}

type JsonRpcId = string | number | null;

interface JsonRpcMessage {
  jsonrpc?: string;
  id?: JsonRpcId;
  method?: string;
  params?: Record<string, unknown> & { _meta?: Record<string, unknown>; name?: unknown; uri?: unknown };
  result?: Record<string, unknown> & { protocolVersion?: unknown };
  error?: unknown;
}

/** JSON-RPC error codes the bridge itself produces (the -32000 range is for implementations). */
export const BRIDGE_ERRORS = {
  parse: -32700,
  unreachable: -32000,
  unauthorized: -32001,
  http: -32002,
} as const;

const MODERN_VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';

function idsOf(message: JsonRpcMessage | JsonRpcMessage[]): JsonRpcId[] {
  const list = Array.isArray(message) ? message : [message];
  return list.filter((item) => item.method !== undefined && item.id !== undefined).map((item) => item.id!);
}

/** Turns the endpoint's SSE body into JSON-RPC messages as they arrive. */
async function* sseMessages(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (data.length) yield data.join('\n');
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
  }
  if (data.length) yield data.join('\n');
}

export interface BridgeHandle {
  /** Resolves when the input ended and every answer was written. */
  done: Promise<void>;
}

export function startBridge(options: BridgeOptions): BridgeHandle {
  const doFetch = options.fetch ?? fetch;
  const hint = options.reconfigureHint ?? 'basecamp-companion configure claude-desktop';
  let protocolVersion: string | undefined;
  let sessionId: string | undefined;
  let warnedUnauthorized = false;
  const inFlight = new Set<Promise<void>>();

  const writeMessage = (message: unknown): void => {
    options.output.write(JSON.stringify(message) + '\n');
  };
  const say = (text: string): void => {
    options.errors.write(`basecamp-companion bridge: ${text}\n`);
  };
  const failAll = (ids: JsonRpcId[], code: number, message: string): void => {
    for (const id of ids) writeMessage({ jsonrpc: '2.0', id, error: { code, message } });
  };

  const emit = (text: string): void => {
    let parsed: JsonRpcMessage | JsonRpcMessage[];
    try {
      parsed = JSON.parse(text) as JsonRpcMessage | JsonRpcMessage[];
    } catch {
      say('the endpoint sent something that is not JSON; ignored it.');
      return;
    }
    for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
      // Remember the negotiated version so that later requests carry the header the spec asks for.
      if (typeof message.result?.protocolVersion === 'string')
        protocolVersion = message.result.protocolVersion;
      writeMessage(message);
    }
  };

  const relay = async (line: string): Promise<void> => {
    let message: JsonRpcMessage | JsonRpcMessage[];
    try {
      message = JSON.parse(line) as JsonRpcMessage | JsonRpcMessage[];
    } catch {
      writeMessage({
        jsonrpc: '2.0',
        id: null,
        error: { code: BRIDGE_ERRORS.parse, message: 'Parse error: the line is not JSON.' },
      });
      return;
    }
    const ids = idsOf(message);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${options.token}`,
    };
    const single = Array.isArray(message) ? undefined : message;
    const modern = single?.params?._meta?.[MODERN_VERSION_KEY];
    if (typeof modern === 'string') {
      // Current-era requests carry their version and routing in headers too.
      headers['mcp-protocol-version'] = modern;
      if (single?.method) headers['mcp-method'] = single.method;
      const target = single?.params?.name ?? single?.params?.uri;
      if (typeof target === 'string' && /^[\x20-\x7e]*$/.test(target)) headers['mcp-name'] = target;
    } else if (protocolVersion && single?.method !== 'initialize') {
      headers['mcp-protocol-version'] = protocolVersion;
    }
    if (sessionId) headers['mcp-session-id'] = sessionId;

    let response: Response;
    try {
      response = await doFetch(options.url, {
        method: 'POST',
        headers,
        body: line,
        // The companion never redirects: whatever does may be squatting its port, and a redirect would
        // hand the request (and, same-origin, the token) to another listener.
        redirect: 'error',
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if (/redirect/i.test(cause?.message ?? '')) {
        const text = `Something at ${options.url} answered with a redirect, so it is not Basecamp Companion (another program may hold its port); nothing was sent on. Quit that program or restart the app, then try again.`;
        say(text);
        failAll(ids, BRIDGE_ERRORS.unreachable, text);
        return;
      }
      const reason = cause?.code ?? (error as Error).message;
      const text = `Basecamp Companion is not reachable at ${options.url} (${reason}). Start the app (or \`basecamp-companion serve\`) and try again.`;
      say(text);
      failAll(ids, BRIDGE_ERRORS.unreachable, text);
      return;
    }
    const session = response.headers.get('mcp-session-id');
    if (session) sessionId = session;
    if (response.status === 401 || response.status === 403) {
      const text =
        response.status === 401
          ? `Basecamp Companion refused this client's token (it was revoked or replaced). Run \`${hint}\` to connect it again, then restart the client.`
          : `Basecamp Companion refused the request (403): ${(await response.text()).slice(0, 200)}`;
      if (!warnedUnauthorized || response.status === 403) say(text);
      warnedUnauthorized = true;
      failAll(ids, BRIDGE_ERRORS.unauthorized, text);
      return;
    }
    if (response.status === 202 || response.status === 204) return;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('text/event-stream') && response.body) {
      for await (const data of sseMessages(response.body)) emit(data);
      return;
    }
    const body = await response.text();
    if (type.includes('application/json') && body.trim()) {
      // A JSON-RPC error from the endpoint (e.g. 400 with a JSON-RPC body) passes through as is.
      emit(body);
      return;
    }
    if (!response.ok) {
      const text = `The endpoint answered HTTP ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}.`;
      say(text);
      failAll(ids, BRIDGE_ERRORS.http, text);
    }
  };

  const lines = readline.createInterface({ input: options.input, crlfDelay: Infinity });
  const done = new Promise<void>((resolve) => {
    lines.on('line', (line) => {
      if (!line.trim()) return;
      const task = relay(line)
        .catch((error: unknown) => say(`unexpected failure: ${(error as Error).message}`))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    });
    lines.on('close', () => {
      void Promise.allSettled([...inFlight]).then(() => resolve());
    });
    options.signal?.addEventListener('abort', () => lines.close(), { once: true });
  });
  return { done };
}
