/**
 * @module widgets/crm-client-list
 * Registers `<crm-client-list>`. Import this (or load `dist/widgets/crm-client-list.js`) to use the tag.
 */
import { defineElement } from '../base/define.ts';
import { CrmClientList } from './crm-client-list.component.ts';

export { CrmClientList } from './crm-client-list.component.ts';
export { CrmClientNewEvent, CrmClientSelectEvent, CrmClientsAssignedEvent } from './events.ts';

defineElement('crm-client-list', CrmClientList);
