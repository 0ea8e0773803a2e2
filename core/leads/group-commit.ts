/**
 * @module leads/group-commit
 * Group commit for lead intake. Leads that arrive while the previous batch is being
 * written wait together and are then written in ONE write transaction, committed once, and only then
 * is every caller answered — so a 201 still means "on disk" (synchronous=FULL), but one fsync and one
 * BEGIN/COMMIT serve many leads instead of one each.
 *
 * Why it pays: SQLite has one writer; every lead's own transaction costs a BEGIN IMMEDIATE, a
 * commit with its fsync, and (in @libsql/client) a fresh connection with cold prepared statements.
 * Under load the queue forms by itself, so batches grow with the load and stay at one lead when idle
 * (no timer: a batch waits only a few turns of the event loop while more leads keep arriving).
 *
 * The happy path runs the batch's jobs one after another with no savepoint, their rows held back and
 * written at the end as one multi-row insert per table. Only when a job fails is the whole
 * transaction rolled back and the batch run again with a savepoint per job, so the failing lead
 * rolls back alone and gets its own error while the others are stored.
 *
 * A batch also carries a memo for what cannot change while the batch holds the write lock (an
 * assignment unit and its members, the batch's idempotency records and duplicate candidates read
 * in one query each by a `BatchRead`), and hooks run just before the held-back rows are written.
 *
 * PostgreSQL gets the same batches: it would run the leads' transactions concurrently, but each
 * would pay a dozen round trips and a commit of its own; a batch pays them once. Instances batch
 * their own leads; what they share (a twin key, the round-robin row) is settled by the database's
 * unique keys and row locks, and a batch that meets such a conflict is run again lead by lead.
 */
import { appendAuditRows, holdAuditRows, type AuditRow } from '../audit/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { insertRows, type Database } from '../storage/index.ts';

/** The batch's memo. In the savepoint run a job's entries are kept only if the job succeeds. */
export interface Memo {
  get(key: string): unknown;
  has(key: string): boolean;
  set(key: string, value: unknown): void;
}

/**
 * What a job gets besides its transaction: the batch's memo, and `later(tx)`, a context whose
 * inserts are held back and written after the batch's last job, as one multi-row insert per table
 * (rows of a job that fails are dropped with it). Only for rows nothing reads back before `flush`:
 * anything but an insert is refused.
 */
export interface Batch {
  readonly memo: Memo;
  later(tx: Ctx): Ctx;
  /** The rows held back so far for `table` (earlier jobs' in this transaction, and this job's). */
  held(table: object): readonly unknown[];
  /** Write the rows held back so far now, for a job that must read or refer to them. */
  flush(tx: Ctx): Promise<void>;
  /** Run `fn` once, just before the batch's held-back rows are written; a later call with the same key replaces it. */
  beforeWrite(key: string, fn: (tx: Ctx, memo: Memo) => Promise<void>): void;
}

/**
 * Reads done once for the whole batch before its jobs run: each job brings a `hint`, and the read
 * gets them all (fills the memo with what the jobs will look up).
 */
export type BatchRead<H> = (tx: Ctx, memo: Memo, hints: H[]) => Promise<void>;

/** Held-back rows by table, tables in the order they were first used. */
type Deferred = Map<object, unknown[]>;

/** Memoise `load` under `key` for the rest of the batch. */
export async function memo<T>(batch: Batch | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (!batch) return load();
  if (batch.memo.has(key)) return batch.memo.get(key) as T;
  const v = await load();
  batch.memo.set(key, v);
  return v;
}

/** A job's view of the shared memo: in the savepoint run its own entries wait for its success. */
class JobMemo implements Memo {
  constructor(
    private readonly shared: Map<string, unknown>,
    readonly own: Map<string, unknown> | null,
  ) {}
  get(key: string) {
    return this.own?.has(key) ? this.own.get(key) : this.shared.get(key);
  }
  has(key: string) {
    return !!this.own?.has(key) || this.shared.has(key);
  }
  set(key: string, value: unknown) {
    (this.own ?? this.shared).set(key, value);
  }
  keep() {
    if (this.own) for (const [k, v] of this.own) this.shared.set(k, v);
  }
}

const HOOK = '\0before-write:';

function jobBatch(memo: JobMemo, deferred: Deferred): Batch {
  const refuse = (what: string) => () => {
    throw new Error(`later(): only inserts can be held back, not ${what}`);
  };
  const db = {
    insert: (table: object) => ({
      values: (v: unknown) => {
        const list = deferred.get(table);
        const rows = Array.isArray(v) ? v : [v];
        if (list) for (const r of rows) list.push(r);
        else deferred.set(table, [...rows]);
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
  holdAuditRows(db); // audit entries come back to `flush` unchained and are chained there
  const contexts = new WeakMap<Ctx, Ctx>();
  return {
    memo,
    later: (tx) => {
      if (tx.db === db) return tx; // already a held-back context
      let c = contexts.get(tx);
      if (!c) contexts.set(tx, (c = { ...tx, db }));
      return c;
    },
    held: (table) => deferred.get(table) ?? [],
    flush: (tx) => flush(tx, deferred),
    beforeWrite: (key, fn) => memo.set(HOOK + key, fn),
  };
}

/**
 * Write held-back rows and empty the list: one insert per table and chunk, the client rows first
 * (the others refer to them), then the tables in the order they were first used.
 */
async function flush(tx: Ctx, deferred: Deferred): Promise<void> {
  const first = [tx.t.clients, tx.t.clientKeys].filter((t) => deferred.has(t));
  const tables = [...first, ...[...deferred.keys()].filter((t) => !first.includes(t as never))];
  const byTable = new Map(tables.map((t) => [t, deferred.get(t)!]));
  deferred.clear();
  for (const [table, rows] of byTable) {
    if (table === tx.t.auditLog) {
      await appendAuditRows(tx, rows as AuditRow[]);
      continue;
    }
    // 100 rows of ~20 columns stays far below SQLite's 32,766 bound parameters. The statement's text
    // is built once per (table, row count) and kept (a named prepared statement on PostgreSQL).
    await insertRows(tx.database.dialect, tx.db, table, rows as Record<string, unknown>[], 100);
  }
}

/** Run the hooks registered with `beforeWrite`, then write what is held back. */
async function finish(tx: Ctx, shared: Map<string, unknown>, deferred: Deferred): Promise<void> {
  const memo = new JobMemo(shared, null);
  for (const [k, fn] of shared) if (k.startsWith(HOOK)) await (fn as (tx: Ctx, m: Memo) => Promise<void>)(tx, memo);
  await flush(tx, deferred);
}

interface Job {
  ctx: Ctx;
  fn: (tx: Ctx, batch: Batch) => Promise<unknown>;
  read?: { batchRead: BatchRead<unknown>; hint: unknown };
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

/** Run each distinct batch read once with the hints of every job that brought one. */
async function readAll(tx: Ctx, memo: Memo, jobs: Job[]): Promise<void> {
  const byRead = new Map<BatchRead<unknown>, unknown[]>();
  for (const j of jobs) {
    if (!j.read) continue;
    const list = byRead.get(j.read.batchRead);
    if (list) list.push(j.read.hint);
    else byRead.set(j.read.batchRead, [j.read.hint]);
  }
  for (const [read, hints] of byRead) await read(tx, memo, hints);
}

/**
 * Run `fn` in a write transaction shared with the other jobs waiting at the moment; resolves after
 * the shared commit. `read` is done once for the whole batch, with every job's hint, before the jobs run.
 * @example
 * const lead = await groupCommit(ctx, async (tx, batch) => {
 *   await writeAudit(batch.later(tx), { action: 'lead.receive', entity: 'lead', entityId: id });
 *   return id;
 * });
 */
export function groupCommit<T, H = never>(
  ctx: Ctx,
  fn: (tx: Ctx, batch: Batch) => Promise<T>,
  read?: { batchRead: BatchRead<H>; hint: H },
): Promise<T> {
  const job = { ctx, fn, read } as Omit<Job, 'resolve' | 'reject'>;
  // Inside a caller's transaction: a savepoint of its own, no batch.
  if (ctx.db !== ctx.database.db) {
    return inTransaction(ctx, async (tx) => {
      const shared = new Map<string, unknown>();
      const deferred: Deferred = new Map();
      const memo = new JobMemo(shared, null);
      await readAll(tx, memo, [job as Job]);
      const v = await fn(tx, jobBatch(memo, deferred));
      await finish(tx, shared, deferred);
      return v;
    });
  }
  let q = queues.get(ctx.database);
  if (!q) queues.set(ctx.database, (q = { jobs: [], running: false }));
  const queue = q;
  return new Promise<T>((resolve, reject) => {
    queue.jobs.push({ ...job, resolve: resolve as (v: unknown) => void, reject });
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

/** Thrown out of the fast run to roll it back when one of its jobs failed. */
class JobFailed extends Error {
  constructor(readonly error: unknown) {
    super('a job of the batch failed');
  }
}

/**
 * The happy path: every job in one transaction, no savepoints. Null when a job of several failed
 * (all rolled back); a job alone gets its error at once.
 */
async function runFast(jobs: Job[]): Promise<Outcome[] | null> {
  try {
    return await inTransaction(jobs[0]!.ctx, async (tx) => {
      const shared = new Map<string, unknown>();
      const memo = new JobMemo(shared, null);
      const deferred: Deferred = new Map();
      const batch = jobBatch(memo, deferred);
      await readAll(tx, memo, jobs);
      const outcomes: Outcome[] = [];
      for (const job of jobs) {
        try {
          outcomes.push({ ok: true, value: await job.fn({ ...job.ctx, db: tx.db }, batch) });
        } catch (error) {
          throw new JobFailed(error);
        }
      }
      await finish(tx, shared, deferred);
      return outcomes;
    });
  } catch (e) {
    if (!(e instanceof JobFailed)) throw e;
    return jobs.length === 1 ? [{ ok: false, error: e.error }] : null;
  }
}

/** After a failure: a savepoint per job, so the failing ones roll back alone. */
async function runSavepoints(jobs: Job[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await inTransaction(jobs[0]!.ctx, async (tx) => {
    const shared = new Map<string, unknown>();
    await readAll(tx, new JobMemo(shared, null), jobs);
    for (const job of jobs) {
      const memo = new JobMemo(shared, new Map());
      const mine: Deferred = new Map();
      try {
        const value = await inTransaction({ ...job.ctx, db: tx.db }, async (sp) => {
          const v = await job.fn(sp, jobBatch(memo, mine));
          await flush(sp, mine);
          return v;
        });
        memo.keep();
        outcomes.push({ ok: true, value });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    await finish(tx, shared, new Map());
  });
  return outcomes;
}

async function runBatch(jobs: Job[]): Promise<void> {
  let outcomes: Outcome[] | null;
  try {
    outcomes = (await runFast(jobs)) ?? (await runSavepoints(jobs));
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
