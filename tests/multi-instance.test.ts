/**
 * Two `broker-crm serve` processes on one PostgreSQL database (what a firm runs when one machine is
 * not enough), and the orderly end of a server on both engines:
 *
 * - a user disabled through one instance is refused on the other; a user's move through one is
 *   seen by the other; a public lead key revoked on one is refused on the other (the change bus);
 * - the public lead endpoint's per-address limit holds across both (counted in the database);
 * - 1,000 due reminders are sent exactly once between the two outbox workers;
 * - SIGTERM under load answers every request in flight: no answer ≥ 500, none of the requests held
 *   inside the server reset, exit code 0 — on PostgreSQL and on libsql.
 *
 * "Within a second" is measured, not raced: each check polls with a ceiling of 10 s and prints the
 * latency it saw. Runs when CRM_TEST_POSTGRES_URL is set (CI sets it); the libsql part always.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../core/auth/api-keys.ts';
import { inTransaction } from '../core/context.ts';
import { createSourceKey, type SourceKey } from '../core/leads/index.ts';
import { issueFormToken } from '../core/leads/form-token.ts';
import { enqueue } from '../core/notifications/enqueue.ts';
import { openDatabase, type Database } from '../core/storage/index.ts';
import { pgAdmin, scratchPg, type ScratchPg } from './engines.ts';
import { startCrmServer, type CrmServer } from './fixtures/crm-server.ts';
import { sigtermUnderLoad, type DrainResult } from './fixtures/drain-check.ts';
import { demoConfig, PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const pgUrl = process.env.CRM_TEST_POSTGRES_URL;
const ORIGIN = 'https://kredyty.kredyt-dom.example';
const consents = [{ purpose: 'contact', version: '2026-01' }];
const CEILING = { timeout: 10_000, interval: 10 };

/** Poll `check` until true (ceiling 10 s); the milliseconds it took and whether the first try was already true. */
async function within(check: () => Promise<boolean>): Promise<{ ms: number; first: boolean }> {
  const started = performance.now();
  let tries = 0;
  await expect.poll(async () => (tries++, check()), CEILING).toBe(true);
  return { ms: performance.now() - started, first: tries === 1 };
}

let leadNo = 0;
const leadBody = (secret: string, key: SourceKey) => ({
  data: { firstName: 'Jan', lastName: 'Wielu', phone: `6013${String(10000 + ++leadNo).slice(-5)}`, city: 'Sopot' },
  consents,
  formToken: issueFormToken(secret, key.id, Date.now() - 10_000),
});

/** A GET on a connection of its own (no keep-alive pool), resolved once the whole answer is read. */
const freshGet = (url: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });

function report(engine: string, r: DrainResult, server: CrmServer) {
  if (r.held.some((h) => h !== 200 && h !== 201)) console.log(server.output().slice(-3000));
  const fmt = (m: Map<string | number, number>) => [...m].map(([k, v]) => `${k}×${v}`).join(', ') || 'none';
  console.log(
    `[${engine}] SIGTERM under load: load answered ${fmt(r.load)}; load without answer ${fmt(r.loadErrors)} ` +
      `(refused = after the listener closed); held in flight ${r.held.length}: ${r.held.join(', ')}; ` +
      `exit ${r.exit.code}`,
  );
}

/**
 * No answer ≥ 500 to the load, every held request answered, exit 0. Load requests without an answer
 * are printed, not failed: "refused" came after the listener closed, and a reset can only be a
 * connection the kernel had queued but the server never accepted (closing a listener resets its
 * backlog) — the server answers every request it reads, which the held requests prove.
 */
function expectDrained(r: DrainResult, held: number, okStatus: number) {
  expect([...r.load.keys()].filter((s) => s >= 500)).toEqual([]);
  expect(r.held).toEqual(Array(held).fill(okStatus));
  expect(r.exit).toEqual({ code: 0, signal: null });
}

describe.runIf(pgUrl)('two instances on one PostgreSQL database [postgres]', () => {
  let scratch: ScratchPg;
  let database: Database;
  let f: SmallFirm;
  let a: CrmServer;
  let b: CrmServer;
  let adminKey = '';
  /** The branch manager's session cookie (sessions live in the database: valid on both instances). */
  let manager = '';
  let sourceKey: SourceKey;
  let secret = '';

  const call = (s: CrmServer, path: string, init: RequestInit & { token?: string; cookie?: string } = {}) =>
    fetch(`${s.origin}${path}`, {
      ...init,
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string>),
      },
    });
  /** Sign in on a server; the session cookie. */
  const signIn = async (s: CrmServer, email: string) => {
    const res = await call(s, '/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  };

  beforeAll(async () => {
    scratch = await scratchPg('crm_multi');
    database = await scratch.open();
    f = await smallFirm(database);
    secret = f.crm.runtime.secret;
    const admin = await f.crm.asUser(f.users.admin.id);
    adminKey = (
      await createApiKey(admin, {
        name: 'admin',
        permissions: ['units:read', 'users:read', 'users:write', 'apikeys:write'],
      })
    ).key;
    sourceKey = await createSourceKey(admin, {
      name: 'Landing',
      clientType: 'company-acquired',
      source: 'website-form',
      origins: [ORIGIN],
    });
    [a, b] = await Promise.all([
      startCrmServer(`${scratch.url}?application_name=crm_multi_a`),
      startCrmServer(`${scratch.url}?application_name=crm_multi_b`),
    ]);
    manager = await signIn(a, f.users.manager.email);
  }, 120_000);

  afterAll(async () => {
    for (const s of [a, b]) if (s && s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await Promise.all([a?.exited, b?.exited]);
    await scratch?.drop();
  });

  it('a user disabled through one instance is refused on the other', async () => {
    const cookie = await signIn(b, f.users.anna.email);
    const me = () => call(b, '/api/me', { headers: { cookie } });
    expect((await me()).status).toBe(200);
    expect((await call(a, `/api/users/${f.users.anna.id}/disable`, { method: 'POST', token: adminKey })).status).toBe(
      200,
    );
    const { ms, first } = await within(async () => (await me()).status === 401);
    console.log(`[postgres] disabled on A, refused on B after ${ms.toFixed(1)} ms (first request refused: ${first})`);
  });

  it("a user's move through one instance changes what the other lets them see", async () => {
    const seen = async () => {
      const res = await call(b, '/api/clients?limit=100', { cookie: manager });
      expect(res.status).toBe(200);
      const ids = ((await res.json()) as { items: Array<{ id: string }> }).items.map((c) => c.id);
      return new Set(ids.map((id) => f.clients.find((c) => c.id === id)?.unit));
    };
    expect([...(await seen())]).toEqual([f.units.gdansk.id]);
    const move = await call(a, `/api/users/${f.users.manager.id}/move`, {
      method: 'POST',
      token: adminKey,
      body: JSON.stringify({ unitId: f.units.krakow.id }),
    });
    expect(move.status).toBe(201);
    const { ms } = await within(async () => {
      const units = await seen();
      return units.size === 1 && units.has(f.units.krakow.id);
    });
    console.log(`[postgres] moved on A, seen on B after ${ms.toFixed(1)} ms`);
  });

  it("the public lead endpoint's per-address limit holds across both instances", async () => {
    const limit = demoConfig().leads.spam.perIpPerMinute;
    const sent: Array<{ status: number; windows: number[] }> = [];
    for (let i = 0; i < limit * 3; i++) {
      const before = Math.floor(Date.now() / 60_000);
      const res = await call(i % 2 ? b : a, `/api/leads?key=${sourceKey.key}`, {
        method: 'POST',
        headers: { origin: ORIGIN },
        body: JSON.stringify(leadBody(secret, sourceKey)),
      });
      await res.arrayBuffer();
      const after = Math.floor(Date.now() / 60_000);
      sent.push({ status: res.status, windows: before === after ? [before] : [] });
    }
    expect(sent.map((s) => s.status).filter((s) => s !== 201 && s !== 429)).toEqual([]);
    // Per one-minute window (a request that straddled a minute's end counts in neither).
    const accepted = new Map<number, number>();
    for (const s of sent) if (s.status === 201) for (const w of s.windows) accepted.set(w, (accepted.get(w) ?? 0) + 1);
    for (const n of accepted.values()) expect(n).toBeLessThanOrEqual(limit);
    expect(sent.filter((s) => s.status === 429).length).toBeGreaterThanOrEqual(limit);
    console.log(
      `[postgres] lead limit ${limit}/min per address: ${sent.filter((s) => s.status === 201).length} of ` +
        `${sent.length} accepted across both instances`,
    );
  });

  it('a public lead key revoked on one instance is refused on the other', async () => {
    const form = () => call(b, `/api/leads/form?key=${sourceKey.key}`);
    expect((await form()).status).toBe(200); // cached on B now
    expect((await call(a, `/api/lead-sources/${sourceKey.id}`, { method: 'DELETE', token: adminKey })).status).toBe(
      204,
    );
    const { ms, first } = await within(async () => (await form()).status === 401);
    console.log(
      `[postgres] key revoked on A, refused on B after ${ms.toFixed(1)} ms (first request refused: ${first})`,
    );
  });

  it('1,000 due reminders are sent exactly once between the two workers', async () => {
    const sys = f.crm.system('test');
    // Ten transactions of a hundred, side by side: written in a second rather than seven.
    await Promise.all(
      Array.from({ length: 10 }, (_, chunk) =>
        inTransaction(sys, async (tx) => {
          for (let i = chunk * 100; i < chunk * 100 + 100; i++)
            await enqueue(tx, {
              channel: 'sms',
              purpose: 'payment-reminder',
              to: `+4860${String(1_000_000 + i).slice(-7)}`,
              text: `Przypominamy o racie ${i}`,
            });
        }),
      ),
    );
    const o = database.t.outbox;
    const started = performance.now();
    const done = async () =>
      (await database.db.$count(o, eq(o.purpose, 'payment-reminder'))) ===
      (await database.db.$count(o, sql`${o.purpose} = 'payment-reminder' and ${o.status} = 'sent'`));
    await expect.poll(done, { timeout: 60_000, interval: 100 }).toBe(true);
    const rows = await database.db
      .select({ attempts: o.attempts, id: o.providerMessageId })
      .from(o)
      .where(eq(o.purpose, 'payment-reminder'));
    expect(rows).toHaveLength(1000);
    expect(rows.filter((r) => r.attempts !== 1)).toEqual([]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1000);
    console.log(
      `[postgres] 1,000 reminders sent once each by two workers in ${(performance.now() - started).toFixed(0)} ms`,
    );
  });

  it('SIGTERM under load answers every request in flight [postgres]', async () => {
    let holder: pg.Client;
    const r = await sigtermUnderLoad(b, {
      loadRequest: () => call(b, '/api/me', { cookie: manager }),
      async heldRequest() {
        const res = await call(b, '/api/clients?limit=5', { cookie: manager });
        await res.arrayBuffer();
        return res.status;
      },
      heldCount: 4,
      async hold() {
        holder = new pg.Client({ connectionString: scratch.url });
        holder.on('error', () => {});
        await holder.connect();
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE clients IN ACCESS EXCLUSIVE MODE');
        return async () => {
          await holder.query('ROLLBACK');
          await holder.end();
        };
      },
      // In flight as a fact: their statements wait on the lock inside PostgreSQL.
      inFlight: (count) =>
        expect
          .poll(
            () =>
              pgAdmin(
                async (admin) =>
                  (
                    await admin.query(
                      "SELECT 1 FROM pg_stat_activity WHERE application_name = 'crm_multi_b' " +
                        "AND wait_event_type = 'Lock'",
                    )
                  ).rowCount,
              ),
            { timeout: 15_000, interval: 20 },
          )
          .toBe(count),
    });
    report('postgres', r, b);
    expectDrained(r, 4, 200);
    // The other instance was not disturbed.
    expect((await call(a, '/api/me', { cookie: manager })).status).toBe(200);
  });
});

describe('SIGTERM under load [libsql]', () => {
  let dir = '';
  let server: CrmServer;
  let key = '';
  let sourceKey: SourceKey;
  let secret = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-drain-'));
    const database = await openDatabase(`file:${join(dir, 'crm.db')}`);
    const f = await smallFirm(database);
    secret = f.crm.runtime.secret;
    const admin = await f.crm.asUser(f.users.admin.id);
    key = (await createApiKey(admin, { name: 'load', permissions: ['units:read'] })).key;
    sourceKey = await createSourceKey(admin, {
      name: 'Landing',
      clientType: 'company-acquired',
      source: 'website-form',
      origins: [ORIGIN],
    });
    await database.close();
    server = await startCrmServer(`file:${join(dir, 'crm.db')}`);
  }, 120_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await server?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGTERM under load answers every request in flight [libsql]', async () => {
    let gate = Promise.resolve();
    const sent: Promise<void>[] = []; // each held request's first bytes handed to the kernel
    const r = await sigtermUnderLoad(server, {
      loadRequest: () => fetch(`${server.origin}/api/me`, { headers: { authorization: `Bearer ${key}` } }),
      // Held by its sender: headers and half the body sent, the rest only after the server stopped accepting.
      heldRequest: () =>
        new Promise<number>((resolve, reject) => {
          const body = Buffer.from(JSON.stringify(leadBody(secret, sourceKey)));
          const req = request(`${server.origin}/api/leads?key=${sourceKey.key}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: ORIGIN, 'content-length': body.length },
          });
          req.on('response', (res) => (res.resume(), res.on('end', () => resolve(res.statusCode!))));
          req.on('error', reject);
          sent.push(new Promise<void>((written) => req.write(body.subarray(0, 20), () => written())));
          void gate.then(() => req.end(body.subarray(20)));
        }),
      heldCount: 4,
      async hold() {
        let open!: () => void;
        gate = new Promise<void>((r) => (open = r));
        return async () => open();
      },
      // On the wire (this process's own loop may be slow to connect them under load), then these round trips,
      // each on a new connection (fetch would reuse the load's keep-alive ones): the kernel queues connections
      // in order and the server accepts its queue in order, so once a later connection is answered the held
      // ones were accepted, and their headers (already in the socket) read, by the time these return.
      async inFlight() {
        await Promise.all(sent);
        for (let i = 0; i < 3; i++) await freshGet(`${server.origin}/api/health`);
      },
    });
    report('libsql', r, server);
    expectDrained(r, 4, 201);
  });
});
