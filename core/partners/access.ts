/**
 * @module partners/access
 * Who may see which partner firm. Partner firms belong to the whole firm, so staff with
 * `partners:read` at any scope see them all; a partner's own login (scope `referred`) sees only its
 * own firm, and an unknown or foreign firm is "not found" for it, exactly like a missing one.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { type Actor, type Permission, requirePermission } from '../access/index.ts';
import type { Ctx } from '../context.ts';

/** The condition on `partners.id` for the actor, or undefined when it sees every partner. */
export function partnerCondition(
  ctx: Ctx,
  permission: Extract<Permission, 'partners:read' | 'partners:write'>,
): SQL | undefined {
  const scopes = requirePermission(ctx.actor, permission);
  if (scopes.some((s) => s !== 'referred')) return undefined;
  // A login of no firm sees none. (Not a NUL placeholder id: PostgreSQL refuses NUL in text, a 500.)
  return ctx.actor.partnerId ? eq(ctx.t.partners.id, ctx.actor.partnerId) : sql`1 = 0`;
}

/** Whether the actor may see this partner (same rule, in memory). */
export function seesPartner(actor: Actor, permission: Permission, partnerId: string): boolean {
  const scopes = actor.permissions.get(permission) ?? [];
  return scopes.some((s) => s !== 'referred') || (scopes.includes('referred') && actor.partnerId === partnerId);
}
