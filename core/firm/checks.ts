/**
 * @module firm/checks
 * The config rules the JSON Schema cannot say, gathered from the modules that own the sections, in
 * the order their problems are listed for the same line.
 */
import { checkRoles } from '../access/index.ts';
import { checkReminders } from '../calendar/index.ts';
import { checkClients } from '../clients/index.ts';
import { checkCompliance } from '../compliance/index.ts';
import type { ConfigCheck } from '../config/index.ts';
import { checkRetention } from '../gdpr/index.ts';
import { checkPurposes } from '../consents/index.ts';
import { checkLeads } from '../leads/index.ts';
import { checkBranchTypes } from '../org/index.ts';
import { checkPartners } from '../partners/index.ts';
import { checkWorkflow } from '../workflow/index.ts';

export const firmChecks: readonly ConfigCheck[] = [
  checkBranchTypes,
  checkRoles,
  checkWorkflow,
  checkClients,
  checkReminders,
  checkLeads,
  checkPartners,
  checkCompliance,
  checkRetention,
  checkPurposes,
];
