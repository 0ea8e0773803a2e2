/**
 * @module clients/summary
 * Counts per status for the list header, over the same scope and filters as the list (a status
 * filter is ignored: the header shows every status).
 */
import { sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { clientConditions, type ClientFilter } from './conditions.ts';

export interface ClientSummary {
  byStatus: Record<string, number>;
  total: number;
}

/**
 * @example
 * await clientSummary(ctx) // { byStatus: { new: 120, contact: 40, sale: 7 }, total: 167 }
 */
export async function clientSummary(ctx: Ctx, filter: Omit<ClientFilter, 'status'> = {}): Promise<ClientSummary> {
  const { t } = ctx;
  const where = await clientConditions(ctx, { ...filter, status: undefined });
  const rows = await ctx.db
    .select({ status: t.clients.status, n: sql<number>`count(*)` })
    .from(t.clients)
    .where(where)
    .groupBy(t.clients.status);
  const byStatus: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    byStatus[r.status] = Number(r.n);
    total += Number(r.n);
  }
  return { byStatus, total };
}
