/**
 * @module workflow/write-queue
 * Top-level write transactions on one SQLite database, queued within this process.
 *
 * Why: the libsql driver runs statements synchronously on the event loop, so a second
 * `BEGIN IMMEDIATE` while another transaction of the same process is open busy-waits with the loop
 * blocked: the first transaction can never finish, and the second fails with SQLITE_BUSY after the
 * busy timeout. Two people moving one client at the same moment must get one success and one clear
 * 409, not a 500. PostgreSQL needs no queue (row locks do the work). This belongs in
 * `inTransaction` for every module; it lives here until it moves there.
 */
import { inTransaction, type Ctx } from '../context.ts';

const tails = new WeakMap<object, Promise<unknown>>();

/**
 * @example
 * await serialTransaction(ctx, async (tx) => { … });
 */
export function serialTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  const nested = ctx.db !== ctx.database.db;
  if (nested || ctx.database.dialect !== 'sqlite') return inTransaction(ctx, fn);
  const prev = tails.get(ctx.database) ?? Promise.resolve();
  const run = prev.then(() => inTransaction(ctx, fn), () => inTransaction(ctx, fn));
  tails.set(ctx.database, run.catch(() => undefined));
  return run;
}
