import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerResponse } from 'node:http';
import type { ContractHandlers } from '../../../src-shared/contract.ts';
import type { Logger } from '../log/logger.ts';
import { forgetSecret, registerSecret } from '../log/redact.ts';
import { dispatch } from '../state/dispatch.ts';
import type { ContractEvents } from '../state/handlers.ts';
import {
  isAllowedFetchSite,
  isAllowedHost,
  isAllowedOrigin,
  readCookie,
  SECURITY_HEADERS,
} from './guards.ts';
import { readStaticFile } from './static-files.ts';

export interface DashboardOptions {
  handlers: ContractHandlers;
  events: ContractEvents;
  /** The built window bundle (out/renderer). */
  staticDir: string;
  logger: Logger;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The clock sessions are timed by (tests pass their own). */
  now?: () => number;
}

export interface Dashboard {
  /** Open this once: it carries a one-time token that is exchanged for a session cookie. */
  url: string;
  origin: string;
  port: number;
  /** A fresh one-time link (e.g. to open the dashboard in another browser). */
  newLink(): string;
  close(): Promise<void>;
}

const MAX_BODY = 256 * 1024;
const HEARTBEAT_MS = 20_000;
/** A dashboard session ends 12 hours after the link was opened, or after an hour without a request. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60_000;
export const SESSION_IDLE_MS = 60 * 60_000;
/**
 * Unopened links kept at once: each Enter adds one, so a flood of lines on stdin would otherwise grow the set
 * without end and push real tokens out of the log redactor's capped list. A newer link retires the oldest.
 */
export const MAX_OPEN_LINKS = 5;

class BodyTooLarge extends Error {}

/**
 * The window bundle in a browser, on loopback only: for Linux desktops without a tray, and for tests.
 * Speaks the same contract as the Electron IPC: POST /api/<channel> with a JSON request, an envelope
 * back; GET /api/events is a server-sent event stream of the contract's events.
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const logger = options.logger.child('dashboard');
  const linkTokens = new Set<string>();
  /** Session cookie value → when it was opened and last used. */
  const sessions = new Map<string, { opened: number; used: number }>();
  const now = options.now ?? Date.now;
  const streams = new Set<ServerResponse>();
  let port = 0;
  let cookieName = '';

  const mint = (): string => {
    const value = crypto.randomBytes(32).toString('base64url');
    registerSecret(value);
    return value;
  };

  const send = (
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    extra: Record<string, string> = {},
  ): void => {
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': type,
      'cache-control': 'no-store',
      ...extra,
    });
    res.end(body);
  };
  const sendJson = (res: ServerResponse, status: number, value: unknown): void =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
  const sendPage = (res: ServerResponse, status: number, title: string, text: string): void =>
    send(
      res,
      status,
      'text/html; charset=utf-8',
      `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font:15px system-ui;margin:3em auto;max-width:32em;line-height:1.5"><h1 style="font-size:1.2em">${title}</h1><p>${text}</p>`,
      { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" },
    );

  const hasSession = (req: http.IncomingMessage): boolean => {
    const value = readCookie(req, cookieName);
    const session = value === undefined ? undefined : sessions.get(value);
    if (!session || value === undefined) return false;
    const at = now();
    if (at - session.opened > SESSION_LIFETIME_MS || at - session.used > SESSION_IDLE_MS) {
      sessions.delete(value);
      return false;
    }
    session.used = at;
    return true;
  };

  const readBody = (req: http.IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) {
          // Answer 413 first; the connection is closed once the answer is out.
          req.removeAllListeners('data');
          req.pause();
          reject(new BodyTooLarge());
        } else chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const handleApi = async (
    req: http.IncomingMessage,
    res: ServerResponse,
    channel: string,
  ): Promise<void> => {
    if (req.method !== 'POST')
      return sendJson(res, 405, failure('invalid-request', 'Use POST for the dashboard API.'));
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, failure('invalid-request', 'Send the request as application/json.'));
    }
    const tooLarge = (): void => {
      res.once('finish', () => req.destroy());
      send(
        res,
        413,
        'application/json; charset=utf-8',
        JSON.stringify(failure('invalid-request', 'The request body is over 256 KB; send less.')),
        { connection: 'close' },
      );
    };
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return tooLarge();
    let raw: unknown;
    try {
      const text = await readBody(req);
      raw = text ? JSON.parse(text) : {};
    } catch (error) {
      if (error instanceof BodyTooLarge) return tooLarge();
      return sendJson(
        res,
        400,
        failure('invalid-request', 'The request body was not JSON (or was over 256 KB).'),
      );
    }
    const envelope = await dispatch(options.handlers, channel, raw, { surface: 'dashboard' }, logger);
    const status = envelope.ok
      ? 200
      : envelope.error.code === 'unknown-channel'
        ? 404
        : envelope.error.code === 'invalid-request'
          ? 400
          : 200;
    sendJson(res, status, envelope);
  };

  const handleEvents = (req: http.IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    streams.add(res);
    const stop = options.events.subscribe((event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      stop();
      streams.delete(res);
    });
  };

  const handle = async (req: http.IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isAllowedHost(req.headers.host, port))
      return sendPage(res, 421, 'Wrong address', 'Open the dashboard at the 127.0.0.1 address it printed.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const isApi = url.pathname.startsWith('/api/');
    const origin = req.headers.origin;
    if (
      !isAllowedOrigin(origin, port) ||
      !isAllowedFetchSite(req, isApi) ||
      (isApi && req.method === 'POST' && origin === undefined)
    ) {
      return sendJson(res, 403, failure('forbidden', 'Requests from other sites are refused.'));
    }

    // The one-time link: spend the token, hand out a session cookie, and drop the token from the address bar.
    const linkToken = url.searchParams.get('token');
    if (linkToken !== null) {
      if (!linkTokens.delete(linkToken)) {
        return sendPage(
          res,
          403,
          'This link has been used',
          'Each dashboard link opens once. For a new one, press Enter in the terminal where <code>basecamp-companion serve --dashboard</code> runs; the companion keeps running.',
        );
      }
      const session = mint();
      sessions.set(session, { opened: now(), used: now() });
      logger.info('The dashboard was opened');
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        location: '/',
        'cache-control': 'no-store',
        'set-cookie': `${cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_LIFETIME_MS / 1000}`,
      });
      return void res.end();
    }

    if (!hasSession(req)) {
      if (isApi)
        return sendJson(
          res,
          401,
          failure('forbidden', 'Open the dashboard from the link the companion printed.'),
        );
      return sendPage(
        res,
        401,
        'Open the dashboard from its link',
        'For your safety the dashboard only opens from the one-time link the companion prints (<code>serve --dashboard</code>). Press Enter in its terminal for a new one.',
      );
    }

    if (url.pathname === '/api/events')
      return req.method === 'GET'
        ? handleEvents(req, res)
        : sendJson(res, 405, failure('invalid-request', 'Use GET for events.'));
    if (isApi) {
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        // A malformed escape names no channel: the same answer as any unknown one.
        return sendJson(res, 404, failure('unknown-channel', 'There is no such dashboard API channel.'));
      }
      return handleApi(req, res, channel);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendPage(res, 405, 'Not here', 'Only pages are served here.');

    const file = readStaticFile(options.staticDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) {
      if (url.pathname === '/')
        return sendPage(
          res,
          503,
          'The window is not built',
          'Run <code>npm run build</code>, then start the dashboard again.',
        );
      return sendPage(res, 404, 'Not found', 'There is nothing at this address.');
    }
    send(res, 200, file.type, file.body, {
      'cache-control': url.pathname === '/' ? 'no-store' : 'private, max-age=300',
    });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error('Dashboard request failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent)
        sendJson(
          res,
          500,
          failure('failed', 'The dashboard hit an unexpected error. The details are in the log.'),
        );
      else res.end();
    });
  });
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  cookieName = `companion_dashboard_${port}`;
  const origin = `http://127.0.0.1:${port}`;

  const newLink = (): string => {
    const token = mint();
    linkTokens.add(token);
    if (linkTokens.size > MAX_OPEN_LINKS) {
      const oldest = linkTokens.values().next().value!;
      linkTokens.delete(oldest);
      forgetSecret(oldest);
    }
    return `${origin}/?token=${token}`;
  };

  return {
    url: newLink(),
    origin,
    port,
    newLink,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function failure(code: 'invalid-request' | 'forbidden' | 'failed' | 'unknown-channel', message: string) {
  return { ok: false as const, error: { code, message } };
}
