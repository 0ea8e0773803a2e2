/**
 * @module reconciliation/expected
 * What the firm expects a provider to pay for a month: its firm-ledger lines of that month, net per
 * sale, with the references and keyed client identifiers a statement row may quote.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { ProviderMapping } from './config-schema.ts';
import type { ExpectedSale } from './match.ts';

/**
 * @example
 * const expected = await expectedSales(ctx, 'bank-aurora', '2026-03', mapping);
 */
export async function expectedSales(
  ctx: Ctx,
  provider: string,
  period: string,
  mapping: ProviderMapping,
): Promise<ExpectedSale[]> {
  const { t } = ctx;
  const c = t.commissionLines;
  const lines = await ctx.db
    .select({
      id: c.id,
      saleId: c.saleId,
      kind: c.kind,
      component: c.component,
      amountMinor: c.amountMinor,
      saleDate: t.sales.saleDate,
      clientId: t.sales.clientId,
    })
    .from(c)
    .innerJoin(t.sales, eq(t.sales.id, c.saleId))
    .where(
      and(eq(c.ledger, 'firm'), eq(c.beneficiaryKind, 'provider'), eq(c.beneficiaryId, provider), eq(c.period, period)),
    )
    .orderBy(asc(t.sales.saleDate), asc(c.saleId), asc(c.createdAt), asc(c.id));
  const bySale = new Map<string, ExpectedSale & { clientId: string }>();
  const own = new Set<string>();
  for (const l of lines) {
    let s = bySale.get(l.saleId);
    if (!s)
      bySale.set(
        l.saleId,
        (s = {
          saleId: l.saleId,
          lineId: l.id,
          saleDate: l.saleDate,
          expectedMinor: 0,
          references: [l.saleId],
          identifierHashes: [],
          clientId: l.clientId,
        }),
      );
    // The difference is booked against the sale's own commission line when it has one.
    if (l.kind === 'proposal' && l.component === 'commission' && !own.has(l.saleId)) {
      own.add(l.saleId);
      s.lineId = l.id;
    }
    s.expectedMinor += l.amountMinor;
  }
  const sales = [...bySale.values()];
  const clientIds = [...new Set(sales.map((s) => s.clientId))];
  if (!clientIds.length) return [];
  const keys = await ctx.db
    .select({ clientId: t.clientKeys.clientId, hash: t.clientKeys.hash })
    .from(t.clientKeys)
    .where(and(inArray(t.clientKeys.clientId, clientIds), inArray(t.clientKeys.kind, ['pesel', 'nip', 'regon'])));
  const field = mapping.referenceField;
  const refs = new Map<string, string>();
  if (field) {
    const clients = await ctx.db
      .select({ id: t.clients.id, data: t.clients.data })
      .from(t.clients)
      .where(inArray(t.clients.id, clientIds));
    for (const cl of clients) {
      const v = cl.data[field];
      if (typeof v === 'string' && v.trim()) refs.set(cl.id, v.trim());
      else if (typeof v === 'number') refs.set(cl.id, String(v));
    }
  }
  return sales.map(({ clientId, ...s }) => ({
    ...s,
    references: refs.has(clientId) ? [...s.references, refs.get(clientId)!] : s.references,
    identifierHashes: keys.filter((k) => k.clientId === clientId).map((k) => k.hash),
  }));
}
