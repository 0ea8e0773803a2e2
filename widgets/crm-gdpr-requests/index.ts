/**
 * @module widgets/crm-gdpr-requests
 * Registers `<crm-gdpr-requests>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmGdprRequests } from './crm-gdpr-requests.component.ts';

export { CrmGdprRequests } from './crm-gdpr-requests.component.ts';

defineElement('crm-gdpr-requests', CrmGdprRequests);
