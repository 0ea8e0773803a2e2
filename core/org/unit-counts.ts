/**
 * @module org/unit-counts
 * How many people and clients each unit holds directly (not counting the units below it), limited
 * to what the caller may see: the network screen shows them beside each unit.
 */
import { and, count, countDistinct, or } from 'drizzle-orm';
import { clientScope, requirePermission, scopeCondition, scopesOf } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { membershipAt } from './users.ts';

export interface UnitCount {
  unitId: string;
  /** People with a current membership; null when the caller may not see people. */
  people: number | null;
  /** Clients of the unit; null when the caller may not see clients. */
  clients: number | null;
}

/**
 * Per unit with anyone or anything in it (a unit left out holds nobody the caller may see).
 * @example
 * const counts = await unitCounts(ctx); // [{ unitId: gdansk.id, people: 3, clients: 6 }, …]
 */
export async function unitCounts(ctx: Ctx): Promise<UnitCount[]> {
  requirePermission(ctx.actor, 'units:read');
  const { t } = ctx;
  const now = ctx.clock.now();
  const byUnit = new Map<string, UnitCount>();
  const entry = (unitId: string) => {
    let e = byUnit.get(unitId);
    if (!e) byUnit.set(unitId, (e = { unitId, people: null, clients: null }));
    return e;
  };
  const seesPeople = scopesOf(ctx.actor, 'users:read').length > 0;
  const seesClients = scopesOf(ctx.actor, 'clients:read').length > 0;
  if (seesPeople) {
    const seen = scopeCondition(ctx.actor, 'users:read', { owner: t.memberships.userId, unit: t.memberships.unitId });
    const rows = await ctx.db
      .select({ unitId: t.memberships.unitId, n: countDistinct(t.memberships.userId) })
      .from(t.memberships)
      .where(and(membershipAt(t, now), seen))
      .groupBy(t.memberships.unitId);
    for (const r of rows) entry(r.unitId).people = Number(r.n);
  }
  if (seesClients) {
    const rows = await ctx.db
      .select({ unitId: t.clients.unitId, n: count() })
      .from(t.clients)
      .where(clientScope(ctx))
      .groupBy(t.clients.unitId);
    for (const r of rows) if (r.unitId) entry(r.unitId).clients = Number(r.n);
  }
  // A unit seen at all gets 0 rather than null for what the caller may count.
  for (const e of byUnit.values()) {
    if (seesPeople) e.people ??= 0;
    if (seesClients) e.clients ??= 0;
  }
  return [...byUnit.values()];
}
