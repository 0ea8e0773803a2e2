/**
 * @module widgets/crm-password-reset
 * Registers `<crm-password-reset>`. Import this (or load `dist/widgets/crm-password-reset.js`) to use the tag.
 */
import { defineElement } from '../base/define.ts';
import { CrmPasswordReset } from './crm-password-reset.component.ts';

export { CrmPasswordReset, CrmPasswordResetModeEvent } from './crm-password-reset.component.ts';
export { resetTokenOf } from './reset-link.ts';

defineElement('crm-password-reset', CrmPasswordReset);
