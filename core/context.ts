/**
 * @module context
 * The explicit context every domain operation takes: who acts, on which database, at what time,
 * under which configuration and plugins. No operation reaches for a global.
 */
import type { Actor } from './access/index.ts';
import type { FirmSections } from './config/index.ts';
import type { Keyring } from './keys/index.ts';
import type { PluginRegistry } from './plugin/index.ts';
import type { Database, Db, Tables } from './storage/index.ts';
import type { DateBounds } from './time/index.ts';
import type { Clock } from './time/index.ts';

/** What lives as long as the CRM instance. */
export interface Runtime {
  readonly database: Database;
  /** The loaded configuration: every section, as the modules declare them (see `config/sections.ts`). */
  readonly config: FirmSections;
  readonly clock: Clock;
  readonly plugins: PluginRegistry;
  /** Secret for keyed hashes (dedupe of identifiers) and signed tokens. */
  readonly secret: string;
  /** The secret and the data keys that encrypt sensitive client fields (`core/keys`). */
  readonly keyring: Keyring;
  /** Wider or narrower plausibility bounds on entered dates than the defaults (`core/time/plausible.ts`). */
  readonly dateBounds?: Partial<DateBounds>;
}

/** What one operation gets: the runtime, the actor, and the database (or the open transaction). */
export interface Ctx extends Runtime {
  readonly actor: Actor;
  readonly db: Db;
  readonly t: Tables;
}

/**
 * @example
 * const ctx = contextFor(runtime, systemActor());
 */
export function contextFor(runtime: Runtime, actor: Actor): Ctx {
  return { ...runtime, actor, db: runtime.database.db, t: runtime.database.t };
}

const writeQueues = new WeakMap<object, Promise<unknown>>();

/** Work to do right before a transaction commits, by the query surface of each open transaction or savepoint. */
type CommitHook = (tx: Ctx) => Promise<void>;
const openTransactions = new WeakMap<object, CommitHook[]>();

/** Whether `ctx` runs inside a transaction (or savepoint) opened by `inTransaction`. */
export function inOpenTransaction(ctx: Ctx): boolean {
  return openTransactions.has(ctx.db);
}

/**
 * Run `hook` right before the outermost transaction around `ctx` commits, after everything else it
 * did; never if it rolls back (a savepoint's hooks pass to its parent only when the savepoint succeeds).
 * For a lock every writer needs (the audit chain's head): taken last, it is held briefly and cannot
 * close a deadlock cycle with the rows the transaction changed.
 * @example
 * beforeCommit(tx, async (top) => { await appendChained(top, rows); });
 */
export function beforeCommit(ctx: Ctx, hook: CommitHook): void {
  const hooks = openTransactions.get(ctx.db);
  if (!hooks) throw new Error('beforeCommit() needs a transaction opened by inTransaction()');
  hooks.push(hook);
}

/**
 * Run `fn` in one transaction (a savepoint when already inside one). On SQLite the transaction
 * takes the write lock at BEGIN (IMMEDIATE), and this process's top-level write transactions wait
 * their turn in a queue (FIFO) instead of contending for the lock: SQLite has one writer anyway,
 * and the queue keeps them fair. PostgreSQL runs them concurrently; row locks do the work there.
 * @example
 * await inTransaction(ctx, async (tx) => { await moveUnit(tx, …); await writeAudit(tx, …); });
 */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  const run = () =>
    ctx.db.transaction(
      async (raw) => {
        const tx = { ...ctx, db: raw as unknown as Db };
        const hooks: CommitHook[] = [];
        openTransactions.set(tx.db, hooks);
        try {
          const value = await fn(tx);
          const parent = openTransactions.get(ctx.db);
          if (parent) parent.push(...hooks);
          else for (let i = 0; i < hooks.length; i++) await hooks[i]!(tx);
          return value;
        } finally {
          openTransactions.delete(tx.db);
        }
      },
      { behavior: 'immediate' },
    );
  const nested = ctx.db !== ctx.database.db;
  if (nested || ctx.database.dialect !== 'sqlite') return run();
  const prev = writeQueues.get(ctx.database) ?? Promise.resolve();
  const next = prev.then(run, run);
  writeQueues.set(
    ctx.database,
    next.catch(() => undefined),
  );
  return next;
}
