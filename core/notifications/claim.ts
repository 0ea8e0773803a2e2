/**
 * @module notifications/claim
 * Taking due rows for sending. A claim marks rows `sending`, counts the attempt and sets a lease
 * BEFORE anything reaches a provider (record-before-send): if the worker dies, the row stays
 * `sending` until the lease runs out, and the next claim takes it again.
 *
 * PostgreSQL: one `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING *`, so several
 * app instances may each run a worker and never take the same row. SQLite has one writer at a time:
 * the same statement inside an IMMEDIATE transaction is a single claimer by construction.
 */
import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { inTransaction, type Ctx } from '../context.ts';
import { openRecipient } from './sealed-recipient.ts';

export type OutboxRow = Ctx['t']['outbox']['$inferSelect'];

export interface ClaimOptions {
  /** Identifies this claim; completion writes only land while the row is still held by it. */
  claimId: string;
  limit: number;
  leaseMs: number;
  /** Only rows of these channels (those the worker has a provider for). */
  channels: Array<'sms' | 'email'>;
}

/** Written as `last_error` when a claim takes a row whose previous claim ran out mid-send. */
export const LEASE_LOST = 'lease expired while sending (worker stopped or crashed); sending again';

/**
 * @example
 * const rows = await claimDue(ctx, { claimId: 'host:123#7', limit: 50, leaseMs: 60_000, channels: ['sms'] });
 */
export async function claimDue(ctx: Ctx, options: ClaimOptions): Promise<OutboxRow[]> {
  const o = ctx.t.outbox;
  const now = ctx.clock.now();
  const due = and(
    inArray(o.channel, options.channels),
    or(
      and(inArray(o.status, ['pending', 'failed']), lte(o.nextAttemptAt, now)),
      and(eq(o.status, 'sending'), lte(o.claimedUntil, now)),
    ),
  );
  const lock = ctx.database.dialect === 'postgres' ? sql` for update skip locked` : sql``;
  const ids = sql`(select ${o.id} from ${o} where ${due}
    order by ${o.nextAttemptAt}, ${o.id} limit ${options.limit}${lock})`;
  const claim = (c: Ctx) =>
    c.db
      .update(o)
      .set({
        status: 'sending',
        attempts: sql`${o.attempts} + 1`,
        claimedBy: options.claimId,
        claimedUntil: new Date(now.getTime() + options.leaseMs),
        updatedAt: now,
        lastError: sql`case when ${o.status} = 'sending' then ${LEASE_LOST} else ${o.lastError} end`,
      })
      .where(inArray(o.id, ids))
      .returning();
  const rows = ctx.database.dialect === 'postgres' ? await claim(ctx) : await inTransaction(ctx, claim);
  return rows
    .map((r) => openRecipient(ctx, r))
    .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : 1));
}
