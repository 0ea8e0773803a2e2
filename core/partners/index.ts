/**
 * @module partners
 * Partner firms and their representatives, partner logins, the partner portal without
 * personal data and automatic partner reports.
 */
export {
  createPartner,
  getPartner,
  listPartners,
  updatePartner,
  type Partner,
  type PartnerInput,
  type PartnerPatch,
} from './partners.ts';
export {
  addPartnerPerson,
  listPartnerPeople,
  updatePartnerPerson,
  createPartnerLogin,
  partnerPerson,
  type PartnerPerson,
} from './people.ts';
export { subscribePartnerReport, listPartnerSubscriptions, type ReportSubscription } from './subscriptions.ts';
export { referredClients, referredClient, portalPartner, generatedReference, type ReferredClient } from './portal.ts';
export { partnerCondition, seesPartner } from './access.ts';
export { partnersConfigSchema } from './config-schema.ts';
export { checkPartners } from './checks.ts';
export { sendDuePartnerReports, sendPartnerReportNow, PARTNER_REPORT_PURPOSE } from './report.ts';
export { recheckPartnerReport } from './report-recheck.ts';
export {
  referralForm,
  submitReferral,
  referralClassification,
  REFERENCE_PATTERN,
  type ReferralForm,
  type ReferralInput,
} from './referrals.ts';
