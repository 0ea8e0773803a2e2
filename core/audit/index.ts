/**
 * @module audit
 * The audit log: every change written in the transaction that makes it.
 */
export { writeAudit, writeAudits } from './log.ts';
