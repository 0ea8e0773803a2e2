/**
 * @module widgets/crm-client-card/events
 * `crm-client-saved`: the card saved an edit.
 */
import type { ClientItem } from '../base/client-types.ts';
import { CrmEvent } from '../base/events.ts';

/** The client was saved; `client` is the API's answer (new `version`). */
export class CrmClientSavedEvent extends CrmEvent {
  static readonly eventName = 'crm-client-saved';
  readonly clientId: string;
  readonly client: ClientItem;
  constructor(client: ClientItem) {
    super(CrmClientSavedEvent.eventName);
    this.clientId = client.id;
    this.client = client;
  }
}

declare global {
  interface HTMLElementEventMap {
    'crm-client-saved': CrmClientSavedEvent;
  }
}
