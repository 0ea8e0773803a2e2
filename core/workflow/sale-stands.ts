/**
 * @module workflow/sale-stands
 * The SQL condition "this sale stands": active, or cancelled by early repayment (the loan was paid
 * out; only part of the commission is clawed back). A sale withdrawn by the client or rejected by the
 * provider is not a sale. Advisor activity (here) and the sales reports (above, in `reports/`) both
 * count sales by it, so it lives in the lower of the two modules.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';

/**
 * @example
 * await ctx.db.select().from(ctx.t.sales).where(saleStands(ctx));
 */
export function saleStands(ctx: Ctx): SQL {
  const s = ctx.t.sales;
  const kind =
    ctx.database.dialect === 'postgres'
      ? sql`(${s.cancellation} ->> 'kind')`
      : sql`json_extract(${s.cancellation}, '$.kind')`;
  return sql`(${s.status} = 'active' or ${kind} = 'early-repayment')`;
}
