/**
 * @module reports/dimension
 * Group-bys. SQL groups by the finest key a table has (its unit, advisor, product… column); the
 * network levels above a unit (region, firm, branch type) are rolled up here from the unit tree,
 * which is a few hundred rows at most. Rolling up sums is exact, so totals match the raw SQL.
 * Historical attribution comes from the rows themselves: a sale keeps the unit its advisor belonged
 * to on the sale date (dated memberships), a status change or contact the client's unit then.
 */
import { inArray } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { GroupBy, Label } from './types.ts';

export interface UnitInfo {
  id: string;
  name: string;
  type: string;
  path: string;
}

export interface Network {
  units: Map<string, UnitInfo>;
  /** The region above (or at) a unit, by the branch type's `region` flag. */
  regionOf(unitId: string | null): string | null;
  /** 'own' or 'franchise' for a branch (types flagged `franchise` in config). */
  branchTypeOf(unitId: string | null): 'own' | 'franchise' | null;
  /** Ids of a unit and every unit below it. */
  subtree(unitId: string): string[];
}

/** The unit tree as the report needs it (structure only: no permission beyond reports:read needed). */
export async function loadNetwork(ctx: Ctx): Promise<Network> {
  const rows = await ctx.db
    .select({ id: ctx.t.units.id, name: ctx.t.units.name, type: ctx.t.units.type, path: ctx.t.units.path })
    .from(ctx.t.units);
  const units = new Map(rows.map((u) => [u.id, u]));
  const types = ctx.config.branchTypes as Record<string, { region?: boolean; franchise?: boolean; root?: boolean }>;
  const regionOf = (id: string | null) => {
    const u = id ? units.get(id) : undefined;
    if (!u) return null;
    const ids = u.path.split('/').filter(Boolean).reverse();
    return ids.find((a) => types[units.get(a)?.type ?? '']?.region) ?? null;
  };
  const branchTypeOf = (id: string | null) => {
    const u = id ? units.get(id) : undefined;
    if (!u) return null;
    const t = types[u.type];
    if (!t || t.region || t.root) return null;
    return t.franchise ? 'franchise' : 'own';
  };
  const subtree = (id: string) => {
    const p = units.get(id)?.path;
    return p ? rows.filter((u) => u.path.startsWith(p)).map((u) => u.id) : [];
  };
  return { units, regionOf, branchTypeOf, subtree };
}

/** Group-bys computed from a unit column. */
export const unitLevels: readonly GroupBy[] = ['branch', 'region', 'firm', 'branch-type'];

/** The group key of a row's unit at a level (null: the row has no unit there). */
export function unitKey(net: Network, level: GroupBy, unitId: string | null): string | null {
  switch (level) {
    case 'branch':
      return unitId;
    case 'region':
      return net.regionOf(unitId);
    case 'branch-type':
      return net.branchTypeOf(unitId);
    default:
      return 'firm';
  }
}

/** One SQL row of grouped figures: the group column `k` and numbers. */
export type Figures = { k: string | null; [field: string]: string | number | null };

/** Fold SQL rows `{ k, ...numbers }` into groups by `keyOf(k)`, summing the numbers. */
export function rollUp<R extends { k: string | null }>(
  rows: readonly R[],
  keyOf: (k: string | null) => string | null,
): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const key = keyOf(r.k) ?? '-';
    const acc = out.get(key) ?? {};
    for (const [f, v] of Object.entries(r)) if (f !== 'k') acc[f] = (acc[f] ?? 0) + Number(v ?? 0);
    out.set(key, acc);
  }
  return out;
}

const NONE: Label = { pl: '(brak)', en: '(none)' };

/** Human names for group keys (users, units, products, providers, partners, sources). */
export async function labelsFor(ctx: Ctx, net: Network, groupBy: GroupBy, keys: string[]): Promise<Map<string, Label>> {
  const { t } = ctx;
  const ids = keys.filter((k) => k !== '-');
  const out = new Map<string, Label>([['-', NONE]]);
  const same = (s: string): Label => ({ pl: s, en: s });
  const put = (rows: { id: string; name: string }[]) => rows.forEach((r) => out.set(r.id, same(r.name)));
  if (groupBy === 'advisor' && ids.length)
    put(await ctx.db.select({ id: t.users.id, name: t.users.name }).from(t.users).where(inArray(t.users.id, ids)));
  else if (groupBy === 'product' && ids.length)
    put(
      await ctx.db
        .select({ id: t.commissionProducts.id, name: t.commissionProducts.name })
        .from(t.commissionProducts)
        .where(inArray(t.commissionProducts.id, ids)),
    );
  else if (groupBy === 'provider' && ids.length)
    put(
      await ctx.db
        .select({ id: t.commissionProviders.id, name: t.commissionProviders.name })
        .from(t.commissionProviders)
        .where(inArray(t.commissionProviders.id, ids)),
    );
  else if (groupBy === 'partner' && ids.length)
    put(
      await ctx.db
        .select({ id: t.partners.id, name: t.partners.name })
        .from(t.partners)
        .where(inArray(t.partners.id, ids)),
    );
  else if (groupBy === 'branch' || groupBy === 'region')
    ids.forEach((k) => out.set(k, same(net.units.get(k)?.name ?? k)));
  else if (groupBy === 'branch-type') {
    out.set('own', { pl: 'Oddziały własne', en: 'Own branches' });
    out.set('franchise', { pl: 'Oddziały franczyzowe', en: 'Franchise branches' });
  } else if (groupBy === 'firm') out.set('firm', same(ctx.config.firm.name));
  else if (groupBy === 'source') {
    const types = ctx.config.clients.types as Record<string, { sources?: Record<string, { label: Label }> }>;
    for (const ty of Object.values(types)) for (const [id, s] of Object.entries(ty.sources ?? {})) out.set(id, s.label);
  }
  for (const k of ids) if (!out.has(k)) out.set(k, same(k));
  return out;
}

/** What a row of this level drills into (region → branch → advisor → the person's own report). */
export function drillOf(groupBy: GroupBy, key: string) {
  if (key === '-') return undefined;
  if (groupBy === 'region' || groupBy === 'firm')
    return {
      groupBy: groupBy === 'firm' ? ('region' as const) : ('branch' as const),
      ...(groupBy === 'region' ? { unitId: key } : {}),
    };
  if (groupBy === 'branch') return { groupBy: 'advisor' as const, unitId: key };
  if (groupBy === 'advisor') return { type: 'individual', groupBy: 'firm' as const, userId: key };
  return undefined;
}
