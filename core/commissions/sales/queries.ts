/**
 * @module commissions/sales/queries
 * Sales as the actor may see them (`commissions:read` over the sale's advisor, unit or partner).
 */
import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import { canAccess, scopeCondition } from '../../access/scope.ts';
import type { Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { listLines, type LineView } from '../ledger/lines.ts';
import type { SaleRow } from './record-sale.ts';

/** @example const sales = await listSales(ctx, { clientId }); */
export async function listSales(
  ctx: Ctx,
  f: { clientId?: string; status?: string; period?: string; limit?: number } = {},
): Promise<SaleRow[]> {
  const s = ctx.t.sales;
  return ctx.db
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
}

/** One sale with the lines the actor may see. 404 outside scope. */
export async function getSale(ctx: Ctx, id: string): Promise<SaleRow & { lines: LineView[] }> {
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
  return { ...sale, lines: await listLines(ctx, { saleId: id }) };
}
