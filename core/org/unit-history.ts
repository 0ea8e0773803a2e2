/**
 * @module org/unit-history
 * Who belonged to a unit and when: every membership of the unit with the person's name, newest
 * first, so a branch's page shows who joined and who left (a move on a date closes one membership
 * and opens another; both branches show it).
 */
import { desc, eq } from 'drizzle-orm';
import { canAccess, requirePermission } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { getUnit } from './units.ts';

export interface UnitMembership {
  userId: string;
  name: string;
  validFrom: Date;
  validTo: Date | null;
  note: string | null;
}

/**
 * @example
 * const history = await unitHistory(ctx, gdansk.id); // [{ name: 'Anna Nowak', validFrom, validTo: null }, …]
 */
export async function unitHistory(ctx: Ctx, unitId: string): Promise<UnitMembership[]> {
  requirePermission(ctx.actor, 'users:read');
  await getUnit(ctx, unitId);
  const { t } = ctx;
  const rows = await ctx.db
    .select({ m: t.memberships, name: t.users.name })
    .from(t.memberships)
    .innerJoin(t.users, eq(t.users.id, t.memberships.userId))
    .where(eq(t.memberships.unitId, unitId))
    .orderBy(desc(t.memberships.validFrom));
  return rows
    .filter((r) => canAccess(ctx.actor, 'users:read', { ownerId: r.m.userId, unitId }))
    .map((r) => ({
      userId: r.m.userId,
      name: r.name,
      validFrom: r.m.validFrom,
      validTo: r.m.validTo,
      note: r.m.note,
    }));
}
