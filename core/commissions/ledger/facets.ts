/**
 * @module commissions/ledger/facets
 * The choices a review's filters offer, from the lines the actor may see: the months, units,
 * advisors, partner firms, providers and products that occur in them, with names. A filter never
 * offers a value that matches nothing, nor a name the actor has no line of; a referring partner
 * gets no providers or products (its lines do not show the client's loan).
 */
import { and, desc, eq, inArray, isNotNull, sql, type Column, type SQL } from 'drizzle-orm';
import { scopesOf } from '../../access/index.ts';
import type { Ctx } from '../../context.ts';
import { lineConditions } from './lines.ts';
import { byIds } from './names.ts';

export interface Choice {
  id: string;
  name: string;
}

export interface LineFacets {
  periods: string[];
  units: Choice[];
  advisors: Choice[];
  partners: Choice[];
  providers: Choice[];
  products: Array<Choice & { providerId: string }>;
}

/** Distinct values are read in at most this many: a filter offers a list a person can scan. */
const MAX_CHOICES = 1000;

/**
 * @example
 * const f = await lineFacets(ctx, { period: '2026-03' });
 * f.advisors // [{ id: '01J…', name: 'Anna Nowak' }, …]
 */
export async function lineFacets(ctx: Ctx, filter: { period?: string; ledger?: string } = {}): Promise<LineFacets> {
  const { t } = ctx;
  const c = t.commissionLines;
  const inScope = lineConditions(ctx, {});
  const inFilter = lineConditions(ctx, filter);
  const distinct = async (col: Column, where: SQL | undefined) =>
    (
      await ctx.db
        .selectDistinct({ v: sql<string>`${col}` })
        .from(c)
        .innerJoin(t.sales, eq(t.sales.id, c.saleId))
        .where(and(where, isNotNull(col)))
        .limit(MAX_CHOICES)
    ).map((r) => String(r.v));
  const named = async (ids: string[], table: Parameters<typeof byIds>[1]): Promise<Choice[]> => {
    const names = await byIds(ctx, table, ids);
    return ids.map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name, 'pl'));
  };
  const periods = (
    await ctx.db
      .selectDistinct({ v: c.period })
      .from(c)
      .innerJoin(t.sales, eq(t.sales.id, c.saleId))
      .where(inScope)
      .orderBy(desc(c.period))
      .limit(120)
  ).map((r) => r.v);
  const referrer = (scopesOf(ctx.actor, 'commissions:read') as readonly string[]).every((s) => s === 'referred');
  const [units, advisors, partners, providerIds, productIds] = await Promise.all([
    distinct(c.unitId, inFilter),
    distinct(t.sales.advisorId, inFilter),
    distinct(t.sales.partnerId, inFilter),
    referrer ? Promise.resolve([]) : distinct(t.sales.provider, inFilter),
    referrer ? Promise.resolve([]) : distinct(t.sales.product, inFilter),
  ]);
  const cp = t.commissionProducts;
  const productRows = productIds.length
    ? await ctx.db
        .select({ id: cp.id, name: cp.name, providerId: cp.providerId })
        .from(cp)
        .where(inArray(cp.id, productIds))
    : [];
  const products = new Map(productRows.map((p) => [p.id, p]));
  return {
    periods,
    units: await named(units, 'units'),
    advisors: await named(advisors, 'users'),
    partners: await named(partners, 'partners'),
    providers: await named(providerIds, 'commissionProviders'),
    products: productIds
      .map((id) => ({ id, name: products.get(id)?.name ?? id, providerId: products.get(id)?.providerId ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name, 'pl')),
  };
}
