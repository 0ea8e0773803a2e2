/**
 * The real server (`broker-crm serve`, a child process, with its outbox worker running) on
 * PostgreSQL while the database goes away under it:
 *
 * - every backend of the server is ended with `pg_terminate_backend`, while the pool is idle and
 *   while a request is in flight (held on a table lock, so "in flight" is a fact, not a timing);
 * - PostgreSQL "stops and starts again": the server reaches it through a TCP proxy that the test cuts
 *   (open connections die, new ones are refused) and restores, idle and with a request in flight.
 *
 * Each time: the process stays up, the in-flight request gets a clean 503 `database_unavailable`
 * (documented shape, `Retry-After`), requests while the database is gone get the same, and the next
 * request after it is back succeeds. The test waits for the server's own log line per lost
 * connection (its hook that it has noticed) rather than for time to pass.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../core/auth/api-keys.ts';
import type { Database } from '../core/storage/index.ts';
import { pgAdmin, scratchPg, withDatabaseName, type ScratchPg } from './engines.ts';
import { readJson } from './fixtures/read-json.ts';
import { smallFirm } from './fixtures/small-firm.ts';
import { startTcpProxy, type TcpProxy } from './fixtures/tcp-proxy.ts';

const pgUrl = process.env.CRM_TEST_POSTGRES_URL;
const APP = 'crm_outage_server';
const cli = fileURLToPath(new URL('../core/cli/main.ts', import.meta.url));
const config = fileURLToPath(new URL('../examples/demo-firm/crm.config.json', import.meta.url));

describe.runIf(pgUrl)('the server while PostgreSQL goes away and comes back [postgres]', () => {
  let scratch: ScratchPg;
  let database: Database;
  let proxy: TcpProxy;
  let child: ChildProcess;
  let exited: Promise<number | null>;
  let origin = '';
  let stderr = '';
  let key = '';

  /**
   * Lines in which the server said it lost a connection: one per connection, from the pool's listener
   * for an idle one, or as the 503 of the request whose statement was running on it.
   */
  const lost = () => stderr.split('\n').filter((l) => /a PostgreSQL connection failed|→ 503/.test(l)).length;
  const get = () => fetch(`${origin}/api/units`, { headers: { authorization: `Bearer ${key}` } });
  const alive = () => child.exitCode === null && child.signalCode === null;

  const serverBackends = () =>
    pgAdmin(
      async (a) =>
        (
          await a.query<{ pid: number; waiting: boolean }>(
            "SELECT pid, wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE application_name = $1",
            [APP],
          )
        ).rows,
    );
  /** End every backend of the server and wait until they have exited; returns how many. */
  const terminateServerBackends = () =>
    pgAdmin(async (a) => {
      const r = await a.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [APP]);
      for (const { pid } of r.rows) await a.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
      return r.rows.length;
    });

  /** Hold `api_keys` locked from a connection of the test's own, so the next API request waits inside PostgreSQL. */
  async function lockApiKeys(): Promise<() => Promise<void>> {
    const holder = new pg.Client({ connectionString: scratch.url });
    holder.on('error', () => {});
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE');
    return async () => {
      await holder.query('ROLLBACK');
      await holder.end();
    };
  }
  /** A request that is in flight: sent, and its statement waiting on the lock inside PostgreSQL. */
  async function requestInFlight(): Promise<{ response: Promise<Response> }> {
    const response = get();
    await expect.poll(async () => (await serverBackends()).some((b) => b.waiting), { timeout: 15_000 }).toBe(true);
    return { response }; // wrapped: an async function returning the promise itself would wait for it
  }
  async function expectUnavailable(res: Response) {
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await readJson(res)).toEqual({
      error: {
        code: 'database_unavailable',
        message: expect.stringContaining('database'),
        details: { retryAfterSeconds: 2 },
      },
    });
  }

  beforeAll(async () => {
    scratch = await scratchPg('crm_outage');
    database = await scratch.open();
    const f = await smallFirm(database);
    ({ key } = await createApiKey(await f.crm.asUser(f.users.admin.id), {
      name: 'outage',
      permissions: ['units:read'],
    }));
    const target = new URL(pgUrl!.replace(/^postgres(ql)?:/, 'http:'));
    proxy = await startTcpProxy(target.hostname || '127.0.0.1', Number(target.port || 5432));
    const viaProxy = withDatabaseName(pgUrl!, scratch.name).replace(/@[^/]+\//, `@127.0.0.1:${proxy.port}/`);
    child = spawn(
      process.execPath,
      [
        '--conditions=broker-crm-source',
        '--import',
        'tsx',
        cli,
        'serve',
        '--config',
        config,
        '--port',
        '0',
        '--database',
        `${viaProxy}?application_name=${APP}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOST: '127.0.0.1' } },
    );
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serving .* on http:\/\/[^:]+:(\d+)/.exec(out);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
      child.on('exit', (code) => reject(new Error(`the server exited (${code}) before serving:\n${stderr}`)));
    });
    expect((await get()).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    if (child && alive()) {
      child.kill('SIGTERM');
      await exited;
    }
    await proxy?.close();
    await scratch?.drop();
  });

  it('idle: every backend ended by pg_terminate_backend; the process stays up, the next request succeeds', async () => {
    expect((await get()).status).toBe(200); // at least one pooled connection, just used
    const before = lost();
    const ended = await terminateServerBackends();
    expect(ended).toBeGreaterThan(0);
    // The server has heard (a connection the pool was closing for idleness at that moment dies silently).
    await expect.poll(lost, { timeout: 15_000 }).toBeGreaterThan(before);
    expect(alive()).toBe(true);
    const res = await get();
    expect(res.status).toBe(200);
    expect((await readJson(res)).items.length).toBeGreaterThan(0);
  });

  it('in flight: the request whose backend is ended gets a clean 503; the next request succeeds', async () => {
    const unlock = await lockApiKeys();
    try {
      const { response } = await requestInFlight();
      expect(await terminateServerBackends()).toBeGreaterThan(0);
      await expectUnavailable(await response);
    } finally {
      await unlock();
    }
    expect(alive()).toBe(true);
    expect((await get()).status).toBe(200);
  });

  it('stopped: with PostgreSQL unreachable requests get 503; once it is back the next request succeeds', async () => {
    expect((await get()).status).toBe(200); // at least one pooled connection, just used
    const before = lost();
    await proxy.cut();
    // The server has seen its connections die. (Connections that the pool was already closing for
    // idleness die silently, so the count of lines is "at least one", not one per socket.)
    await expect.poll(lost, { timeout: 15_000 }).toBeGreaterThan(before);
    await expectUnavailable(await get());
    await expectUnavailable(await get());
    expect(alive()).toBe(true);
    await proxy.restore();
    const res = await get();
    expect(res.status).toBe(200);
    expect((await readJson(res)).items.length).toBeGreaterThan(0);
  });

  it('stopped with a request in flight: it gets a clean 503; after the restart the next request succeeds', async () => {
    const unlock = await lockApiKeys();
    try {
      const { response } = await requestInFlight();
      await proxy.cut();
      await expectUnavailable(await response);
      await expectUnavailable(await get());
    } finally {
      await unlock();
    }
    expect(alive()).toBe(true);
    await proxy.restore();
    expect((await get()).status).toBe(200);
  });

  it('shuts down cleanly afterwards, and its log holds codes, never a statement parameter', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/Uncaught|unhandled/i);
    expect(stderr).not.toContain(key.slice(4, 20));
    expect(stderr).not.toContain('params:'); // drizzle's failed-query message, which lists every parameter
  });
});
