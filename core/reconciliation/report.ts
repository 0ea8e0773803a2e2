/**
 * @module reconciliation/report
 * The reconciliation report of a provider's month as a table document — every difference and
 * match with expected, received and difference, totals per outcome — rendered as PDF or XLSX by
 * the reports module's renderers (the same ones statements use).
 */
import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { renderTablePdf, writeTableXlsx, type TableDocument } from '../reports/index.ts';
import type { Outcome } from './match.ts';
import { activeImport, getReconciliation } from './queries.ts';

type Locale = 'pl' | 'en';

const outcomeLabel: Record<Locale, Record<Outcome, string>> = {
  pl: {
    matched: 'Zgodne',
    'short-paid': 'Niedopłata',
    'over-paid': 'Nadpłata',
    unexpected: 'Nieoczekiwana wpłata',
    missing: 'Brak wpłaty',
  },
  en: {
    matched: 'Matched',
    'short-paid': 'Short-paid',
    'over-paid': 'Over-paid',
    unexpected: 'Unexpected',
    missing: 'Missing',
  },
};
const resolutionLabel: Record<Locale, Record<string, string>> = {
  pl: { accepted: 'Zaakceptowano', adjusted: 'Skorygowano', disputed: 'Reklamacja' },
  en: { accepted: 'Accepted', adjusted: 'Adjusted', disputed: 'Disputed' },
};
const words = {
  pl: {
    title: 'Uzgodnienie prowizji z wyciągiem',
    line: 'Wiersz',
    outcome: 'Wynik',
    reference: 'Referencja',
    client: 'Klient',
    saleDate: 'Data sprzedaży',
    paidOn: 'Data wpłaty',
    expected: 'Oczekiwano',
    received: 'Otrzymano',
    difference: 'Różnica',
    resolution: 'Rozstrzygnięcie',
    period: 'Okres',
    file: 'Plik',
    imported: 'Zaimportowano',
    total: 'Razem',
  },
  en: {
    title: 'Commission reconciliation with the statement',
    line: 'Row',
    outcome: 'Outcome',
    reference: 'Reference',
    client: 'Client',
    saleDate: 'Sale date',
    paidOn: 'Paid on',
    expected: 'Expected',
    received: 'Received',
    difference: 'Difference',
    resolution: 'Resolution',
    period: 'Period',
    file: 'File',
    imported: 'Imported',
    total: 'Total',
  },
} as const;

/**
 * The report of the active import of `provider`'s `period` (404 when none).
 * @example
 * const doc = await reconciliationDocument(ctx, 'bank-aurora', '2026-03', 'pl');
 */
export async function reconciliationDocument(
  ctx: Ctx,
  provider: string,
  period: string,
  locale: Locale = 'pl',
): Promise<TableDocument> {
  const imp = await activeImport(ctx, provider, period);
  const { rows, totals } = await getReconciliation(ctx, imp.id);
  const [p] = await ctx.db
    .select({ name: ctx.t.commissionProviders.name })
    .from(ctx.t.commissionProviders)
    .where(eq(ctx.t.commissionProviders.id, provider));
  const w = words[locale];
  const o = outcomeLabel[locale];
  const differences = (['short-paid', 'over-paid', 'unexpected', 'missing'] as const).map(
    (k) => [`${o[k]} (${totals.byOutcome[k].count})`, totals.byOutcome[k].differenceMinor] as const,
  );
  return {
    title: w.title,
    subtitle: `${p?.name ?? provider} · ${period}`,
    issuer: { name: ctx.config.firm.name, lines: [] },
    recipient: { name: p?.name ?? provider, lines: [provider] },
    meta: [
      [w.period, period],
      [w.file, imp.fileName],
      [w.imported, imp.createdAt.toISOString().slice(0, 10)],
    ],
    columns: [
      { key: 'line', label: w.line, width: 0.75 },
      { key: 'outcome', label: w.outcome, width: 1.5 },
      { key: 'reference', label: w.reference, width: 1.5 },
      { key: 'client', label: w.client, width: 0.75 },
      { key: 'saleDate', label: w.saleDate, kind: 'date', width: 1.1 },
      { key: 'paidOn', label: w.paidOn, kind: 'date', width: 1.1 },
      { key: 'expected', label: w.expected, kind: 'money', width: 1.3 },
      { key: 'received', label: w.received, kind: 'money', width: 1.3 },
      { key: 'difference', label: w.difference, kind: 'money', width: 1.3 },
      { key: 'resolution', label: w.resolution, width: 1.8 },
    ],
    rows: rows.map((r) => ({
      line: r.line === null ? '' : String(r.line),
      outcome: o[r.outcome],
      reference: r.reference ?? '',
      client: r.identifierHint ?? '',
      saleDate: r.sale?.saleDate ?? null,
      paidOn: r.paidOn,
      expected: r.expectedMinor,
      received: r.receivedMinor,
      difference: r.differenceMinor,
      resolution: r.resolution
        ? `${resolutionLabel[locale][r.resolution]}${r.resolutionReason ? `: ${r.resolutionReason}` : ''}`
        : '',
    })),
    totals: [
      [`${w.expected} — ${w.total.toLowerCase()}`, totals.expectedMinor, 'expected'],
      [`${w.received} — ${w.total.toLowerCase()}`, totals.receivedMinor, 'received'],
      [`${w.difference} — ${w.total.toLowerCase()}`, totals.differenceMinor, 'difference'],
      ...differences,
    ],
    locale,
    currency: 'PLN',
    issuedAt: ctx.clock.now(),
  };
}

/**
 * @example
 * const { bytes, filename } = await reconciliationFile(ctx, 'bank-aurora', '2026-03', 'pdf');
 */
export async function reconciliationFile(
  ctx: Ctx,
  provider: string,
  period: string,
  format: 'pdf' | 'xlsx',
  locale: Locale = 'pl',
): Promise<{ bytes: Uint8Array; contentType: string; filename: string }> {
  const doc = await reconciliationDocument(ctx, provider, period, locale);
  const filename = `uzgodnienie-${provider}-${period}.${format}`;
  if (format === 'pdf') return { bytes: await renderTablePdf(doc), contentType: 'application/pdf', filename };
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  await writeTableXlsx(doc, sink);
  sink.end();
  await ended;
  return {
    bytes: new Uint8Array(Buffer.concat(chunks)),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename,
  };
}
