/**
 * @module http/static-files
 * Serves a folder (built widgets, example pages) safely: no path traversal, correct content types,
 * `index.html` for folders. Small on purpose; a firm's own server will usually serve these itself.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};

/**
 * @example
 * app.use('/widgets/*', staticFiles('/widgets', '/srv/broker-crm/dist/widgets'));
 */
export function staticFiles(prefix: string, root: string, headers: Record<string, string> = {}): MiddlewareHandler {
  const base = normalize(root + sep);
  return async function staticFiles(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(c.req.url).pathname.slice(prefix.length));
    } catch {
      return next();
    }
    let file = normalize(join(base, rel));
    if (!file.startsWith(base) && file + sep !== base) return next();
    try {
      if ((await stat(file)).isDirectory()) {
        if (!c.req.path.endsWith('/')) return c.redirect(`${c.req.path}/`, 301);
        file = join(file, 'index.html');
      }
      const body = await readFile(file);
      return c.body(body, 200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        ...headers,
      });
    } catch {
      return next();
    }
  };
}
