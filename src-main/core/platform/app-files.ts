// Serving the window bundle to the tray app's app:// protocol: only files inside the bundle folder,
// with the strict content security policy as a header (the page carries the same policy in a meta tag).
import fs from 'node:fs/promises';
import path from 'node:path';

/** No inline script, no remote anything: the window talks to main over IPC only. */
export const WINDOW_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file a request maps to, or null when it is not ours: another host, a path that escapes the
 * bundle (also when percent-encoded), or a malformed address. "/" is the entry page.
 */
export function resolveBundleFile(root: string, requestUrl: string, host: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== host) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': WINDOW_CSP,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
}

/** Answer one app:// request from the bundle folder. GET/HEAD only; everything else is refused. */
export async function serveBundleFile(root: string, request: Request, host: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers: securityHeaders() });
  }
  const file = resolveBundleFile(root, request.url, host);
  if (!file) return new Response('Not found', { status: 404, headers: securityHeaders() });
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    return new Response('Not found', { status: 404, headers: securityHeaders() });
  }
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...securityHeaders(), 'content-type': type, 'cache-control': 'no-cache' },
  });
}
