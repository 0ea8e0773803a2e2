/**
 * @module gdpr/restrict
 * Restriction of processing (GDPR Art. 18) and objection (Art. 21). A restricted client is kept but
 * not used: every write on it is refused with 423 (`core/access/restriction.ts`, asked by the client,
 * workflow and calendar write paths) and the outbox skips messages about it at send time, saying why.
 * An objection stops marketing: sends for marketing purposes check `processingLimits` and skip the
 * client. Both are lifted by the DPO (e.g. when the accuracy of the data has been verified).
 */
import { and, eq } from 'drizzle-orm';
import { requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { reachableClient } from './requests.ts';

export type LimitKind = 'restriction' | 'objection';

/**
 * @example
 * await restrictClient(ctx, clientId, 'restriction', { requestId, reason: 'Accuracy contested (Art. 18(1)(a))' });
 */
export async function restrictClient(
  ctx: Ctx,
  clientId: string,
  kind: LimitKind,
  options: { requestId?: string | null; reason?: string | null } = {},
): Promise<{ clientId: string; kind: LimitKind; since: Date }> {
  requirePermission(ctx.actor, 'gdpr:manage');
  await reachableClient(ctx, clientId);
  const since = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const r = tx.t.clientRestrictions;
    const [erased] = await tx.db
      .select({ kind: r.kind })
      .from(r)
      .where(and(eq(r.clientId, clientId), eq(r.kind, 'erased')));
    if (erased) throw conflict('This client was erased: there is nothing left to restrict');
    const inserted = await tx.db
      .insert(r)
      .values({
        clientId,
        kind,
        requestId: options.requestId ?? null,
        since,
        setBy: tx.actor.userId,
        reason: options.reason ?? null,
      })
      .onConflictDoNothing()
      .returning({ kind: r.kind });
    if (!inserted.length) throw conflict(`This client already has a ${kind} in force`, { kind });
    await writeAudit(tx, {
      action: `gdpr.${kind}`,
      entity: 'client',
      entityId: clientId,
      data: { requestId: options.requestId ?? null, reason: options.reason ?? null },
    });
  });
  return { clientId, kind, since };
}

/**
 * @example
 * await liftRestriction(ctx, clientId, 'restriction', { reason: 'Data verified with the bank' });
 */
export async function liftRestriction(
  ctx: Ctx,
  clientId: string,
  kind: LimitKind | (string & {}),
  options: { reason?: string | null } = {},
): Promise<void> {
  requirePermission(ctx.actor, 'gdpr:manage');
  await reachableClient(ctx, clientId);
  if (kind !== 'restriction' && kind !== 'objection')
    throw invalid('Unknown limit', [{ path: '/kind', message: 'must be "restriction" or "objection"' }]);
  const limit = kind as LimitKind;
  await inTransaction(ctx, async (tx) => {
    const r = tx.t.clientRestrictions;
    const gone = await tx.db
      .delete(r)
      .where(and(eq(r.clientId, clientId), eq(r.kind, limit)))
      .returning({ kind: r.kind });
    if (!gone.length) throw conflict(`This client has no ${limit} in force`, { kind: limit });
    await writeAudit(tx, {
      action: `gdpr.${limit}.lift`,
      entity: 'client',
      entityId: clientId,
      data: { reason: options.reason ?? null },
    });
  });
}
