/**
 * @module widgets/crm-partner-view/events
 * `crm-referral-select`: a partner chose one of its referred clients.
 */
import { CrmEvent } from '../base/events.ts';
import type { Referral } from './referral-types.ts';

/** A referral row was chosen; `clientId` and the referral as the portal API sent it (no personal data). */
export class CrmReferralSelectEvent extends CrmEvent {
  static readonly eventName = 'crm-referral-select';
  readonly clientId: string;
  readonly referral: Referral;
  constructor(clientId: string, referral: Referral) {
    super(CrmReferralSelectEvent.eventName);
    this.clientId = clientId;
    this.referral = referral;
  }
}

declare global {
  interface HTMLElementEventMap {
    'crm-referral-select': CrmReferralSelectEvent;
  }
}
