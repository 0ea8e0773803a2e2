/**
 * @module leads/conflicts
 * Referral conflicts for a manager: two partners referred the same person within the protection
 * window; the first kept the referral. Listed within the manager's `clients:assign` scope (through
 * the client), and closed with a note once settled with the partners.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { clientScope } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import type { Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Tables } from '../storage/index.ts';

export type ReferralConflict = Tables['referralConflicts']['$inferSelect'];

/**
 * @example
 * const open = await listReferralConflicts(managerCtx); // unresolved, newest first
 */
export async function listReferralConflicts(
  ctx: Ctx,
  options: { includeResolved?: boolean } = {},
): Promise<ReferralConflict[]> {
  const { t } = ctx;
  const rows = await ctx.db
    .select({ c: t.referralConflicts })
    .from(t.referralConflicts)
    .innerJoin(t.clients, eq(t.clients.id, t.referralConflicts.clientId))
    .where(
      and(
        clientScope(ctx, 'clients:assign'),
        options.includeResolved ? undefined : isNull(t.referralConflicts.resolvedAt),
      ),
    )
    .orderBy(desc(t.referralConflicts.at))
    .limit(500);
  return rows.map((r) => r.c);
}

export async function resolveReferralConflict(ctx: Ctx, id: string, note: string): Promise<ReferralConflict> {
  const { t } = ctx;
  const [found] = await ctx.db
    .select({ id: t.referralConflicts.id })
    .from(t.referralConflicts)
    .innerJoin(t.clients, eq(t.clients.id, t.referralConflicts.clientId))
    .where(and(eq(t.referralConflicts.id, id), clientScope(ctx, 'clients:assign')))
    .limit(1);
  if (!found) throw notFound('Referral conflict', id);
  const [row] = await ctx.db
    .update(t.referralConflicts)
    .set({ resolvedAt: ctx.clock.now(), resolvedBy: ctx.actor.userId, note })
    .where(eq(t.referralConflicts.id, id))
    .returning();
  await writeAudit(ctx, { action: 'referral-conflict.resolve', entity: 'referral_conflict', entityId: id });
  return row!;
}
