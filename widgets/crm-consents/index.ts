/**
 * @module widgets/crm-consents
 * Registers `<crm-consents>`. Import this (or load `dist/widgets/crm-consents.js`) to use the tag.
 */
import { defineElement } from '../base/define.ts';
import { CrmConsents } from './crm-consents.component.ts';

export { CrmConsents, type ConsentPurposeState } from './crm-consents.component.ts';

defineElement('crm-consents', CrmConsents);
