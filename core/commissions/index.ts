/**
 * @module commissions
 * Commission rules as data and the pure engine that turns a sale into proposed lines on the firm,
 * advisor, partner and unit ledgers, with explanations in Polish and English; clawbacks reverse
 * them exactly. Storage, approval and statements build on these (see docs/commissions.md).
 */
export {
  ruleSetSchema,
  ruleSchema,
  ledgers,
  type CommissionRuleSet,
  type CommissionRule,
  type RuleRate,
  type RuleConditions,
  type Ledger,
} from './rules/schema.ts';
export { checkRuleSet, type RuleSetCheckOptions } from './rules/checks.ts';
export {
  assertRuleSet,
  parseRuleSet,
  ruleSetProblems,
  locateProblems,
  RuleSetError,
  type RuleSetProblem,
} from './rules/load.ts';
export {
  clawbackRuleSchema,
  clawbackKinds,
  type ClawbackRule,
  type ClawbackFraction,
} from './rules/clawback-schema.ts';
export { clawbackTerms, fullMonths, type ClawbackTerms, type ClawbackSale } from './engine/clawback-terms.ts';
export type {
  CommissionRuleType,
  CommissionRuleTypes,
  CommissionRuleInput,
  CommissionRuleResult,
} from './rules/rule-type.ts';
export { proposeCommissions } from './engine/propose.ts';
export { clawbackLines, type ClawbackEvent } from './engine/clawback.ts';
export { standardRuleType, ruleTypesOf } from './engine/rule-types.ts';
export { saleDateOf } from './engine/sale-date.ts';
export type {
  CommissionSale,
  CommissionContext,
  CommissionLine,
  ClawbackLine,
  ClawbackKind,
  LineExplanation,
  Beneficiary,
  BeneficiaryKind,
  TierPart,
} from './engine/types.ts';
export { approveLines, type ApprovalResult, type WaitingStatement } from './ledger/approve.ts';
export { approveMatching, MAX_APPROVE_MATCHING, type MatchingFilter } from './ledger/approve-matching.ts';
export { adjustLine, correctLine } from './ledger/correct.ts';
export { listLines, lineSorts, lineStatusFilters, type LineFilter, type LineSort } from './ledger/lines.ts';
export { withNames, type LineNames } from './ledger/names.ts';
export { summarizeLines, type LineSummary, type RecipientGroup } from './ledger/summary.ts';
export { lineFacets, type LineFacets } from './ledger/facets.ts';
export { listPeriods } from './ledger/periods.ts';
export { listCatalog, saveCatalog, type ProductCatalog } from './products/catalog.ts';
export { getRuleSet, latestRuleSet, listRuleSets, uploadRuleSet } from './products/rule-sets.ts';
export { composeRuleSet } from './rules/compose.ts';
export { diffRuleSets, rateText, type RuleChange, type FieldChange } from './rules/diff.ts';
export {
  getRuleDraft,
  createRuleDraft,
  saveRuleDraft,
  discardRuleDraft,
  draftRuleSet,
  ruleDraftDiff,
  publishRuleDraft,
  publications,
  earliestPublishDate,
  firstOfNextMonth,
  MAX_DRAFT_CHARS,
  type RuleDraft,
  type PublishedRuleSet,
} from './rules/drafts.ts';
export {
  simulateRuleSet,
  previousMonth,
  storedSaleInput,
  MAX_SIMULATION_SALES,
  MAX_SIMULATION_LINES,
  type Simulation,
  type SimulationLine,
  type SimulationRecipient,
} from './simulation/simulate.ts';
export { saleFacts, type SaleBasics } from './sales/facts.ts';
export { cancelSale } from './sales/cancel-sale.ts';
export { previewSale, type SalePreview, type PreviewLine } from './sales/preview-sale.ts';
export { uncoveredLedgers } from './sales/uncovered.ts';
export { getSale, listSales } from './sales/queries.ts';
export { closePeriod, getStatement, listStatements, statementFile } from './statements/queries.ts';
export { pendingStatements, type PendingStatement } from './statements/pending.ts';
export {
  raiseLineInquiry,
  raiseStatementInquiry,
  getInquiry,
  listInquiries,
  answerInquiry,
  rejectInquiry,
  correctFromInquiry,
  inquiryReasons,
  MAX_INQUIRY_ATTACHMENT_BYTES,
  type Inquiry,
  type InquiryInput,
  type InquiryReason,
  type InquiryStatus,
} from './inquiries/inquiries.ts';
export { lineHistory, type LineHistoryStep } from './inquiries/history.ts';
export { commissionsPlugin } from './wire.ts';
/** The `commissionRules` slot this module declares on `CrmPlugin` (declaration merging). */
export type {} from './plugin-slot.ts';
