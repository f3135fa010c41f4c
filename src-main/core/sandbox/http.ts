// Small HTTP helpers shared by Launchpad, the API and the control endpoint: body reading, JSON /
// HTML replies, and the freshness headers (ETag, Last-Modified, 304) Basecamp sends on GETs.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './family.ts';

const BODY_LIMIT = 10 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  title: string,
  bodyHtml: string,
  headers: Record<string, string> = {},
) {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1d2d35}
h1{font-size:1.4rem}.box{border:1px solid #d6dde1;border-radius:10px;padding:1.25rem 1.5rem}
button{font:inherit;padding:.5rem 1.2rem;border-radius:6px;border:1px solid #1d2d35;margin-right:.6rem;cursor:pointer}
button.primary{background:#1d2d35;color:#fff}code{background:#f2f4f5;padding:0 .25rem;border-radius:3px}
.note{color:#5b6d75;font-size:.9rem}</style></head><body><div class="box">${bodyHtml}</div>
<p class="note">Sandbox Basecamp — a local stand-in for Launchpad and the Basecamp API. No real account is involved.</p>
</body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(page);
}

export function redirect(res: ServerResponse, location: string) {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

/** The newest `updated_at` inside a body, for `Last-Modified`. */
function newestUpdate(body: unknown): number | null {
  const items = Array.isArray(body) ? body : [body];
  let newest: number | null = null;
  for (const item of items) {
    const stamp =
      item && typeof item === 'object' ? (item as { updated_at?: unknown }).updated_at : undefined;
    const time = typeof stamp === 'string' ? Date.parse(stamp) : NaN;
    if (!Number.isNaN(time) && (newest === null || time > newest)) newest = time;
  }
  return newest;
}

/** Send a handler's reply; GET 200s carry ETag / Last-Modified and answer 304 when the client is fresh. */
export function sendReply(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  let payload: Buffer;
  if (Buffer.isBuffer(reply.body)) payload = reply.body;
  else if (typeof reply.body === 'string') payload = Buffer.from(reply.body);
  else {
    payload = Buffer.from(JSON.stringify(reply.body));
    headers['Content-Type'] ??= 'application/json; charset=utf-8';
  }
  if (req.method === 'GET' && reply.status === 200) {
    const etag = `W/"${createHash('sha1').update(payload).digest('hex').slice(0, 32)}"`;
    headers.ETag = etag;
    headers['Cache-Control'] = 'max-age=0, private, must-revalidate';
    const newest = Buffer.isBuffer(reply.body) ? null : newestUpdate(reply.body);
    if (newest !== null) headers['Last-Modified'] = new Date(newest).toUTCString();
    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    let fresh = false;
    if (ifNoneMatch) {
      const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
      fresh = tags.includes('*') || tags.includes(etag.replace(/^W\//, ''));
    } else if (ifModifiedSince && newest !== null) {
      // HTTP dates have whole seconds; compare at that precision.
      fresh = Math.floor(newest / 1000) * 1000 <= Date.parse(ifModifiedSince);
    }
    if (fresh) {
      delete headers['Content-Type'];
      res.writeHead(304, headers);
      res.end();
      return;
    }
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}
