/**
 * @module leads/group-commit
 * Group commit for lead intake on SQLite. Leads that arrive while the previous batch is being
 * written wait together and are then written in ONE write transaction, each in its own savepoint
 * (a lead that fails rolls back alone and gets its own error), committed once, and only then is
 * every caller answered — so a 201 still means "on disk" (synchronous=FULL), but one fsync and one
 * BEGIN/COMMIT serve many leads instead of one each.
 *
 * Why it pays: SQLite has one writer; every lead's own transaction costs a BEGIN IMMEDIATE, a
 * commit with its fsync, and (in @libsql/client) a fresh connection with cold prepared statements.
 * Under load the queue forms by itself, so batches grow with the load and stay at one lead when idle
 * (no timer: a batch waits only a few turns of the event loop while more leads keep arriving).
 *
 * A batch also carries a small memo (`BatchMemo`) for read-only lookups that cannot change while
 * the batch holds the write lock (an assignment unit and its members, an advisor's e-mail).
 *
 * PostgreSQL runs concurrent transactions itself (and groups WAL flushes on its own): there each
 * job is simply its own transaction.
 */
import { inTransaction, type Ctx } from '../context.ts';
import type { Database } from '../storage/index.ts';

/**
 * What a job gets besides its transaction: the batch's memo for read-only lookups, and `later(tx)`,
 * a context whose inserts are held back and written after the batch's last job, as one multi-row
 * insert per table (rows of a job that fails are dropped with it). Only for rows nothing in the
 * batch reads back (audit entries, outbox messages, consent evidence…); anything else is refused.
 */
export interface Batch {
  readonly memo: Map<string, unknown>;
  later(tx: Ctx): Ctx;
}
type Deferred = Array<[table: object, rows: unknown[]]>;

/** Memoise `load` under `key` for the rest of the batch. */
export async function memo<T>(batch: Batch | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (!batch) return load();
  if (batch.memo.has(key)) return batch.memo.get(key) as T;
  const v = await load();
  batch.memo.set(key, v);
  return v;
}

function jobBatch(shared: Map<string, unknown>, deferred: Deferred): Batch {
  const refuse = (what: string) => () => {
    throw new Error(`later(): only inserts can be held back, not ${what}`);
  };
  const db = {
    insert: (table: object) => ({
      values: (v: unknown) => {
        deferred.push([table, Array.isArray(v) ? v : [v]]);
        return Promise.resolve();
      },
    }),
    select: refuse('select'),
    selectDistinct: refuse('selectDistinct'),
    update: refuse('update'),
    delete: refuse('delete'),
    $count: refuse('$count'),
    transaction: refuse('transaction'),
  } as unknown as Ctx['db'];
  return { memo: shared, later: (tx) => ({ ...tx, db }) };
}

/** Write held-back rows: one insert per table and chunk, tables in the order they were first used. */
async function flush(tx: Ctx, deferred: Deferred): Promise<void> {
  const byTable = new Map<object, unknown[]>();
  for (const [table, rows] of deferred) {
    const list = byTable.get(table);
    if (list) list.push(...rows);
    else byTable.set(table, [...rows]);
  }
  for (const [table, rows] of byTable) {
    // 100 rows of ~20 columns stays far below SQLite's 32,766 bound parameters.
    for (let i = 0; i < rows.length; i += 100)
      await tx.db.insert(table as never).values(rows.slice(i, i + 100) as never);
  }
}

interface Job {
  ctx: Ctx;
  fn: (tx: Ctx, batch: Batch) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}
interface Queue {
  jobs: Job[];
  running: boolean;
}

/** Most leads per transaction: bounds a batch's latency and the work lost to a failed commit. */
export const MAX_BATCH = 64;
const queues = new WeakMap<Database, Queue>();

/**
 * Run `fn` in a write transaction shared with the other jobs waiting at the moment (SQLite), each
 * in its own savepoint; resolves after the shared commit. On PostgreSQL, a transaction of its own.
 * @example
 * const lead = await groupCommit(ctx, async (tx, batch) => {
 *   await writeAudit(batch.later(tx), { action: 'lead.receive', entity: 'lead', entityId: id });
 *   return id;
 * });
 */
export function groupCommit<T>(ctx: Ctx, fn: (tx: Ctx, batch: Batch) => Promise<T>): Promise<T> {
  if (ctx.database.dialect !== 'sqlite' || ctx.db !== ctx.database.db) {
    return inTransaction(ctx, async (tx) => {
      const deferred: Deferred = [];
      const v = await fn(tx, jobBatch(new Map(), deferred));
      await flush(tx, deferred);
      return v;
    });
  }
  let q = queues.get(ctx.database);
  if (!q) queues.set(ctx.database, (q = { jobs: [], running: false }));
  const queue = q;
  return new Promise<T>((resolve, reject) => {
    queue.jobs.push({ ctx, fn, resolve: resolve as (v: unknown) => void, reject });
    if (!queue.running) {
      queue.running = true;
      void drain(queue);
    }
  });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Most event-loop turns a batch waits for more leads while they keep arriving. */
const GATHER_TURNS = 8;

async function drain(q: Queue): Promise<void> {
  try {
    while (q.jobs.length) {
      // The driver is synchronous: a batch started at once would run to its commit before the
      // requests already read in this turn reached the queue, and every batch would hold one lead.
      // So wait a few turns of the event loop while the queue still grows (a fraction of one
      // commit's time), and stop once it stands still.
      for (
        let turn = 0, still = 0, seen = q.jobs.length;
        turn < GATHER_TURNS && still < 2 && seen < MAX_BATCH;
        turn++
      ) {
        await nextTurn();
        still = q.jobs.length === seen ? still + 1 : 0;
        seen = q.jobs.length;
      }
      await runBatch(q.jobs.splice(0, MAX_BATCH));
    }
  } finally {
    q.running = false;
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function runBatch(jobs: Job[]): Promise<void> {
  const outcomes: Outcome[] = [];
  try {
    await inTransaction(jobs[0]!.ctx, async (tx) => {
      const shared = new Map<string, unknown>();
      const kept: Deferred = [];
      for (const job of jobs) {
        const mine: Deferred = [];
        try {
          // A savepoint per job: a failing lead rolls back alone, the others go on.
          outcomes.push({
            ok: true,
            value: await inTransaction({ ...job.ctx, db: tx.db }, (sp) => job.fn(sp, jobBatch(shared, mine))),
          });
          kept.push(...mine);
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
      await flush(tx, kept);
    });
  } catch (error) {
    // The shared commit itself failed (e.g. the disk): nothing of the batch is stored. Alone, a job
    // gets that error; in a batch, each job is tried again in a transaction of its own.
    if (jobs.length === 1) {
      jobs[0]!.reject(error);
      return;
    }
    for (const job of jobs) await runBatch([job]);
    return;
  }
  jobs.forEach((job, i) => {
    const o = outcomes[i]!;
    if (o.ok) job.resolve(o.value);
    else job.reject(o.error);
  });
}
