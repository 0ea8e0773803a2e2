/**
 * @module widgets/crm-outbox
 * Registers `<crm-outbox>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmOutbox } from './crm-outbox.component.ts';

export { CrmOutbox } from './crm-outbox.component.ts';

defineElement('crm-outbox', CrmOutbox);
