/**
 * @module reports/export/sources/commission-lines
 * Commission lines as an export: the filters of `GET /api/commission-lines`, the list's own scope
 * (`lineScope`: `commissions:read` over the line's owner, unit and partner; `mine` for the lines
 * that pay the exporter), with each line's explanation in the export's language. Read in keyset
 * pages by id. The sale amount beside a line is shown only to holders of `financial:read`.
 */
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { canAccess, scopeCondition, scopesOf } from '../../../access/index.ts';
import type { Ctx } from '../../../context.ts';
import type { ExportColumn, ExportLocale, ExportRow } from '../cells.ts';
import { nameBook } from '../names.ts';
import type { ListSource } from './source.ts';

export interface LineExportFilter {
  period?: string;
  ledger?: 'firm' | 'advisor' | 'partner' | 'unit';
  status?: 'proposed' | 'corrected' | 'approved';
  kind?: 'proposal' | 'adjustment' | 'clawback';
  beneficiaryKind?: 'provider' | 'advisor' | 'partner' | 'unit';
  beneficiaryId?: string;
  saleId?: string;
  mine?: boolean;
}

const PAGE = 500;

function where(ctx: Ctx, f: LineExportFilter): SQL | undefined {
  const c = ctx.t.commissionLines;
  const mine = f.mine
    ? ctx.actor.partnerId
      ? and(eq(c.beneficiaryKind, 'partner'), eq(c.beneficiaryId, ctx.actor.partnerId))
      : and(eq(c.beneficiaryKind, 'advisor'), eq(c.beneficiaryId, ctx.actor.userId ?? '-'))
    : undefined;
  return and(
    scopeCondition(ctx.actor, 'commissions:read', { owner: c.ownerId, unit: c.unitId, partner: c.partnerId }),
    mine,
    f.period ? eq(c.period, f.period) : undefined,
    f.ledger ? eq(c.ledger, f.ledger) : undefined,
    f.status ? eq(c.status, f.status) : undefined,
    f.kind ? eq(c.kind, f.kind) : undefined,
    f.beneficiaryKind ? eq(c.beneficiaryKind, f.beneficiaryKind) : undefined,
    f.beneficiaryId ? eq(c.beneficiaryId, f.beneficiaryId) : undefined,
    f.saleId ? eq(c.saleId, f.saleId) : undefined,
  );
}

async function* lineRows(ctx: Ctx, f: LineExportFilter, locale: ExportLocale): AsyncIterable<ExportRow> {
  const { t } = ctx;
  const c = t.commissionLines;
  const names = nameBook(ctx);
  let after: string | null = null;
  for (;;) {
    const page = await ctx.db
      .select({
        line: c,
        sale: { saleDate: t.sales.saleDate, provider: t.sales.provider, product: t.sales.product },
        saleAmount: t.sales.amountMinor,
        clientId: t.sales.clientId,
      })
      .from(c)
      .innerJoin(t.sales, eq(t.sales.id, c.saleId))
      .where(and(where(ctx, f), after ? gt(c.id, after) : undefined))
      .orderBy(asc(c.id))
      .limit(PAGE);
    const ids = (kind: string) => page.filter((p) => p.line.beneficiaryKind === kind).map((p) => p.line.beneficiaryId);
    await names.load('users', ids('advisor'));
    await names.load('units', [...ids('unit'), ...page.map((p) => p.line.unitId)]);
    await names.load('partners', ids('partner'));
    for (const { line, sale, saleAmount, clientId } of page) {
      const who =
        line.beneficiaryKind === 'advisor'
          ? names.name('users', line.beneficiaryId)
          : line.beneficiaryKind === 'unit'
            ? names.name('units', line.beneficiaryId)
            : line.beneficiaryKind === 'partner'
              ? names.name('partners', line.beneficiaryId)
              : line.beneficiaryId;
      const explanation = line.explanation as { pl?: string; en?: string };
      yield {
        id: line.id,
        period: line.period,
        ledger: line.ledger,
        kind: line.kind,
        status: line.status,
        beneficiary: who,
        saleDate: sale.saleDate,
        clientId,
        provider: sale.provider,
        product: sale.product,
        saleAmount: canAccess(ctx.actor, 'financial:read', line) ? saleAmount : null,
        amount: line.amountMinor,
        original: line.originalMinor,
        correctionReason: line.correctionReason,
        unit: names.name('units', line.unitId),
        explanation: explanation[locale] ?? null,
      };
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.line.id;
  }
}

function lineColumns(ctx: Ctx): ExportColumn[] {
  const financial = scopesOf(ctx.actor, 'financial:read').length > 0;
  return [
    { key: 'id', label: { pl: 'Identyfikator linii', en: 'Line id' }, width: 38 },
    { key: 'period', label: { pl: 'Okres', en: 'Period' }, width: 10 },
    { key: 'ledger', label: { pl: 'Rejestr', en: 'Ledger' }, width: 10 },
    { key: 'kind', label: { pl: 'Rodzaj', en: 'Kind' }, width: 12 },
    { key: 'status', label: { pl: 'Stan', en: 'Status' }, width: 12 },
    { key: 'beneficiary', label: { pl: 'Beneficjent', en: 'Beneficiary' } },
    { key: 'saleDate', label: { pl: 'Data sprzedaży', en: 'Sale date' }, type: 'date' },
    { key: 'clientId', label: { pl: 'Identyfikator klienta', en: 'Client id' }, width: 38 },
    { key: 'provider', label: { pl: 'Dostawca', en: 'Provider' } },
    { key: 'product', label: { pl: 'Produkt', en: 'Product' } },
    ...(financial
      ? [{ key: 'saleAmount', label: { pl: 'Kwota sprzedaży', en: 'Sale amount' }, type: 'money' as const }]
      : []),
    { key: 'amount', label: { pl: 'Prowizja', en: 'Commission' }, type: 'money' },
    { key: 'original', label: { pl: 'Proponowana', en: 'Proposed' }, type: 'money' },
    { key: 'correctionReason', label: { pl: 'Powód korekty', en: 'Correction reason' } },
    { key: 'unit', label: { pl: 'Oddział', en: 'Branch' } },
    { key: 'explanation', label: { pl: 'Wyjaśnienie', en: 'Explanation' }, width: 50 },
  ];
}

export const commissionLinesSource: ListSource<LineExportFilter> = {
  resource: 'commission-lines',
  read: 'commissions:read',
  export: 'commissions:export',
  title: { pl: 'Linie prowizyjne', en: 'Commission lines' },
  columns: async (ctx) => lineColumns(ctx),
  async count(ctx, f, cap) {
    const c = ctx.t.commissionLines;
    return (
      await ctx.db
        .select({ id: c.id })
        .from(c)
        .where(where(ctx, f))
        .limit(cap + 1)
    ).length;
  },
  rows: lineRows,
};
