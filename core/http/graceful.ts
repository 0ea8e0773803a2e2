/**
 * @module http/graceful
 * Shutting a Node HTTP server down without dropping a request: stop accepting connections, answer
 * every request already received (each answer then carries `Connection: close`, so a keep-alive
 * client does not send another on that connection), close keep-alive connections once they are
 * idle (after a short grace for a request already on its way), and resolve once the last
 * connection is gone. Only after that may the caller stop its
 * workers and close the database: closing the database first turned in-flight requests into 500s
 * ("Cannot use a pool after calling end") and exiting first reset them.
 *
 * A connection still busy after `deadlineMs` (a stuck download) is destroyed; the count is returned.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net from 'node:net';
import type { Http2SecureServer, Http2Server } from 'node:http2';

export interface Drainable {
  /**
   * Stop accepting, answer what is in flight, close keep-alive connections (idle ones after
   * `graceMs`, default 1 s); resolves when the last connection is closed. Calling it again returns
   * the same promise.
   */
  shutdown(deadlineMs?: number, graceMs?: number): Promise<{ forced: number }>;
  /** Requests received and not yet answered. */
  readonly inFlight: number;
}

/**
 * @example
 * const server = serve({ fetch: app.fetch, port: 3000 });
 * const drain = drainable(server);
 * process.once('SIGTERM', async () => { await drain.shutdown(); await worker.stop(); await crm.close(); });
 */
export function drainable(server: Server | Http2Server | Http2SecureServer): Drainable {
  const http = server as Server;
  const open = new Set<ServerResponse>();
  let closing = false;
  let done: Promise<{ forced: number }> | null = null;

  http.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    if (closing && !res.headersSent) res.setHeader('connection', 'close');
    res.once('close', () => open.delete(res));
  });

  return {
    get inFlight() {
      return open.size;
    },
    shutdown(deadlineMs = 30_000, graceMs = 1_000) {
      if (done) return done;
      closing = true;
      done = new Promise((resolve) => {
        let forced = 0;
        let sweep: NodeJS.Timeout | undefined;
        const deadline = setTimeout(() => {
          forced = open.size;
          http.closeAllConnections?.();
        }, deadlineMs);
        deadline.unref();
        for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
        // Stop accepting, but not with http's close(), which also drops idle keep-alive connections at
        // once: a request a client is sending on one right now would meet a reset. For `graceMs` such a
        // request is answered (with Connection: close); then idle connections are closed, busy ones
        // as soon as their answer is out.
        net.Server.prototype.close.call(http, () => {
          clearTimeout(deadline);
          clearTimeout(grace);
          clearInterval(sweep);
          resolve({ forced });
        });
        const grace = setTimeout(() => {
          http.closeIdleConnections?.();
          sweep = setInterval(() => http.closeIdleConnections?.(), 100);
          sweep.unref();
        }, graceMs);
        grace.unref();
      });
      return done;
    },
  };
}
