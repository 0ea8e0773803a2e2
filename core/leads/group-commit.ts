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
 * (no timer, no added wait when nothing else is queued).
 *
 * A batch also carries a small memo (`BatchMemo`) for read-only lookups that cannot change while
 * the batch holds the write lock (an assignment unit and its members, an advisor's e-mail).
 *
 * PostgreSQL runs concurrent transactions itself (and groups WAL flushes on its own): there each
 * job is simply its own transaction.
 */
import { inTransaction, type Ctx } from '../context.ts';
import type { Database } from '../storage/database.ts';

/** Read-only lookups shared by the jobs of one batch (valid while its write transaction lasts). */
export type BatchMemo = Map<string, unknown>;

/** Memoise `load` under `key` for the rest of the batch. */
export async function memo<T>(batch: BatchMemo | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (!batch) return load();
  if (batch.has(key)) return batch.get(key) as T;
  const v = await load();
  batch.set(key, v);
  return v;
}

interface Job {
  ctx: Ctx;
  fn: (tx: Ctx, batch: BatchMemo) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}
interface Queue { jobs: Job[]; running: boolean }

/** Most leads per transaction: bounds a batch's latency and the work lost to a failed commit. */
export const MAX_BATCH = 64;
const queues = new WeakMap<Database, Queue>();

/**
 * Run `fn` in a write transaction shared with the other jobs waiting at the moment (SQLite), each
 * in its own savepoint; resolves after the shared commit. On PostgreSQL, a transaction of its own.
 * @example
 * const lead = await groupCommit(ctx, async (tx, batch) => insertLead(tx, input, batch));
 */
export function groupCommit<T>(ctx: Ctx, fn: (tx: Ctx, batch: BatchMemo) => Promise<T>): Promise<T> {
  if (ctx.database.dialect !== 'sqlite' || ctx.db !== ctx.database.db) return inTransaction(ctx, (tx) => fn(tx, new Map()));
  let q = queues.get(ctx.database);
  if (!q) queues.set(ctx.database, (q = { jobs: [], running: false }));
  const queue = q;
  return new Promise<T>((resolve, reject) => {
    queue.jobs.push({ ctx, fn, resolve: resolve as (v: unknown) => void, reject });
    if (!queue.running) void drain(queue);
  });
}

async function drain(q: Queue): Promise<void> {
  q.running = true;
  try {
    while (q.jobs.length) await runBatch(q.jobs.splice(0, MAX_BATCH));
  } finally {
    q.running = false;
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function runBatch(jobs: Job[]): Promise<void> {
  const outcomes: Outcome[] = [];
  try {
    await inTransaction(jobs[0]!.ctx, async (tx) => {
      const batch: BatchMemo = new Map();
      for (const job of jobs) {
        try {
          // A savepoint per job: a failing lead rolls back alone, the others go on.
          outcomes.push({ ok: true, value: await inTransaction({ ...job.ctx, db: tx.db }, (sp) => job.fn(sp, batch)) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    // The shared commit itself failed (e.g. the disk): nothing of the batch is stored. Alone, a job
    // gets that error; in a batch, each job is tried again in a transaction of its own.
    if (jobs.length === 1) { jobs[0]!.reject(error); return; }
    for (const job of jobs) await runBatch([job]);
    return;
  }
  jobs.forEach((job, i) => {
    const o = outcomes[i]!;
    if (o.ok) job.resolve(o.value); else job.reject(o.error);
  });
}
