/**
 * The PostgreSQL pool survives its connections dying, in one process: idle connections ended by
 * the server (`pg_terminate_backend`, as a restart or `idle_session_timeout` does), a transaction's
 * connection ended between two statements, the database behind a cut network (a TCP proxy), and a
 * database dropped right after `close()`. Each logs one line with the error's code and no values;
 * the next query works. The HTTP layer answers 503 `database_unavailable` while the database is gone.
 * And libsql: a missing folder or a locked file gives an error that says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../core/auth/api-keys.ts';
import { inTransaction } from '../core/context.ts';
import { createHttpApi } from '../core/http/index.ts';
import { isDatabaseUnavailable, openDatabase, type Database } from '../core/storage/index.ts';
import { freshDatabase, pgAdmin, scratchPg, withDatabaseName, type ScratchPg } from './engines.ts';
import { smallFirm } from './fixtures/small-firm.ts';
import { readJson } from './fixtures/read-json.ts';
import { startTcpProxy } from './fixtures/tcp-proxy.ts';

const pgUrl = process.env.CRM_TEST_POSTGRES_URL;
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** End every backend connected to `name`; returns how many, once they have exited. */
const terminateAll = (name: string) =>
  pgAdmin(async (a) => {
    const r = await a.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    for (const { pid } of r.rows) await a.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
    return r.rows.length;
  });

const backends = (name: string) =>
  pgAdmin(
    async (a) =>
      (await a.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]))
        .rows[0]!.n,
  );

describe.runIf(pgUrl)('PostgreSQL pool under dying connections', () => {
  let scratch: ScratchPg;
  let database: Database;
  const lines: string[] = [];

  it('an idle connection ended by the server is logged by code and discarded; the next query works', async () => {
    scratch = await scratchPg();
    cleanups.push(() => scratch.drop());
    database = await scratch.open({ log: (l) => lines.push(l) });
    // Three idle connections in the pool.
    await Promise.all([1, 2, 3].map(() => database.raw('SELECT pg_sleep(0.05)')));
    const ended = await terminateAll(scratch.name);
    expect(ended).toBeGreaterThanOrEqual(3);
    // One line per connection heard (one the pool was already closing for idleness dies silently).
    await expect.poll(() => lines.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(ended);
    expect(lines.every((l) => l.includes('(57P01)'))).toBe(true);
    expect(await database.raw('SELECT 41 + 1 AS answer')).toEqual([{ answer: 42 }]);
  });

  it("a transaction's connection ended between two statements fails it as unavailable; the next works", async () => {
    lines.length = 0;
    const { db, t } = database;
    const ctx = { database, db, t } as unknown as Parameters<typeof inTransaction>[0];
    const failure = await inTransaction(ctx, async (tx) => {
      await tx.db.select().from(tx.t.units).limit(1);
      await terminateAll(scratch.name);
      // the checked-out client heard it
      await expect.poll(() => lines.length, { timeout: 15_000 }).toBeGreaterThan(0);
      await tx.db.select().from(tx.t.units).limit(1);
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(lines.join('\n')).not.toMatch(/select|units/i); // the code only, not the statement
    const rows = await inTransaction(ctx, (tx) => tx.db.select().from(tx.t.units));
    expect(rows).toEqual([]);
  });

  it('close() returns when the connections are gone, so the database can be dropped without ending one', async () => {
    const other = await scratchPg();
    const handle = await other.open({ log: (l) => lines.push(`other: ${l}`) });
    await Promise.all([1, 2, 3, 4].map(() => handle.raw('SELECT pg_sleep(0.02)')));
    await handle.close();
    expect(await backends(other.name)).toBe(0);
    await other.drop();
    expect(lines.filter((l) => l.startsWith('other:'))).toEqual([]);
  });

  it('with the database unreachable the API answers 503 database_unavailable, 200 once it is back', async () => {
    const proxy = await startTcpProxy('127.0.0.1', Number(new URL(pgUrl!).port || 5432));
    cleanups.push(() => proxy.close());
    const viaProxy = withDatabaseName(pgUrl!, scratch.name).replace(/@[^/]+\//, `@127.0.0.1:${proxy.port}/`);
    const proxied = await openDatabase(viaProxy, { log: (l) => lines.push(l) });
    cleanups.push(() => proxied.close());
    const f = await smallFirm(proxied);
    const { key } = await createApiKey(await f.crm.asUser(f.users.admin.id), {
      name: 'outage test',
      permissions: ['units:read'],
    });
    const logged: unknown[] = [];
    const app = createHttpApi(f.crm, { log: (e) => logged.push(e) });
    const get = () => app.request('/api/units', { headers: { authorization: `Bearer ${key}` } });
    expect((await get()).status).toBe(200);

    lines.length = 0;
    await proxy.cut();
    // The pool has heard (a connection it was already closing for idleness dies silently).
    await expect.poll(() => lines.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const down = await get();
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('2');
    const body = await readJson(down);
    expect(body).toEqual({
      error: {
        code: 'database_unavailable',
        message: expect.stringMatching(/database/),
        details: { retryAfterSeconds: 2 },
      },
    });
    expect(JSON.stringify(body)).not.toMatch(/select|ECONN|127\.0\.0\.1/i);
    expect(JSON.stringify(logged)).not.toContain(key.slice(4)); // parameters never reach the log

    await proxy.restore();
    const up = await get();
    expect(up.status).toBe(200);
    expect((await readJson(up)).items.length).toBeGreaterThan(0);
  });
});

describe('libsql: a missing folder or a locked file says so', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-libsql-open-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a database in a folder that does not exist is refused with the folder named', async () => {
    const missing = join(dir, 'nope', 'crm.db');
    await expect(openDatabase(`file:${missing}`)).rejects.toThrow(
      `Cannot open the database file ${missing}: the folder ${join(dir, 'nope')} does not exist`,
    );
  });

  it('a file another process holds an exclusive lock on is refused as locked (after the wait)', async () => {
    const file = join(dir, 'locked.db');
    const holder = createClient({ url: `file:${file}` });
    await holder.execute('PRAGMA locking_mode=EXCLUSIVE');
    await holder.execute('CREATE TABLE t (a)'); // a write takes the exclusive lock and keeps it
    try {
      await expect(openDatabase(`file:${file}`, { busyTimeoutMs: 200 })).rejects.toThrow(
        /Cannot open the database .*locked\.db: it is locked by another connection or process/,
      );
    } finally {
      holder.close();
    }
  });

  it('a write while another process holds the write lock past the wait gets 503, and 200 once it lets go', async () => {
    const database = await freshDatabase('libsql', { busyTimeoutMs: 200 });
    cleanups.push(() => database.drop());
    const f = await smallFirm(database);
    const { key } = await createApiKey(await f.crm.asUser(f.users.admin.id), {
      name: 'lock test',
      permissions: ['units:read'],
    });
    const app = createHttpApi(f.crm, { log: () => {} });
    // A key's first use records lastUsedAt: a write.
    const get = () => app.request('/api/units', { headers: { authorization: `Bearer ${key}` } });
    const [file] = (await database.raw('PRAGMA database_list')).map((r) => String(r.file));
    const holder = createClient({ url: `file:${file}` });
    const held = await holder.transaction('write'); // BEGIN IMMEDIATE: the write lock until rollback
    const locked = await get();
    expect(locked.status).toBe(503);
    expect((await readJson(locked)).error.code).toBe('database_unavailable');
    await held.rollback();
    holder.close();
    expect((await get()).status).toBe(200);
  });
});
