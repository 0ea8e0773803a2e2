/**
 * @module workflow/write-queue
 * Kept for existing callers: top-level SQLite write transactions are now queued by `inTransaction`
 * itself (see core/context.ts), for every module.
 */
import { inTransaction, type Ctx } from '../context.ts';

/** @deprecated use `inTransaction`, which queues SQLite writers itself. */
export const serialTransaction = <T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> => inTransaction(ctx, fn);
