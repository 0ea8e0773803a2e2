/**
 * @module widgets/crm-api-keys
 * Registers `<crm-api-keys>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmApiKeys } from './crm-api-keys.component.ts';

export { CrmApiKeys } from './crm-api-keys.component.ts';

defineElement('crm-api-keys', CrmApiKeys);
