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

/**
 * Run `fn` in one transaction (a savepoint when already inside one). On SQLite the transaction
 * takes the write lock at BEGIN (IMMEDIATE), and this process's top-level write transactions wait
 * their turn in a queue (FIFO) instead of contending for the lock: SQLite has one writer anyway,
 * and the queue keeps them fair. PostgreSQL runs them concurrently; row locks do the work there.
 * @example
 * await inTransaction(ctx, async (tx) => { await moveUnit(tx, …); await writeAudit(tx, …); });
 */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  const run = () => ctx.db.transaction((tx) => fn({ ...ctx, db: tx as unknown as Db }), { behavior: 'immediate' });
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
