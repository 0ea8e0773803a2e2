/**
 * @module widgets/crm-client-form
 * Registers `<crm-client-form>`. Import this (or load `dist/widgets/crm-client-form.js`) to use the tag.
 */
import { defineElement } from '../base/define.ts';
import { CrmClientForm } from './crm-client-form.component.ts';

export { CrmClientForm } from './crm-client-form.component.ts';
export { CrmClientCreatedEvent, CrmClientFormCancelEvent, CrmClientOpenEvent } from './events.ts';

defineElement('crm-client-form', CrmClientForm);
