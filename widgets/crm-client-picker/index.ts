/**
 * @module widgets/crm-client-picker
 * Registers `<crm-client-picker>`. Import this (or load `dist/widgets/crm-client-picker.js`) to use the tag.
 */
import { defineElement } from '../base/define.ts';
import { CrmClientPicker } from './crm-client-picker.component.ts';

export { CrmClientPicker } from './crm-client-picker.component.ts';
export { CrmClientPickEvent } from './events.ts';

defineElement('crm-client-picker', CrmClientPicker);
