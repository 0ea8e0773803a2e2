/**
 * @module widgets/crm-status-picker/events
 * `crm-status-change`: the picker moved a client to another status.
 */
import { CrmEvent } from '../base/events.ts';

/** A client moved from `from` to `to`; `version` is the client's new version. */
export class CrmStatusChangeEvent extends CrmEvent {
  static readonly eventName = 'crm-status-change';
  readonly clientId: string;
  readonly from: string;
  readonly to: string;
  readonly version: number;
  constructor(init: { clientId: string; from: string; to: string; version: number }) {
    super(CrmStatusChangeEvent.eventName);
    this.clientId = init.clientId;
    this.from = init.from;
    this.to = init.to;
    this.version = init.version;
  }
}

declare global {
  interface HTMLElementEventMap {
    'crm-status-change': CrmStatusChangeEvent;
  }
}
