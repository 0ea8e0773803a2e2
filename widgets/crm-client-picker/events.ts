/**
 * @module widgets/crm-client-picker/events
 * `crm-client-pick`: a person chose a client in the picker (or cleared the choice).
 */
import type { ClientItem } from '../base/client-types.ts';
import { CrmEvent } from '../base/events.ts';

/** A client was chosen (`clientId`, the row as the search returned it) or the choice cleared (`clientId` ''). */
export class CrmClientPickEvent extends CrmEvent {
  static readonly eventName = 'crm-client-pick';
  readonly clientId: string;
  readonly client: ClientItem | undefined;
  constructor(clientId: string, client: ClientItem | undefined) {
    super(CrmClientPickEvent.eventName);
    this.clientId = clientId;
    this.client = client;
  }
}

declare global {
  interface HTMLElementEventMap {
    'crm-client-pick': CrmClientPickEvent;
  }
}
