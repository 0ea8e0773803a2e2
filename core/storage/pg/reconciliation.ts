/**
 * @module storage/pg/reconciliation
 * Provider statements imported for bank reconciliation (expected vs received): one import per
 * provider and month (undone imports are kept, marked), and its rows — every received line with
 * the firm-ledger sale it matched, and every expected sale nothing paid (outcome `missing`) — with
 * how a person resolved each difference. No plain identifier is kept: a row names the client's
 * PESEL or NIP by its last digits only. Parallel: `../sqlite/reconciliation.ts`.
 */
import { index, pgTable as table } from 'drizzle-orm/pg-core';
import { id, instant, int, json, money, text } from './columns.ts';

export const reconciliationImports = table(
  'reconciliation_imports',
  {
    id: id('id').primaryKey(),
    provider: text('provider').notNull(),
    /** The settlement month `YYYY-MM` the statement pays. */
    period: text('period').notNull(),
    fileName: text('file_name').notNull(),
    /** `utf-8`, `windows-1250` or `xlsx`. */
    encoding: text('encoding').notNull(),
    status: text('status').$type<'active' | 'undone'>().notNull(),
    rowCount: int('row_count').notNull(),
    expectedMinor: money('expected_minor').notNull(),
    receivedMinor: money('received_minor').notNull(),
    createdBy: id('created_by'),
    createdAt: instant('created_at').notNull(),
    undoneBy: id('undone_by'),
    undoneAt: instant('undone_at'),
  },
  (t) => [index('reconciliation_imports_provider_idx').on(t.provider, t.period, t.status)],
);

export const reconciliationRows = table(
  'reconciliation_rows',
  {
    id: id('id').primaryKey(),
    importId: id('import_id').notNull(),
    /** The row's line in the file (the header is line 1); null for an expected sale nothing paid. */
    line: int('line'),
    outcome: text('outcome').$type<'matched' | 'short-paid' | 'over-paid' | 'unexpected' | 'missing'>().notNull(),
    /** How the row was matched: `reference`, `identifier` or `amount-date`. */
    matchedBy: text('matched_by'),
    reference: text('reference'),
    /** The last digits of the client's identifier as the statement gave it, e.g. `…0274`. */
    identifierHint: text('identifier_hint'),
    paidOn: text('paid_on'),
    receivedMinor: money('received_minor').notNull(),
    expectedMinor: money('expected_minor').notNull(),
    /** received − expected. */
    differenceMinor: money('difference_minor').notNull(),
    saleId: id('sale_id'),
    /** The firm-ledger line the sale's commission is booked on. */
    lineId: id('line_id'),
    resolution: text('resolution').$type<'accepted' | 'adjusted' | 'disputed'>(),
    resolutionReason: text('resolution_reason'),
    /** Commission lines written or corrected by an adjustment. */
    adjustedLineIds: json<string[]>('adjusted_line_ids'),
    resolvedBy: id('resolved_by'),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [index('reconciliation_rows_import_idx').on(t.importId), index('reconciliation_rows_sale_idx').on(t.saleId)],
);
