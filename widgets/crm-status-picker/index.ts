/**
 * @module widgets/crm-status-picker
 * Registers `<crm-status-picker>`. Import this (or load `dist/widgets/crm-status-picker.js`) to use the tag.
 */
import { defineElement } from '../base/define.ts';
import { CrmStatusPicker } from './crm-status-picker.component.ts';

export { CrmStatusPicker, type AllowedMove } from './crm-status-picker.component.ts';
export { CrmStatusChangeEvent } from './events.ts';

defineElement('crm-status-picker', CrmStatusPicker);
