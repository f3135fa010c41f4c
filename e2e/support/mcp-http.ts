// Raw HTTP to the MCP endpoint, so hostile-input tests control every byte and header.
import http from 'node:http';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Set when the server closed the connection instead of answering. */
  error?: string;
}

export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawAnswer> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: options.method ?? 'POST',
        headers: options.headers ?? {},
        agent: false,
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
        response.on('error', (error) =>
          resolve({ status: response.statusCode ?? 0, headers: {}, body: text, error: error.message }),
        );
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, headers: {}, body: '', error: error.code ?? error.message }),
    );
    request.end(options.body);
  });
}

/** JSON-RPC messages in an answer body (plain JSON or SSE `data:` lines). */
export function rpcMessages(body: string): Array<Record<string, unknown>> {
  const trimmed = body.trim();
  if (!trimmed) return [];
  const texts = /^(event|data|id):/m.test(trimmed)
    ? [...trimmed.matchAll(/^data: ?(.*)$/gm)].map((match) => match[1]!)
    : [trimmed];
  return texts.flatMap((text) => {
    const parsed = JSON.parse(text) as unknown;
    return (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>;
  });
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing fuzz run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
