/**
 * @module reconciliation
 * Bank reconciliation, expected vs received: a provider's monthly commission statement (CSV or
 * XLSX, Polish formats) is imported through the provider's mapping in the config, matched to the
 * firm-ledger lines it pays (reference, client identifier, amount and date), and every difference
 * — short-paid, over-paid, unexpected, missing — is resolved by the back office (accept, adjust,
 * dispute). Reports per provider and month as PDF and XLSX. See docs/commissions.md.
 */
export { reconciliationConfigSchema, type ReconciliationConfig, type ProviderMapping } from './config-schema.ts';
export {
  importStatement,
  undoImport,
  type StatementImportInput,
  type ImportRow,
  type ReconciliationRow,
} from './import-statement.ts';
export { listImports, getReconciliation, activeImport, type ReconciliationView } from './queries.ts';
export { resolveRow, type ResolveInput } from './resolve.ts';
export { reconciliationDocument, reconciliationFile } from './report.ts';
export { matchPayments, totalsOf, type Outcome } from './match.ts';
export { parseMoneyMinor, parseDay } from './parse-rows.ts';
