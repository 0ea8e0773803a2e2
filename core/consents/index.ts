/**
 * @module consents
 * Purposes of processing with their lawful bases (the `purposes` config section), the consent
 * ledger per client and purpose, and the send-time check every outgoing message about a client
 * passes (GDPR Art. 6, 7, 21; Polish e-communications law art. 398). See docs/gdpr.md.
 */
export {
  purposesConfigSchema,
  lawfulBases,
  basisArticle,
  purposeChannels,
  type PurposesConfig,
  type LawfulBasis,
  type PurposeChannel,
} from './config-schema.ts';
export { checkPurposes } from './checks.ts';
export {
  purposesOf,
  purposeOf,
  textHash,
  type Purpose,
  type PurposeVersion,
  type Label,
  type Lang,
} from './purposes.ts';
export {
  getConsents,
  recordConsent,
  type ClientConsents,
  type ConsentEvent,
  type ConsentInput,
  type PurposeState,
} from './ledger.ts';
export { consentMethods, type ConsentMethod, type ConsentAction, type StateName } from './state.ts';
export { sendVerdict, sendVerdicts, gatingPurposes, type SendVerdict } from './send-check.ts';
export { consentRowsForLead, methodOfLead } from './lead-consents.ts';
