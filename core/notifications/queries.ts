/**
 * @module notifications/queries
 * What people see of the outbox: a meeting's reminders and their state, the dead letters a manager
 * acts on, and a retry. Lists are scoped by the message's owner and unit through the one scoping
 * function; a message with neither is visible only at scope `all`. Attachment bytes never leave.
 */
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { requirePermission, scopeCondition } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import type { Ctx } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import type { OutboxRow } from './claim.ts';
import { openRecipient } from './sealed-recipient.ts';

export type OutboxStatus = OutboxRow['status'];

/** A row as lists show it: everything but the payload's bulk. */
export interface OutboxView {
  id: string;
  channel: 'sms' | 'email';
  purpose: string;
  recipient: string;
  subject: string | null;
  /** SMS text or e-mail subject line. */
  summary: string;
  attachments: string[];
  status: OutboxStatus;
  attempts: number;
  dueAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
  lastError: string | null;
  skipReason: string | null;
  provider: string | null;
  providerMessageId: string | null;
  providerStatus: string | null;
  costMinor: number | null;
}

export function viewOf(r: OutboxRow): OutboxView {
  const p = r.payload;
  return {
    id: r.id,
    channel: r.channel,
    purpose: r.purpose,
    recipient: r.recipient,
    subject: r.subject,
    summary: p.kind === 'sms' ? p.text : p.subject,
    attachments: p.kind === 'email' ? (p.attachments ?? []).map((a) => a.filename) : [],
    status: r.status,
    attempts: r.attempts,
    dueAt: r.dueAt.toISOString(),
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    lastError: r.lastError,
    skipReason: r.skipReason,
    provider: r.provider,
    providerMessageId: r.providerMessageId,
    providerStatus: r.providerStatus,
    costMinor: r.costMinor,
  };
}

export interface ListOutboxOptions {
  subject?: string;
  status?: OutboxStatus;
  /** Page size (default 50, at most 200). */
  limit?: number;
  /** Keyset cursor: the last id of the previous page (ids are time-ordered; newest first). */
  before?: string;
}

function scoped(ctx: Ctx): SQL | undefined {
  const o = ctx.t.outbox;
  return scopeCondition(ctx.actor, 'notifications:read', { owner: o.ownerId, unit: o.unitId });
}

/**
 * Messages newest first, optionally of one subject or status.
 * @example
 * const { items } = await listOutbox(ctx, { subject: `event:${meetingId}` });
 */
export async function listOutbox(
  ctx: Ctx,
  options: ListOutboxOptions = {},
): Promise<{ items: OutboxView[]; next: string | null }> {
  const o = ctx.t.outbox;
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const rows = await ctx.db
    .select()
    .from(o)
    .where(
      and(
        scoped(ctx),
        options.subject ? eq(o.subject, options.subject) : undefined,
        options.status ? eq(o.status, options.status) : undefined,
        options.before ? lt(o.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(o.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => viewOf(openRecipient(ctx, r))),
    next: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/**
 * The dead letters: messages given up on, each with the error that ended it.
 * @example
 * const { items } = await listDeadLetters(ctx);
 */
export function listDeadLetters(
  ctx: Ctx,
  options: Omit<ListOutboxOptions, 'status'> = {},
): Promise<{ items: OutboxView[]; next: string | null }> {
  return listOutbox(ctx, { ...options, status: 'dead' });
}

/** What a retry or a cancel does: from which statuses, to what, under which audit action. */
interface StatusChange {
  verb: 'retried' | 'cancelled';
  from: OutboxStatus[];
  set: (now: Date) => Partial<OutboxRow>;
  action: 'message.retry' | 'message.cancel';
}

/** Finds the message in scope, refuses a status it cannot leave, changes it unless it moved meanwhile, audits. */
async function changeStatus(ctx: Ctx, id: string, change: StatusChange): Promise<OutboxView> {
  requirePermission(ctx.actor, 'notifications:retry');
  const o = ctx.t.outbox;
  const [row] = await ctx.db
    .select()
    .from(o)
    .where(and(eq(o.id, id), scoped(ctx)))
    .limit(1);
  if (!row) throw notFound('Message', id);
  if (!change.from.includes(row.status))
    throw conflict(`A ${row.status} message cannot be ${change.verb}`, { status: row.status });
  const [updated] = await ctx.db
    .update(o)
    .set(change.set(ctx.clock.now()))
    .where(and(eq(o.id, id), eq(o.status, row.status)))
    .returning();
  if (!updated) throw conflict('The message changed meanwhile; look again');
  await writeAudit(ctx, { action: change.action, entity: 'message', entityId: id, data: { from: row.status } });
  return viewOf(openRecipient(ctx, updated));
}

/**
 * Send a dead (or skipped, or failed) message again now, with a fresh attempt budget.
 * @example
 * await retryMessage(ctx, id); // → status `pending`, picked up by the next worker run
 */
export function retryMessage(ctx: Ctx, id: string): Promise<OutboxView> {
  return changeStatus(ctx, id, {
    verb: 'retried',
    from: ['dead', 'failed', 'skipped'],
    set: (now) => ({ status: 'pending', attempts: 0, nextAttemptAt: now, skipReason: null, updatedAt: now }),
    action: 'message.retry',
  });
}

/**
 * Cancel a message that has not gone out (pending, failed, dead or skipped): it will never be sent.
 * A message already `sending` is the worker's now and cannot be cancelled.
 * @example
 * await cancelMessage(ctx, id); // → status `cancelled`
 */
export function cancelMessage(ctx: Ctx, id: string): Promise<OutboxView> {
  return changeStatus(ctx, id, {
    verb: 'cancelled',
    from: ['pending', 'dead', 'failed', 'skipped'],
    set: (now) => ({ status: 'cancelled', claimedBy: null, claimedUntil: null, updatedAt: now }),
    action: 'message.cancel',
  });
}
