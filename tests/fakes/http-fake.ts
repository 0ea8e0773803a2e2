/**
 * @module fakes/http-fake
 * What the local gateway fakes share: a node:http server on 127.0.0.1 with a random port, request
 * parameters read the way the gateways read them (query string, form or JSON body), and a queue of
 * faults that makes the next requests misbehave the ways real gateways do.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the next request misbehaves. */
export type Fault =
  /** Answer with this HTTP status and the gateway's own error body for it. */
  | { kind: 'status'; status: number }
  /** Never answer; the client has to give up on its own. Nothing is recorded. */
  | { kind: 'hang' }
  /** Accept and record the message, then never answer: the "response lost" half of a crash. */
  | { kind: 'accept-then-hang' }
  /** HTTP 200 with a body that is not JSON (a proxy's error page, a truncated answer). */
  | { kind: 'malformed-json' }
  /** HTTP 429 with a Retry-After header. */
  | { kind: 'rate-limit'; retryAfterSeconds?: number }
  /** The gateway's error body with this code (and HTTP status, where the gateway sends one). */
  | { kind: 'error'; code: number; status?: number; message?: string };

export class FaultQueue {
  private readonly queue: Fault[] = [];
  /** Make the next `times` requests misbehave this way. */
  push(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i += 1) this.queue.push(fault);
  }
  take(): Fault | undefined {
    return this.queue.shift();
  }
}

export interface RunningFake {
  /** Base URL, e.g. `http://127.0.0.1:53124`. */
  url: string;
  close(): Promise<void>;
}

/** Starts `handler` on 127.0.0.1:0. `close()` also ends requests left hanging on purpose. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<unknown> | void,
): Promise<RunningFake> {
  const server: Server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Query string merged with a form-encoded or JSON body, as the gateways accept either. */
export async function readParams(req: IncomingMessage): Promise<URLSearchParams> {
  const params = new URL(req.url ?? '/', 'http://fake').searchParams;
  const body = await readBody(req);
  if (!body) return params;
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    for (const [key, value] of Object.entries(JSON.parse(body) as Record<string, unknown>)) {
      params.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
    }
  } else {
    for (const [key, value] of new URLSearchParams(body)) params.append(key, value);
  }
  return params;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
