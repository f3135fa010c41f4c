// A small real loopback server for the client's tests: records every request it receives, with its arrival time.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenProvider } from './types.ts';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export type TestHandler = (request: SeenRequest, res: http.ServerResponse) => unknown;

export interface TestServer {
  origin: string;
  /** An account href on this server, `http://127.0.0.1:PORT/123`. */
  href: (accountId?: number) => string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startTestServer(handler: TestHandler): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at,
      };
      seen.push(request);
      Promise.resolve(handler(request, res)).catch((error: unknown) => {
        res.writeHead(599);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    href: (accountId = 123) => `${origin}/${accountId}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** A token provider with a fixed token that counts refreshes; `refreshTo` is what a refresh hands out. */
export function fixedTokens(
  token: string,
  refreshTo?: string | (() => Promise<string>),
): TokenProvider & { refreshes: string[] } {
  let current = token;
  const refreshes: string[] = [];
  return {
    refreshes,
    accessToken: () => Promise.resolve(current),
    afterUnauthorized: async (rejected) => {
      refreshes.push(rejected);
      if (typeof refreshTo === 'function') current = await refreshTo();
      else if (refreshTo) current = refreshTo;
      return current;
    },
  };
}

export const USER_AGENT = 'Basecamp Companion/0.1.0 (https://example.com/support)';
