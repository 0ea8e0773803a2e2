/**
 * @module commissions/sales/queries
 * Sales as the actor may see them (`commissions:read` over the sale's advisor, unit or partner).
 */
import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import { canAccess, referrerOnly, scopeCondition } from '../../access/index.ts';
import type { Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { listLines, type LineView } from '../ledger/lines.ts';
import type { SaleRow } from './record-sale.ts';

/** Fields of a sale a referring partner never receives: the client's loan, bank, product, internals. */
type PartnerHidden =
  | 'provider'
  | 'product'
  | 'productCategory'
  | 'amountMinor'
  | 'facts'
  | 'cancellation'
  | 'ruleSetVersion'
  | 'historyId'
  | 'createdBy';
/** A sale as the actor may see it: the hidden fields are absent in the partner view. */
export type SaleView = Omit<SaleRow, PartnerHidden> & Partial<Pick<SaleRow, PartnerHidden>>;

/**
 * The sale as the actor may see it: whole, or the partner view for a caller that reaches it only
 * as the referring partner (loan amounts, banks and products are the client's financial data).
 * @example
 * const shown = saleView(ctx, sale);
 */
export function saleView(ctx: Ctx, sale: SaleRow): SaleView {
  const record = { ownerId: sale.advisorId, unitId: sale.unitId, partnerId: sale.partnerId };
  if (!referrerOnly(ctx.actor, 'commissions:read', record)) return sale;
  const {
    provider: _p,
    product: _d,
    productCategory: _c,
    amountMinor: _a,
    facts: _f,
    cancellation: _x,
    ruleSetVersion: _r,
    historyId: _h,
    createdBy: _b,
    ...shown
  } = sale;
  return shown;
}

/** @example const sales = await listSales(ctx, { clientId }); */
export async function listSales(
  ctx: Ctx,
  f: { clientId?: string; status?: string; period?: string; limit?: number } = {},
): Promise<SaleView[]> {
  const s = ctx.t.sales;
  const rows = await ctx.db
    .select()
    .from(s)
    .where(
      and(
        scopeCondition(ctx.actor, 'commissions:read', { owner: s.advisorId, unit: s.unitId, partner: s.partnerId }),
        f.clientId ? eq(s.clientId, f.clientId) : undefined,
        f.status ? eq(s.status, f.status as SaleRow['status']) : undefined,
        f.period ? and(gte(s.saleDate, `${f.period}-01`), lt(s.saleDate, `${f.period}-32`)) : undefined,
      ),
    )
    .orderBy(desc(s.saleDate), asc(s.id))
    .limit(Math.min(f.limit ?? 200, 1000));
  return rows.map((r) => saleView(ctx, r));
}

/** One sale with the lines the actor may see. 404 outside scope. */
export async function getSale(ctx: Ctx, id: string): Promise<SaleView & { lines: LineView[] }> {
  const [sale] = await ctx.db.select().from(ctx.t.sales).where(eq(ctx.t.sales.id, id)).limit(1);
  if (
    !sale ||
    !canAccess(ctx.actor, 'commissions:read', {
      ownerId: sale.advisorId,
      unitId: sale.unitId,
      partnerId: sale.partnerId,
    })
  )
    throw notFound('Sale', id);
  return { ...saleView(ctx, sale), lines: await listLines(ctx, { saleId: id }) };
}
