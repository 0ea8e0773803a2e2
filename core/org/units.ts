/**
 * @module org/units
 * The branch network: any tree of units whose types come from the config, kept as
 * materialized paths so a subtree is one indexed range query. Moving a unit rewrites the paths of
 * its subtree in one transaction.
 */
import { and, asc, count, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { requirePermission, orgChanged } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { forgetAll } from '../auth/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, invalid, notFound, forbidden } from '../errors.ts';
import { newId } from '../ids/index.ts';
import type { Tables } from '../storage/index.ts';
import { childPath, inSubtree, isWithin } from './path.ts';
import { uniqueOr409 } from './unique.ts';

export type Unit = Tables['units']['$inferSelect'];
export interface UnitInput {
  code: string;
  name: string;
  type: string;
  parentId?: string | null;
  groups?: string[];
  city?: string | null;
}
export interface UnitNode extends Unit {
  children: UnitNode[];
}

export async function getUnit(ctx: Ctx, id: string): Promise<Unit> {
  requirePermission(ctx.actor, 'units:read');
  const [u] = await ctx.db.select().from(ctx.t.units).where(eq(ctx.t.units.id, id)).limit(1);
  if (!u) throw notFound('Unit', id);
  return u;
}

/** All units, ordered so that parents come before children. */
export async function listUnits(
  ctx: Ctx,
  options: { under?: string; includeArchived?: boolean } = {},
): Promise<Unit[]> {
  requirePermission(ctx.actor, 'units:read');
  const { t } = ctx;
  const conds = [];
  if (options.under) conds.push(inSubtree(t.units.path, (await getUnit(ctx, options.under)).path));
  if (!options.includeArchived) conds.push(sql`${t.units.archivedAt} is null`);
  return ctx.db
    .select()
    .from(t.units)
    .where(and(...conds))
    .orderBy(asc(t.units.path));
}

/**
 * The units as a tree (roots with nested `children`, siblings by name).
 * @example
 * const [hq] = unitTree(await listUnits(ctx));
 */
export function unitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map(units.map((u) => [u.id, { ...u, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const n of nodes.values()) ((n.parentId && nodes.get(n.parentId)?.children) || roots).push(n);
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name, 'pl'));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

function assertMayWrite(ctx: Ctx, underPath: string | null): void {
  const scopes = requirePermission(ctx.actor, 'units:write');
  if (scopes.includes('all')) return;
  // A path lists every ancestor's id, so "within my subtree" is "my unit is on the path".
  const ok =
    underPath !== null && scopes.includes('subtree') && underPath.split('/').some((id) => ctx.actor.unitIds.has(id));
  if (!ok)
    throw forbidden('You may only change units within your own part of the network', { permission: 'units:write' });
}

function assertContainment(ctx: Ctx, parentType: string | null, childType: string, field: string): void {
  const types = ctx.config.branchTypes;
  const child = types[childType];
  if (!child)
    throw invalid(`Unknown unit type "${childType}"`, [
      { path: '/type', message: `must be one of: ${Object.keys(types).join(', ')}` },
    ]);
  if (parentType === null) {
    if (!child.root)
      throw invalid(`A unit of type "${childType}" cannot stand at the top of the network`, [
        { path: field, message: 'a parent unit is required for this type' },
      ]);
    return;
  }
  const parent = types[parentType];
  if (!parent?.contains.includes(childType)) {
    throw invalid(`A "${parentType}" unit cannot contain a "${childType}" unit`, [
      { path: field, message: `"${parentType}" may contain: ${parent?.contains.join(', ') || 'nothing'}` },
    ]);
  }
}

/**
 * @example
 * const waw = await createUnit(ctx, { code: 'WAW-1', name: 'Warszawa Centrum', type: 'own-branch',
 *   parentId: mazowsze.id });
 */
export async function createUnit(ctx: Ctx, input: UnitInput): Promise<Unit> {
  const parent = input.parentId ? await getUnit(ctx, input.parentId) : null;
  assertMayWrite(ctx, parent?.path ?? null);
  assertContainment(ctx, parent?.type ?? null, input.type, '/parentId');
  const taken = () => conflict(`A unit with the code "${input.code}" already exists`, { field: '/code' });
  const result = await uniqueOr409(
    () =>
      inTransaction(ctx, async (tx) => {
        const [dup] = await tx.db
          .select({ id: tx.t.units.id })
          .from(tx.t.units)
          .where(eq(tx.t.units.code, input.code))
          .limit(1);
        if (dup) throw taken();
        const id = newId();
        const now = tx.clock.now();
        const [unit] = await tx.db
          .insert(tx.t.units)
          .values({
            id,
            code: input.code,
            name: input.name,
            type: input.type,
            parentId: parent?.id ?? null,
            path: childPath(parent?.path ?? null, id),
            groups: input.groups ?? [],
            city: input.city ?? null,
            createdAt: now,
            updatedAt: now,
            archivedAt: null,
          })
          .returning();
        await writeAudit(tx, {
          action: 'unit.create',
          entity: 'unit',
          entityId: id,
          data: { code: input.code, type: input.type, parentId: parent?.id ?? null },
        });
        return unit!;
      }),
    ['units_code_uq', 'units.code'],
    taken,
  );
  orgChanged(ctx.database);
  forgetAll();
  return result;
}

/** Rename, re-code or regroup a unit (its place in the tree changes only through `moveUnit`). */
export async function updateUnit(
  ctx: Ctx,
  id: string,
  patch: Partial<Pick<UnitInput, 'code' | 'name' | 'groups' | 'city'>>,
): Promise<Unit> {
  const unit = await getUnit(ctx, id);
  assertMayWrite(ctx, unit.path);
  const taken = () => conflict(`A unit with the code "${patch.code}" already exists`, { field: '/code' });
  return uniqueOr409(
    () =>
      inTransaction(ctx, async (tx) => {
        if (patch.code && patch.code !== unit.code) {
          const [dup] = await tx.db
            .select({ id: tx.t.units.id })
            .from(tx.t.units)
            .where(eq(tx.t.units.code, patch.code))
            .limit(1);
          if (dup) throw taken();
        }
        const [u] = await tx.db
          .update(tx.t.units)
          .set({ ...patch, updatedAt: tx.clock.now() })
          .where(eq(tx.t.units.id, id))
          .returning();
        // What changed, with the values before: a rename is readable in the log without older entries.
        const before = Object.fromEntries(Object.keys(patch).map((k) => [k, unit[k as keyof typeof patch]]));
        await writeAudit(tx, { action: 'unit.update', entity: 'unit', entityId: id, data: { before, after: patch } });
        return u!;
      }),
    ['units_code_uq', 'units.code'],
    taken,
  );
}

/**
 * The checks of a move, shared by `moveUnit` and its preview: both units exist, the caller may
 * write both places, the new parent is not the unit itself or below it (409, `reason: 'own-descendant'`),
 * and the parent's type may contain the unit's (422).
 * @example
 * const { unit, parent } = await checkMove(ctx, krakow.id, malopolska.id);
 */
export async function checkMove(ctx: Ctx, id: string, newParentId: string): Promise<{ unit: Unit; parent: Unit }> {
  const unit = await getUnit(ctx, id);
  const parent = await getUnit(ctx, newParentId);
  assertMayWrite(ctx, unit.path);
  assertMayWrite(ctx, parent.path);
  if (isWithin(parent.path, unit.path)) {
    throw conflict(`Unit "${unit.name}" cannot be moved under itself or one of its own units ("${parent.name}")`, {
      field: '/parentId',
      reason: 'own-descendant',
      unit: { id: unit.id, name: unit.name },
      parent: { id: parent.id, name: parent.name },
    });
  }
  if (parent.archivedAt) {
    throw invalid(`Unit "${parent.name}" is archived`, [{ path: '/parentId', message: 'an archived unit' }]);
  }
  assertContainment(ctx, parent.type, unit.type, '/parentId');
  return { unit, parent };
}

/**
 * Move a unit (and everything below it) under another parent. Moving a unit under itself or one of
 * its descendants is a 409; a parent whose type may not contain the unit's type is a 422.
 * @example
 * await moveUnit(ctx, krakow.id, malopolska.id);
 */
export async function moveUnit(ctx: Ctx, id: string, newParentId: string): Promise<Unit> {
  const { unit, parent } = await checkMove(ctx, id, newParentId);
  if (unit.parentId === parent.id) return unit;
  const newPath = childPath(parent.path, unit.id);
  const result = await inTransaction(ctx, async (tx) => {
    const { t } = tx;
    // One statement rewrites the prefix of every path in the subtree (same SQL on both engines).
    await tx.db
      .update(t.units)
      .set({ path: sql`${newPath} || substr(${t.units.path}, ${unit.path.length + 1})`, updatedAt: tx.clock.now() })
      .where(inSubtree(t.units.path, unit.path));
    const [moved] = await tx.db.update(t.units).set({ parentId: parent.id }).where(eq(t.units.id, id)).returning();
    await writeAudit(tx, {
      action: 'unit.move',
      entity: 'unit',
      entityId: id,
      data: { code: unit.code, from: unit.parentId, to: parent.id },
    });
    return moved!;
  });
  orgChanged(ctx.database);
  forgetAll();
  return result;
}

/**
 * Archive a unit that has no active units below it, no current or future members and no clients.
 * A refusal is a 409 whose details say what holds the unit: `{ reason: 'not-empty', units: [{ id,
 * name }] (up to 10), people, clients }`.
 * @example
 * await archiveUnit(ctx, sopot.id); // or 409 'Unit "Sopot" is not empty: 2 units below it, 3 people, 5 clients'
 */
export async function archiveUnit(ctx: Ctx, id: string): Promise<Unit> {
  const unit = await getUnit(ctx, id);
  assertMayWrite(ctx, unit.path);
  if (unit.archivedAt) return unit;
  const { t } = ctx;
  const [children, [people], [clients]] = await Promise.all([
    ctx.db
      .select({ id: t.units.id, name: t.units.name })
      .from(t.units)
      .where(and(eq(t.units.parentId, id), sql`${t.units.archivedAt} is null`))
      .orderBy(asc(t.units.name))
      .limit(10),
    ctx.db
      .select({ n: count() })
      .from(t.memberships)
      .where(
        and(
          eq(t.memberships.unitId, id),
          or(isNull(t.memberships.validTo), gt(t.memberships.validTo, ctx.clock.now())),
        ),
      ),
    ctx.db.select({ n: count() }).from(t.clients).where(eq(t.clients.unitId, id)),
  ]);
  const held = { units: children, people: Number(people?.n ?? 0), clients: Number(clients?.n ?? 0) };
  if (held.units.length || held.people || held.clients) {
    const parts = [
      held.units.length ? `units below it (${held.units.map((u) => u.name).join(', ')})` : '',
      held.people ? `${held.people} people` : '',
      held.clients ? `${held.clients} clients` : '',
    ].filter(Boolean);
    throw conflict(`Unit "${unit.name}" is not empty: ${parts.join(', ')}`, { reason: 'not-empty', ...held });
  }
  const result = await inTransaction(ctx, async (tx) => {
    const [u] = await tx.db
      .update(tx.t.units)
      .set({ archivedAt: tx.clock.now() })
      .where(eq(tx.t.units.id, id))
      .returning();
    await writeAudit(tx, {
      action: 'unit.archive',
      entity: 'unit',
      entityId: id,
      data: { code: unit.code, name: unit.name },
    });
    return u!;
  });
  orgChanged(ctx.database);
  forgetAll();
  return result;
}
