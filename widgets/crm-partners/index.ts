/**
 * @module widgets/crm-partners
 * Registers `<crm-partners>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmPartners } from './crm-partners.component.ts';

export { CrmPartners } from './crm-partners.component.ts';
export { splitEmails, validNip } from './words.ts';

defineElement('crm-partners', CrmPartners);
