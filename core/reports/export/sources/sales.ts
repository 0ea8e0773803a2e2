/**
 * @module reports/export/sources/sales
 * Sales as an export: the filters of `GET /api/sales` (client, status, month), scoped by
 * `commissions:read` over the sale's advisor, unit and partner like the list, but read in keyset
 * pages by id instead of the list's 1,000-row cap. The sale amount is a financial figure: its
 * column is there only for holders of `financial:read`, and empty for a sale outside that scope.
 */
import { and, asc, eq, gt, gte, lt, type SQL } from 'drizzle-orm';
import { canAccess, scopeCondition, scopesOf } from '../../../access/index.ts';
import type { Ctx } from '../../../context.ts';
import type { ExportColumn, ExportLocale, ExportRow } from '../cells.ts';
import { nameBook } from '../names.ts';
import type { ListSource } from './source.ts';

export interface SaleExportFilter {
  clientId?: string;
  status?: 'active' | 'cancelled';
  /** A month `YYYY-MM` of the sale date. */
  period?: string;
}

const PAGE = 500;
const statusLabel = {
  active: { pl: 'aktywna', en: 'active' },
  cancelled: { pl: 'anulowana', en: 'cancelled' },
} as const;

function where(ctx: Ctx, f: SaleExportFilter): SQL | undefined {
  const s = ctx.t.sales;
  return and(
    scopeCondition(ctx.actor, 'commissions:read', { owner: s.advisorId, unit: s.unitId, partner: s.partnerId }),
    f.clientId ? eq(s.clientId, f.clientId) : undefined,
    f.status ? eq(s.status, f.status) : undefined,
    f.period ? and(gte(s.saleDate, `${f.period}-01`), lt(s.saleDate, `${f.period}-32`)) : undefined,
  );
}

async function* saleRows(ctx: Ctx, f: SaleExportFilter, locale: ExportLocale): AsyncIterable<ExportRow> {
  const s = ctx.t.sales;
  const names = nameBook(ctx);
  let after: string | null = null;
  for (;;) {
    const page = await ctx.db
      .select()
      .from(s)
      .where(and(where(ctx, f), after ? gt(s.id, after) : undefined))
      .orderBy(asc(s.id))
      .limit(PAGE);
    await names.load(
      'users',
      page.map((r) => r.advisorId),
    );
    await names.load(
      'units',
      page.map((r) => r.unitId),
    );
    await names.load(
      'partners',
      page.map((r) => r.partnerId),
    );
    for (const r of page) {
      const own = { ownerId: r.advisorId, unitId: r.unitId, partnerId: r.partnerId };
      yield {
        id: r.id,
        saleDate: r.saleDate,
        clientId: r.clientId,
        provider: r.provider,
        product: r.product,
        category: r.productCategory,
        amount: canAccess(ctx.actor, 'financial:read', own) ? r.amountMinor : null,
        status: statusLabel[r.status]?.[locale] ?? r.status,
        advisor: names.name('users', r.advisorId),
        unit: names.name('units', r.unitId),
        partner: names.name('partners', r.partnerId),
      };
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.id;
  }
}

function saleColumns(ctx: Ctx): ExportColumn[] {
  const financial = scopesOf(ctx.actor, 'financial:read').length > 0;
  return [
    { key: 'id', label: { pl: 'Identyfikator sprzedaży', en: 'Sale id' }, width: 38 },
    { key: 'saleDate', label: { pl: 'Data sprzedaży', en: 'Sale date' }, type: 'date' },
    { key: 'clientId', label: { pl: 'Identyfikator klienta', en: 'Client id' }, width: 38 },
    { key: 'provider', label: { pl: 'Dostawca', en: 'Provider' } },
    { key: 'product', label: { pl: 'Produkt', en: 'Product' } },
    { key: 'category', label: { pl: 'Kategoria', en: 'Category' } },
    ...(financial ? [{ key: 'amount', label: { pl: 'Kwota', en: 'Amount' }, type: 'money' as const }] : []),
    { key: 'status', label: { pl: 'Stan', en: 'Status' }, width: 12 },
    { key: 'advisor', label: { pl: 'Doradca', en: 'Advisor' } },
    { key: 'unit', label: { pl: 'Oddział', en: 'Branch' } },
    { key: 'partner', label: { pl: 'Partner', en: 'Partner' } },
  ];
}

export const salesSource: ListSource<SaleExportFilter> = {
  resource: 'sales',
  read: 'commissions:read',
  export: 'commissions:export',
  title: { pl: 'Sprzedaż', en: 'Sales' },
  columns: async (ctx) => saleColumns(ctx),
  async count(ctx, f, cap) {
    const s = ctx.t.sales;
    return (
      await ctx.db
        .select({ id: s.id })
        .from(s)
        .where(where(ctx, f))
        .limit(cap + 1)
    ).length;
  },
  rows: saleRows,
};
