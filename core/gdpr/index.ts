/**
 * @module gdpr
 * Data-subject rights and storage limitation: the register of requests (GDPR Art. 12, 15–21) with
 * deadlines, the person export as JSON and PDF (Art. 15, 20), erasure that keeps commission records
 * pseudonymised (Art. 17(3)(b)), restriction and objection (Art. 18, 21), and the retention rules
 * with their dry run and log (Art. 5(1)(e)).
 */
export { retentionConfigSchema, type RetentionConfig, type RetentionRule } from './config-schema.ts';
export { checkRetention } from './checks.ts';
export { addMonths } from './dates.ts';
export {
  closeRequest,
  extendRequest,
  getRequest,
  listRequests,
  registerRequest,
  requestKinds,
  requestRow,
  type GdprRequest,
  type Identifiers,
  type RequestInput,
  type RequestKind,
  type RequestStatus,
} from './requests.ts';
export { exportPerson, type PersonExport } from './export-data.ts';
export { personExportPdf } from './export-pdf.ts';
export { compactAfterErasure, eraseClient, erasurePreview, pseudonymOf, type ErasureResult } from './erase.ts';
export { liftRestriction, restrictClient, type LimitKind } from './restrict.ts';
export { executeRequest, requestExport } from './execute.ts';
export {
  listRetentionRuns,
  planRetention,
  runRetention,
  runRetentionIfDue,
  type RetentionCandidate,
  type RetentionRun,
} from './retention.ts';
