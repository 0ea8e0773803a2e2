/**
 * @module widgets/crm-my-commissions
 * Registers `<crm-my-commissions>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmMyCommissions } from './crm-my-commissions.component.ts';

export { CrmMyCommissions } from './crm-my-commissions.component.ts';

defineElement('crm-my-commissions', CrmMyCommissions);
