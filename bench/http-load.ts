/**
 * @module bench/http-load
 * Load over loopback for the HTTP benches: one keep-alive `node:http` client with a few requests in
 * flight, bursts timed as requests per second, and two servers measured in alternating rounds by the
 * same client (so a spike of the shared machine slows both alike). Used by `middleware.bench.ts` and
 * `clients-get.bench.ts`.
 */
import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const IN_FLIGHT = 8;
/** Each round lasts this long (not a number of requests: 150 requests of a trivial GET took 15 ms). */
const ROUND_MS = 250;
const ROUNDS = 15;
/** Warm-up of each contender before the rounds (the JIT, the session cache, the sockets). */
const WARM_UP_MS = 1_000;

/** A keep-alive client for `IN_FLIGHT` parallel requests. */
export const keepAliveAgent = () => new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

/**
 * GET `path` on `port`, keep-alive; resolves with the body (throws unless 200).
 * @example
 * const me = await get(agent, port, '/api/me', `crm_session=${token}`);
 */
export function get(agent: Agent, port: number, path: string, cookie?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers: cookie ? { cookie } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(body) : reject(new Error(`${path}: ${res.statusCode} ${body}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Requests per second of `send(i)` (i counts the requests) with IN_FLIGHT at a time for about `ms`
 * milliseconds: every request started within the window counts, and the time runs until the last one
 * is answered.
 */
async function burst(send: (i: number) => Promise<unknown>, ms: number): Promise<number> {
  let started = 0;
  let done = 0;
  const t = performance.now();
  const until = t + ms;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < until) {
        await send(started++);
        done++;
      }
    }),
  );
  return done / ((performance.now() - t) / 1000);
}

/**
 * Requests per second of two contenders: the median of each one's rounds, alternating a, b, a, b…
 * after a warm-up of each. Rounds are time-boxed (ROUND_MS) so that a fast contender's round is as
 * long as a slow one's, and medians, not totals: on this shared machine one slow round (another
 * engineer's spike) would otherwise weigh on whichever contender it fell on.
 * @example
 * const [ours, bare] = await alternate(() => get(agent, appPort, '/api/me', cookie), () => get(agent, barePort, '/'));
 */
export async function alternate(
  a: (i: number) => Promise<unknown>,
  b: (i: number) => Promise<unknown>,
): Promise<[number, number]> {
  await burst(a, WARM_UP_MS);
  await burst(b, WARM_UP_MS);
  const ra: number[] = [];
  const rb: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ra.push(await burst(a, ROUND_MS));
    rb.push(await burst(b, ROUND_MS));
  }
  return [median(ra), median(rb)];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};

/** Listen on a free loopback port; resolves with the port. */
export const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

/** The port of a server that was told to listen already (what `serve()` of the Node adapter returns). */
export const portOf = (server: Server) =>
  new Promise<number>((resolve) => {
    const port = () => resolve((server.address() as AddressInfo).port);
    if (server.listening) port();
    else server.once('listening', port);
  });

/** Close a server and end its kept-alive connections. */
export const shut = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
