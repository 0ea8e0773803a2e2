/**
 * @module compliance
 * Intermediary compliance under the mortgage credit act: advisors' KNF registration (tied or
 * independent), OC insurance and training records; reminders before they lapse; the guard that
 * refuses a sale by an advisor not registered or insured on the sale date; the manager's list of
 * advisors about to lapse; and the pre-contract disclosure (art. 17) with its delivery and guard.
 * See docs/compliance.md.
 */
export {
  getCompliance,
  setRegistration,
  addPolicy,
  removePolicy,
  addTraining,
  removeTraining,
  type ComplianceRecord,
  type RegistrationInput,
  type PolicyInput,
  type TrainingInput,
  type Training,
} from './items.ts';
export { complianceState, type ComplianceState, type ComplianceProblem, type ItemStatus } from './state.ts';
export { assertMaySell, type SaleToCheck } from './guard.ts';
export { listLapsing, type LapsingItem } from './lapsing.ts';
export { sendComplianceReminders, COMPLIANCE_REMINDER_PURPOSE } from './reminders.ts';
export { disclosureDocument, type DisclosureDocument, type DisclosureInput } from './disclosure/document.ts';
export { disclosurePdf } from './disclosure/pdf.ts';
export {
  createDisclosure,
  listDisclosures,
  disclosureFile,
  recordDelivery,
  assertDisclosed,
  type Disclosure,
  type DeliveryMethod,
} from './disclosure/disclosures.ts';
export { compliancePlugin } from './plugin.ts';
export { complianceConfigSchema, type ComplianceConfig } from './config-schema.ts';
export { checkCompliance } from './checks.ts';
