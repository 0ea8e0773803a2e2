/**
 * @module leads
 * Lead intake: public source keys, the lead schema derived from the client schema,
 * consents, idempotency, dedupe, referral protection, assignment, spam screening and portal mappings.
 */
export { receiveLead, newReference, type LeadCaller, type LeadOptions, type LeadResult } from './intake.ts';
export { parseLead, checkConsents, leadSchemas, type LeadInput } from './lead-schema.ts';
export {
  createSourceKey,
  listSourceKeys,
  revokeSourceKey,
  rotateSourceKey,
  resolveSourceKey,
  normalizeOrigin,
  type SourceKey,
  type SourceKeyInput,
} from './source-keys.ts';
export { issueFormToken, checkFormToken, type TokenVerdict } from './form-token.ts';
export { screenSubmission, type Screening } from './spam.ts';
export { applyMapping, mapPayload, readPointer, type LeadMappingFunction } from './mapping.ts';
export { assignLead, type Assignment } from './assign.ts';
export { bodyHash } from './idempotency.ts';
export { listReferralConflicts, resolveReferralConflict, type ReferralConflict } from './conflicts.ts';
export { formConfig, type FormConfig, type FormField, type FormConsent } from './form-config.ts';
export { createRateLimiter, type RateLimiter } from './rate-limit.ts';
export { leadsConfigSchema } from './config-schema.ts';
export { checkLeads } from './checks.ts';
export { checkIdempotencyKey } from './idempotency.ts';
export { forgetSourceKeys } from './source-keys.ts';
