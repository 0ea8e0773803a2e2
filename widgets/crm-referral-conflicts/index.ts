/**
 * @module widgets/crm-referral-conflicts
 * Registers `<crm-referral-conflicts>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmReferralConflicts } from './crm-referral-conflicts.component.ts';

export { CrmReferralConflicts, type Conflict } from './crm-referral-conflicts.component.ts';

defineElement('crm-referral-conflicts', CrmReferralConflicts);
