/**
 * @module widgets/crm-client-list/events
 * `crm-client-select`: a person chose a client in the list.
 */
import type { ClientItem } from '../base/client-types.ts';
import { CrmEvent } from '../base/events.ts';

/** A client row was chosen; `clientId` and the row as the list received it. */
export class CrmClientSelectEvent extends CrmEvent {
  static readonly eventName = 'crm-client-select';
  readonly clientId: string;
  readonly client: ClientItem;
  constructor(clientId: string, client: ClientItem) {
    super(CrmClientSelectEvent.eventName);
    this.clientId = clientId;
    this.client = client;
  }
}

declare global {
  interface HTMLElementEventMap {
    'crm-client-select': CrmClientSelectEvent;
  }
}
