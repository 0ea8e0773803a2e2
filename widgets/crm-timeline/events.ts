/**
 * @module widgets/crm-timeline/events
 * `crm-activity-add`: a contact was recorded from the timeline's form.
 */
import { CrmEvent } from '../base/events.ts';

/** A contact (call, meeting, note…) was recorded for `clientId`. */
export class CrmActivityAddEvent extends CrmEvent {
  static readonly eventName = 'crm-activity-add';
  readonly clientId: string;
  readonly activityType: string;
  constructor(clientId: string, activityType: string) {
    super(CrmActivityAddEvent.eventName);
    this.clientId = clientId;
    this.activityType = activityType;
  }
}

declare global {
  interface HTMLElementEventMap {
    'crm-activity-add': CrmActivityAddEvent;
  }
}
