/**
 * @module widgets/crm-client-form/events
 * What the new-client form tells the page: a client was created, the person wants to open an
 * existing client (from a duplicate warning), or the person cancelled.
 */
import type { ClientItem } from '../base/client-types.ts';
import { CrmEvent } from '../base/events.ts';

/** A new client was saved; `client` is it as the API returned it. */
export class CrmClientCreatedEvent extends CrmEvent {
  static readonly eventName = 'crm-client-created';
  readonly client: ClientItem;
  constructor(client: ClientItem) {
    super(CrmClientCreatedEvent.eventName);
    this.client = client;
  }
}

/** Open this existing client (a duplicate the person may see). */
export class CrmClientOpenEvent extends CrmEvent {
  static readonly eventName = 'crm-client-open';
  readonly clientId: string;
  constructor(clientId: string) {
    super(CrmClientOpenEvent.eventName);
    this.clientId = clientId;
  }
}

/** The person closed the form without saving. */
export class CrmClientFormCancelEvent extends CrmEvent {
  static readonly eventName = 'crm-client-form-cancel';
  constructor() {
    super(CrmClientFormCancelEvent.eventName);
  }
}

declare global {
  interface HTMLElementEventMap {
    'crm-client-created': CrmClientCreatedEvent;
    'crm-client-open': CrmClientOpenEvent;
    'crm-client-form-cancel': CrmClientFormCancelEvent;
  }
}
