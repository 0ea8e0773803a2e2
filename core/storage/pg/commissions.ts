/**
 * @module storage/sqlite/commissions
 * Providers and products, stored rule-set versions, sales, commission lines on every ledger
 * (proposed, corrected, approved, adjustment, clawback, holdback reserve), approvals, settlement periods and
 * statements. Lines are never edited after approval: later changes are new lines. Each line keeps
 * copies of the columns it is scoped by (owner = the advisor it pays, unit = the sale's unit,
 * partner = the partner it pays), so scoping needs no join. Parallel: `../sqlite/commissions.ts`.
 */
import { index, pgTable as table, uniqueIndex } from 'drizzle-orm/pg-core';
import { bool, id, instant, int, json, money, text } from './columns.ts';

export const commissionProviders = table('commission_providers', {
  id: id('id').primaryKey(),
  name: text('name').notNull(),
  /** bank, insurer, leasing… */
  kind: text('kind').notNull(),
  details: json<string[]>('details').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const commissionProducts = table(
  'commission_products',
  {
    id: id('id').primaryKey(),
    providerId: id('provider_id').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('commission_products_provider_idx').on(t.providerId)],
);

export const commissionRuleSets = table(
  'commission_rule_sets',
  {
    id: id('id').primaryKey(),
    version: int('version').notNull(),
    ruleSet: json<Record<string, unknown>>('rule_set').notNull(),
    uploadedBy: id('uploaded_by'),
    uploadedAt: instant('uploaded_at').notNull(),
  },
  (t) => [uniqueIndex('commission_rule_sets_version_uq').on(t.version)],
);

export const sales = table(
  'sales',
  {
    id: id('id').primaryKey(),
    clientId: id('client_id').notNull(),
    historyId: id('history_id'),
    advisorId: id('advisor_id'),
    unitId: id('unit_id'),
    partnerId: id('partner_id'),
    provider: text('provider').notNull(),
    product: text('product').notNull(),
    productCategory: text('product_category'),
    amountMinor: money('amount_minor').notNull(),
    /** Local date `YYYY-MM-DD` in the firm's zone. */
    saleDate: text('sale_date').notNull(),
    ruleSetVersion: int('rule_set_version'),
    /** What the engine read, for showing the computation later: groups, unit type, source… */
    facts: json<Record<string, unknown>>('facts').notNull(),
    status: text('status').$type<'active' | 'cancelled'>().notNull(),
    cancellation: json<Record<string, unknown>>('cancellation'),
    createdBy: id('created_by'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('sales_client_idx').on(t.clientId),
    index('sales_unit_idx').on(t.unitId, t.saleDate),
    index('sales_advisor_idx').on(t.advisorId, t.saleDate),
    index('sales_date_idx').on(t.saleDate),
  ],
);

export const commissionLines = table(
  'commission_lines',
  {
    id: id('id').primaryKey(),
    saleId: id('sale_id').notNull(),
    ledger: text('ledger').$type<'firm' | 'advisor' | 'partner' | 'unit'>().notNull(),
    component: text('component').notNull(),
    kind: text('kind').$type<'proposal' | 'adjustment' | 'clawback' | 'reserve'>().notNull(),
    status: text('status').$type<'proposed' | 'corrected' | 'approved'>().notNull(),
    beneficiaryKind: text('beneficiary_kind').$type<'provider' | 'advisor' | 'partner' | 'unit'>().notNull(),
    beneficiaryId: id('beneficiary_id').notNull(),
    amountMinor: money('amount_minor').notNull(),
    /** The amount first proposed; kept when a person corrects the line. */
    originalMinor: money('original_minor').notNull(),
    correctionReason: text('correction_reason'),
    correctedBy: id('corrected_by'),
    correctedAt: instant('corrected_at'),
    /** No rule covered the sale: the 0 is a placeholder to be reviewed, never a silent zero. */
    missing: bool('missing').notNull(),
    ruleId: text('rule_id'),
    ruleVersion: int('rule_version'),
    explanation: json<Record<string, unknown>>('explanation').notNull(),
    /** The settlement month `YYYY-MM` the line belongs to. */
    period: text('period').notNull(),
    /** The line this one adjusts or reverses. */
    relatesTo: id('relates_to'),
    ownerId: id('owner_id'),
    unitId: id('unit_id'),
    partnerId: id('partner_id'),
    approvedBy: id('approved_by'),
    approvedAt: instant('approved_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('commission_lines_sale_idx').on(t.saleId),
    index('commission_lines_period_idx').on(t.ledger, t.period, t.status),
    index('commission_lines_beneficiary_idx').on(t.beneficiaryKind, t.beneficiaryId, t.period),
    index('commission_lines_unit_idx').on(t.unitId, t.period),
  ],
);

export const commissionApprovals = table(
  'commission_approvals',
  {
    id: id('id').primaryKey(),
    lineId: id('line_id').notNull(),
    batchId: id('batch_id').notNull(),
    amountMinor: money('amount_minor').notNull(),
    actorId: id('actor_id'),
    at: instant('at').notNull(),
  },
  (t) => [index('commission_approvals_line_idx').on(t.lineId)],
);

export const commissionPeriods = table(
  'commission_periods',
  {
    id: id('id').primaryKey(),
    ledger: text('ledger').notNull(),
    period: text('period').notNull(),
    closedBy: id('closed_by'),
    closedAt: instant('closed_at').notNull(),
  },
  (t) => [uniqueIndex('commission_periods_uq').on(t.ledger, t.period)],
);

export const commissionStatements = table(
  'commission_statements',
  {
    id: id('id').primaryKey(),
    number: text('number').notNull(),
    ledger: text('ledger').notNull(),
    period: text('period').notNull(),
    recipientKind: text('recipient_kind').notNull(),
    recipientId: id('recipient_id').notNull(),
    revision: int('revision').notNull(),
    /** The document as rendered (rows, totals, issue date): re-rendering it gives the same bytes. */
    document: json<Record<string, unknown>>('document').notNull(),
    totalMinor: money('total_minor').notNull(),
    lineCount: int('line_count').notNull(),
    /** sha256 of the lines it settles, to tell whether a new revision is needed. */
    linesHash: text('lines_hash').notNull(),
    /** sha256 (hex) of the document (keys sorted): what the statement says. */
    contentHash: text('content_hash').notNull(),
    /** sha256 of the PDF and XLSX bytes, set at the first rendering; every later one must match. */
    pdfHash: text('pdf_hash'),
    xlsxHash: text('xlsx_hash'),
    supersededAt: instant('superseded_at'),
    ownerId: id('owner_id'),
    unitId: id('unit_id'),
    partnerId: id('partner_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('commission_statements_number_uq').on(t.number),
    index('commission_statements_period_idx').on(t.ledger, t.period, t.recipientKind, t.recipientId),
  ],
);
