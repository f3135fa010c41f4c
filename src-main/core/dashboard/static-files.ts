import fs from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** A file of the built window, or undefined; never anything outside the bundle folder. */
export function readStaticFile(staticDir: string, urlPath: string): StaticFile | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath).replace(/^\/+/, '') || 'index.html';
  } catch {
    return undefined;
  }
  if (relative.includes('\0')) return undefined;
  const root = path.resolve(staticDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const type = TYPES[path.extname(file).toLowerCase()];
  if (!type) return undefined;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return undefined;
    return { body: fs.readFileSync(file), type };
  } catch {
    return undefined;
  }
}
