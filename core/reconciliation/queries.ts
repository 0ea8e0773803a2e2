/**
 * @module reconciliation/queries
 * Reading imports and reconciliations: the imports of a provider or month, and one reconciliation
 * with its rows (each with its sale's date and product) and totals per outcome in integer grosze.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import { requireBackOffice } from './access.ts';
import type { ImportRow, ReconciliationRow } from './import-statement.ts';
import { totalsOf, type Outcome } from './match.ts';

export interface ReconciliationView {
  import: ImportRow;
  rows: Array<ReconciliationRow & { sale: { saleDate: string; product: string; clientId: string } | null }>;
  totals: ReturnType<typeof totalsOf>;
}

/** The order rows are shown in: differences first, then what matched. */
const outcomeOrder: Record<Outcome, number> = {
  'short-paid': 0,
  'over-paid': 1,
  unexpected: 2,
  missing: 3,
  matched: 4,
};

/**
 * @example
 * const imports = await listImports(ctx, { provider: 'bank-aurora' });
 */
export async function listImports(
  ctx: Ctx,
  f: { provider?: string; period?: string; includeUndone?: boolean } = {},
): Promise<ImportRow[]> {
  requireBackOffice(ctx);
  const i = ctx.t.reconciliationImports;
  return ctx.db
    .select()
    .from(i)
    .where(
      and(
        f.provider ? eq(i.provider, f.provider) : undefined,
        f.period ? eq(i.period, f.period) : undefined,
        f.includeUndone ? undefined : eq(i.status, 'active'),
      ),
    )
    .orderBy(desc(i.period), asc(i.provider), desc(i.createdAt))
    .limit(500);
}

/**
 * @example
 * const { rows, totals } = await getReconciliation(ctx, importId);
 */
export async function getReconciliation(ctx: Ctx, importId: string): Promise<ReconciliationView> {
  requireBackOffice(ctx);
  const { t } = ctx;
  const [imp] = await ctx.db
    .select()
    .from(t.reconciliationImports)
    .where(eq(t.reconciliationImports.id, importId))
    .limit(1);
  if (!imp) throw notFound('Statement import', importId);
  const rows = await ctx.db.select().from(t.reconciliationRows).where(eq(t.reconciliationRows.importId, importId));
  const saleIds = [...new Set(rows.flatMap((r) => (r.saleId ? [r.saleId] : [])))];
  const sales = saleIds.length
    ? await ctx.db
        .select({ id: t.sales.id, saleDate: t.sales.saleDate, product: t.sales.product, clientId: t.sales.clientId })
        .from(t.sales)
        .where(inArray(t.sales.id, saleIds))
    : [];
  const saleOf = new Map(sales.map(({ id, ...s }) => [id, s]));
  const view = rows
    .map((r) => ({ ...r, sale: (r.saleId && saleOf.get(r.saleId)) || null }))
    .sort(
      (a, b) =>
        outcomeOrder[a.outcome] - outcomeOrder[b.outcome] ||
        (a.line ?? Infinity) - (b.line ?? Infinity) ||
        (a.sale?.saleDate ?? '').localeCompare(b.sale?.saleDate ?? '') ||
        a.id.localeCompare(b.id),
    );
  return { import: imp, rows: view, totals: totalsOf(rows) };
}

/** The active import of a provider's month, or 404. */
export async function activeImport(ctx: Ctx, provider: string, period: string): Promise<ImportRow> {
  const [imp] = await listImports(ctx, { provider, period });
  if (!imp) throw notFound('Reconciliation', `${provider} ${period}`);
  return imp;
}
