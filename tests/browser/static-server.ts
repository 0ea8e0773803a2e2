/**
 * @module tests/browser/static-server
 * A small HTTP server for browser tests on 127.0.0.1 with a free port: `/widgets/*` serves the
 * built bundles, `pages` serves inline HTML, `root` serves a folder, and `routes` answer API
 * requests the way the real CRM API would (its JSON shapes), so a widget test needs no backend.
 * Every request is recorded so a test can check what the widget sent.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RouteReply {
  status?: number;
  headers?: Record<string, string | string[]>;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
}

export type Route = (request: RecordedRequest) => RouteReply | Promise<RouteReply>;

export interface StaticServerOptions {
  /** Folder with the built widget bundles, served under `/widgets/`. */
  widgetsDir: string;
  /** Folder served at `/` (after pages and routes). */
  root?: string;
  /** Path → HTML. */
  pages?: Record<string, string>;
  /** `'GET /api/health'` → reply; `'OPTIONS *'` answers every preflight. */
  routes?: Record<string, Route>;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: RecordedRequest[];
  /** Adds or replaces a route (`'GET /api/health'`). */
  route(key: string, handler: Route): void;
  page(path: string, html: string): void;
  close(): Promise<void>;
}

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/**
 * @example
 * const server = await startStaticServer({
 *   widgetsDir,
 *   routes: { 'GET /api/health': () => ({ body: { status: 'ok' } }) },
 * });
 * await page.goto(`${server.origin}/`);
 */
export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const routes = new Map(Object.entries(options.routes ?? {}));
  const pages = new Map(Object.entries(options.pages ?? {}));
  const requests: RecordedRequest[] = [];

  async function serveFile(res: import('node:http').ServerResponse, dir: string, rel: string): Promise<boolean> {
    const file = normalize(join(dir, rel));
    if (!file.startsWith(normalize(dir))) return false;
    try {
      const data = await readFile(file);
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(data);
      return true;
    } catch {
      return false;
    }
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(request);
    const route =
      routes.get(`${request.method} ${url.pathname}`) ??
      (request.method === 'OPTIONS' ? routes.get('OPTIONS *') : undefined);
    if (route) {
      const reply = await route(request);
      const json = typeof reply.body !== 'string';
      res.writeHead(reply.status ?? 200, {
        ...(reply.body !== undefined
          ? { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8' }
          : {}),
        ...reply.headers,
      });
      res.end(reply.body === undefined ? '' : json ? JSON.stringify(reply.body) : reply.body);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const html = pages.get(url.pathname);
    if (html !== undefined) {
      res.writeHead(200, { 'content-type': types['.html'] ?? 'text/html' });
      res.end(html);
      return;
    }
    if (
      url.pathname.startsWith('/widgets/') &&
      (await serveFile(res, options.widgetsDir, url.pathname.slice('/widgets/'.length)))
    )
      return;
    if (options.root && (await serveFile(res, options.root, decodeURIComponent(url.pathname)))) return;
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'not_found', message: `${url.pathname} was not found` } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    route: (key, handler) => void routes.set(key, handler),
    page: (path, html) => void pages.set(path, html),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
