/**
 * The crash test: 1,000 SMS, a worker process SIGKILLed while it sends them (at the moment the
 * gateway has accepted 300, with a few accepted but never answered), a new worker process, and the
 * gateway's own count at the end: every reference delivered exactly once, every row `sent`.
 * Runs on a libsql file database, and on PostgreSQL (with two worker processes after the crash)
 * when CRM_TEST_POSTGRES_URL is set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '../core/access/actor.ts';
import { inTransaction, type Runtime } from '../core/context.ts';
import { contextFor } from '../core/context.ts';
import { enqueue } from '../core/notifications/enqueue.ts';
import { openDatabase, type Database } from '../core/storage/database.ts';
import { systemClock } from '../core/time/clock.ts';
import { createPluginRegistry } from '../core/plugin/registry.ts';
import { startSmsapiFake } from './fakes/smsapi-server.ts';
import { demoConfig } from './fixtures/small-firm.ts';
import { scratchPg } from './engines.ts';
import { keysFromEnvironment } from '../core/keys/index.ts';

const N = 1000;
const KILL_AT = 300;
const fixture = fileURLToPath(new URL('./fixtures/outbox-worker-process.ts', import.meta.url));
const pgUrl = process.env.CRM_TEST_POSTGRES_URL;
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function databaseFor(engine: 'libsql' | 'postgres'): Promise<{ url: string; database: Database }> {
  if (engine === 'libsql') {
    const dir = mkdtempSync(join(tmpdir(), 'crm-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const url = `file:${join(dir, 'crm.db')}`;
    return { url, database: await openDatabase(url) };
  }
  // The scratch database closes its handle (after the workers have exited) before it is dropped.
  const scratch = await scratchPg('crm_crash');
  cleanups.push(() => scratch.drop());
  return { url: scratch.url, database: await scratch.open() };
}

function startWorker(env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--conditions=broker-crm-source', '--import', 'tsx', fixture], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code) console.error(`worker exited ${code}:\n${stderr}`);
      resolve(code);
    }),
  );
  return { child, exited };
}

const engines = pgUrl ? (['libsql', 'postgres'] as const) : (['libsql'] as const);
describe.each(engines)('outbox crash safety [%s]', (engine) => {
  it(
    `SIGKILL mid-way through ${N} SMS, restart: the gateway counts each exactly once`,
    { timeout: 120_000 },
    async () => {
      const smsapi = await startSmsapiFake();
      cleanups.push(() => smsapi.close());
      const { url, database } = await databaseFor(engine);
      cleanups.push(() => database.close());
      const runtime: Runtime = {
        database,
        config: demoConfig(),
        clock: systemClock,
        plugins: createPluginRegistry([]),
        secret: 'crash-test',
        // The worker processes read the same keys from the environment (tests/setup-keys.ts).
        keyring: keysFromEnvironment()!.keyring,
      };
      const ctx = contextFor(runtime, systemActor('test'));
      const ids: string[] = [];
      await inTransaction(ctx, async (tx) => {
        for (let i = 0; i < N; i++)
          ids.push(
            await enqueue(tx, {
              channel: 'sms',
              purpose: 'meeting-reminder',
              to: `+4860010${String(i).padStart(4, '0')}`,
              text: `Przypomnienie ${i}`,
            }),
          );
      });
      const env = { OUTBOX_DB_URL: url, SMSAPI_URL: smsapi.url, SMSAPI_TOKEN: smsapi.token };

      const first = startWorker(env);
      // The kill is triggered by the gateway's own count, not by a timer. Just before it, a few
      // messages are accepted and never answered: the "sent, but the worker never heard" half of a crash.
      let armed = false;
      while (smsapi.messages.length < KILL_AT) {
        await smsapi.nextAccepted();
        if (!armed && smsapi.messages.length >= KILL_AT - 3) {
          smsapi.failNext({ kind: 'accept-then-hang' }, 3);
          armed = true;
        }
      }
      first.child.kill('SIGKILL');
      await first.exited;
      const atKill = smsapi.messages.length;
      expect(atKill).toBeGreaterThanOrEqual(KILL_AT);
      expect(atKill).toBeLessThan(N);
      const stuck = await database.db.$count(database.t.outbox, eq(database.t.outbox.status, 'sending'));
      expect(stuck).toBeGreaterThan(0); // the killed worker left claimed rows behind

      // After the crash: one worker on libsql (the single claimer), two competing ones on PostgreSQL.
      const restarted = engine === 'postgres' ? [startWorker(env), startWorker(env)] : [startWorker(env)];
      expect(await Promise.all(restarted.map((w) => w.exited))).toEqual(restarted.map(() => 0));

      const notOnce = ids.filter((id) => smsapi.sentCount(id) !== 1);
      expect(notOnce).toEqual([]);
      expect(smsapi.messages.length).toBe(N);
      expect(await database.db.$count(database.t.outbox, eq(database.t.outbox.status, 'sent'))).toBe(N);
    },
  );
});
