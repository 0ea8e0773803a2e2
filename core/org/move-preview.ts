/**
 * @module org/move-preview
 * What moving a unit would change, before it is moved: how many people and clients sit in the
 * moved subtree, the unit's place before and after (as paths of units from the root), and whose
 * `subtree` scopes gain or lose the subtree — the people of the old parent's ancestors lose it, those
 * of the new parent's ancestors gain it (a `unit`, `team` or `own` scope does not move with a unit).
 * Counts and names are limited to what the caller may see.
 */
import { and, countDistinct, count, eq, inArray, or, sql } from 'drizzle-orm';
import { canAccess, clientScope, scopeCondition, scopesOf } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { checkMove, listUnits, type Unit } from './units.ts';
import { membershipAt } from './users.ts';

/** One unit on a path from the root. */
export interface PathStep {
  id: string;
  code: string;
  name: string;
  type: string;
}
/** A person whose `subtree` scopes reach the moved units before and not after (or the other way). */
export interface ScopeChange {
  userId: string;
  name: string;
  unitId: string;
  unitName: string;
  roles: string[];
  /** The permissions this person holds at scope `subtree`, e.g. `clients:read`. */
  permissions: string[];
}
export interface MovePreview {
  unit: PathStep;
  /** Units that move (the unit and everything below it). */
  units: number;
  /** People currently in the moved units; null when the caller may not see people. */
  people: number | null;
  /** Clients of the moved units; null when the caller may not see clients. */
  clients: number | null;
  /** Root → the current parent. */
  from: PathStep[];
  /** Root → the new parent. */
  to: PathStep[];
  gained: ScopeChange[];
  lost: ScopeChange[];
  /** True when the new parent is the current one: nothing would change. */
  same: boolean;
}

const step = (u: Unit): PathStep => ({ id: u.id, code: u.code, name: u.name, type: u.type });
const idsOf = (path: string) => path.split('/').filter(Boolean);

/**
 * Preview a move with the same checks as `moveUnit` (403, 404, 409 under its own descendant, 422).
 * @example
 * const p = await previewUnitMove(ctx, gdynia.id, south.id);
 * p.clients; // 2
 * p.gained.map((c) => c.name); // ['Dyrektor Południe']
 */
export async function previewUnitMove(ctx: Ctx, id: string, newParentId: string): Promise<MovePreview> {
  const { unit, parent } = await checkMove(ctx, id, newParentId);
  const { t } = ctx;
  const all = new Map((await listUnits(ctx, { includeArchived: true })).map((u) => [u.id, u]));
  const subtree = [...all.values()].filter((u) => u.path.startsWith(unit.path)).map((u) => u.id);
  const pathOf = (p: string) => idsOf(p).flatMap((x) => (all.get(x) ? [step(all.get(x)!)] : []));
  const from = unit.parentId ? pathOf(all.get(unit.parentId)!.path) : [];
  const to = pathOf(parent.path);
  const now = ctx.clock.now();
  const current = membershipAt(t, now);

  let people: number | null = null;
  if (scopesOf(ctx.actor, 'users:read').length) {
    const seen = scopeCondition(ctx.actor, 'users:read', { owner: t.memberships.userId, unit: t.memberships.unitId });
    const [row] = await ctx.db
      .select({ n: countDistinct(t.memberships.userId) })
      .from(t.memberships)
      .where(and(inArray(t.memberships.unitId, subtree), current, seen));
    people = Number(row?.n ?? 0);
  }
  let clients: number | null = null;
  if (scopesOf(ctx.actor, 'clients:read').length) {
    const [row] = await ctx.db
      .select({ n: count() })
      .from(t.clients)
      .where(and(inArray(t.clients.unitId, subtree), clientScope(ctx)));
    clients = Number(row?.n ?? 0);
  }

  // Units whose people reach the subtree through a `subtree` scope: the ancestors, before and after.
  const before = new Set(from.map((s) => s.id));
  const after = new Set(to.map((s) => s.id));
  const changes = { gained: [] as ScopeChange[], lost: [] as ScopeChange[] };
  const touched = [...before, ...after].filter((u) => before.has(u) !== after.has(u));
  if (touched.length && unit.parentId !== parent.id) {
    const rows = await ctx.db
      .select({ userId: t.users.id, name: t.users.name, roles: t.users.roles, unitId: t.memberships.unitId })
      .from(t.memberships)
      .innerJoin(t.users, eq(t.users.id, t.memberships.userId))
      .where(and(inArray(t.memberships.unitId, touched), current, sql`${t.users.disabledAt} is null`))
      .orderBy(t.users.name);
    for (const r of rows) {
      const permissions = subtreePermissions(ctx, r.roles);
      if (!permissions.length) continue;
      if (!canAccess(ctx.actor, 'users:read', { ownerId: r.userId, unitId: r.unitId })) continue;
      const change = { ...r, unitName: all.get(r.unitId)?.name ?? '', permissions };
      (after.has(r.unitId) ? changes.gained : changes.lost).push(change);
    }
  }
  return {
    unit: step(unit),
    units: subtree.filter((u) => !all.get(u)!.archivedAt).length,
    people,
    clients,
    from,
    to,
    ...changes,
    same: unit.parentId === parent.id,
  };
}

/** The permissions a set of roles grants at scope `subtree`, sorted. */
function subtreePermissions(ctx: Ctx, roles: readonly string[]): string[] {
  const found = new Set<string>();
  for (const r of roles) {
    for (const [perm, scope] of Object.entries(ctx.config.roles[r]?.permissions ?? {})) {
      if ((Array.isArray(scope) ? scope : [scope]).includes('subtree')) found.add(perm);
    }
  }
  return [...found].sort();
}
