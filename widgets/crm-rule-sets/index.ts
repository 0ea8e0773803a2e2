/**
 * @module widgets/crm-rule-sets
 * Registers `<crm-rule-sets>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmRuleSets } from './crm-rule-sets.component.ts';

export { CrmRuleSets } from './crm-rule-sets.component.ts';

defineElement('crm-rule-sets', CrmRuleSets);
