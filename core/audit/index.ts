/**
 * @module audit
 * The audit log: append-only and hash-chained. Every change is written in the transaction that
 * makes it; reads of personal data are buffered and written in batches; `verifyAuditChain` walks
 * the chain; `listAudit` answers "who saw or changed this person's data" and "what did this user do".
 */
export { writeAudit, writeAudits, appendAuditRows, holdAuditRows, auditRow, type AuditEntry } from './log.ts';
export type { AuditRow } from './chain.ts';
export { canonicalJson, entryHash, GENESIS } from './canonical.ts';
export { bufferAudit, flushBuffered, READ_FLUSH_MS } from './buffered.ts';
export { verifyAuditChain, type VerifyResult, type VerifyOptions } from './verify.ts';
export { listAudit, type AuditQuery, type AuditItem, type AuditPage } from './query.ts';
export { maskedEmail } from './mask-email.ts';
