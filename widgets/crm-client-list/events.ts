/**
 * @module widgets/crm-client-list/events
 * `crm-client-select`: a person chose a client in the list; `crm-client-new`: they asked for the
 * new-client form; `crm-clients-assigned`: they gave the selected clients to another advisor.
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

/** The "Nowy klient" button was pressed (shown to holders of `clients:write`). */
export class CrmClientNewEvent extends CrmEvent {
  static readonly eventName = 'crm-client-new';
  constructor() {
    super(CrmClientNewEvent.eventName);
  }
}

/** Selected clients were given to another advisor; `ids` and the new `ownerId`. */
export class CrmClientsAssignedEvent extends CrmEvent {
  static readonly eventName = 'crm-clients-assigned';
  readonly ids: string[];
  readonly ownerId: string;
  constructor(ids: string[], ownerId: string) {
    super(CrmClientsAssignedEvent.eventName);
    this.ids = ids;
    this.ownerId = ownerId;
  }
}

declare global {
  interface HTMLElementEventMap {
    'crm-client-select': CrmClientSelectEvent;
    'crm-client-new': CrmClientNewEvent;
    'crm-clients-assigned': CrmClientsAssignedEvent;
  }
}
