/**
 * @module widgets/crm-partner-view
 * Registers `<crm-partner-view>`. Import this (or load `dist/widgets/crm-partner-view.js`) to use the tag.
 */
import { defineElement } from '../base/define.ts';
import { CrmPartnerView } from './crm-partner-view.component.ts';

export { CrmPartnerView } from './crm-partner-view.component.ts';
export { CrmReferralSelectEvent } from './events.ts';
export type { Referral, PortalPartner } from './referral-types.ts';

defineElement('crm-partner-view', CrmPartnerView);
