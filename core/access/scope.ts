/**
 * @module access/scope
 * The one scoping function: an actor and a permission → a SQL condition on a table's owner, unit and
 * partner columns. Every query for clients (and what hangs off a client) is built through it, and
 * `canAccess` answers the same question for one record already in memory (field masking, writes).
 */
import { eq, inArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import { forbidden } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { Permission, Scope } from './permissions.ts';

/** The columns through which a table's rows belong to someone. */
export interface ScopeColumns {
  owner?: Column;
  unit?: Column;
  partner?: Column;
}
/** The same, for one record in memory. */
export interface RecordOwnership {
  ownerId?: string | null;
  unitId?: string | null;
  partnerId?: string | null;
}

const never = () => sql`1 = 0`;

/** The scopes the actor holds for a permission (empty when none). */
export function scopesOf(actor: Actor, permission: Permission): readonly Scope[] {
  return actor.permissions.get(permission) ?? [];
}

/** Throws 403 unless the actor holds the permission at some scope. */
export function requirePermission(actor: Actor, permission: Permission): readonly Scope[] {
  const s = scopesOf(actor, permission);
  if (!s.length) throw forbidden(`You do not have the permission ${permission}`, { permission });
  return s;
}

function conditionFor(actor: Actor, scope: Scope, cols: ScopeColumns): SQL | 'all' {
  const ids = (set: ReadonlySet<string>, col: Column | undefined) =>
    col && set.size ? inArray(col, [...set]) : never();
  switch (scope) {
    case 'all':
      return 'all';
    case 'own':
      return cols.owner && actor.userId ? eq(cols.owner, actor.userId) : never();
    case 'team':
      return ids(actor.teamUserIds, cols.owner);
    case 'unit':
      return ids(actor.unitIds, cols.unit);
    case 'subtree':
      return ids(actor.subtreeUnitIds, cols.unit);
    case 'referred':
      return cols.partner && actor.partnerId ? eq(cols.partner, actor.partnerId) : never();
  }
}

/**
 * The WHERE condition limiting a query to what the actor may see under `permission`.
 * Returns `undefined` for scope `all` (no limit). Throws 403 when the actor lacks the permission.
 * @example
 * const where = scopeCondition(ctx.actor, 'clients:read', { owner: t.clients.ownerId, unit: t.clients.unitId,
 *   partner: t.clients.partnerId });
 * await db.select().from(t.clients).where(and(where, eq(t.clients.status, 'new')));
 */
export function scopeCondition(actor: Actor, permission: Permission, cols: ScopeColumns): SQL | undefined {
  const parts: SQL[] = [];
  for (const s of requirePermission(actor, permission)) {
    const c = conditionFor(actor, s, cols);
    if (c === 'all') return undefined;
    parts.push(c);
  }
  return parts.length === 1 ? parts[0] : or(...parts);
}

/**
 * Whether the actor may act on one record under `permission` (same rules as `scopeCondition`).
 * @example
 * if (!canAccess(actor, 'pii:read', client)) delete data.pesel;
 */
export function canAccess(actor: Actor, permission: Permission, record: RecordOwnership): boolean {
  return scopesOf(actor, permission).some((s) => {
    switch (s) {
      case 'all':
        return true;
      case 'own':
        return !!actor.userId && record.ownerId === actor.userId;
      case 'team':
        return !!record.ownerId && actor.teamUserIds.has(record.ownerId);
      case 'unit':
        return !!record.unitId && actor.unitIds.has(record.unitId);
      case 'subtree':
        return !!record.unitId && actor.subtreeUnitIds.has(record.unitId);
      case 'referred':
        return !!actor.partnerId && record.partnerId === actor.partnerId;
    }
  });
}

/**
 * The scope condition for the clients table: every query for clients, or for rows that hang off a
 * client (joined through `clients`), is built with it.
 * @example
 * await ctx.db.select().from(t.clients).where(and(clientScope(ctx, 'clients:read'), eq(t.clients.status, 'sale')));
 */
export function clientScope(
  ctx: { actor: Actor; t: { clients: { ownerId: Column; unitId: Column; partnerId: Column } } },
  permission: Permission = 'clients:read',
): SQL | undefined {
  const c = ctx.t.clients;
  return scopeCondition(ctx.actor, permission, { owner: c.ownerId, unit: c.unitId, partner: c.partnerId });
}
