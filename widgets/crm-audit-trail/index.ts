/**
 * @module widgets/crm-audit-trail
 * Registers `<crm-audit-trail>`. Import this (or load `dist/widgets/crm-audit-trail.js`) to use the tag.
 */
import { defineElement } from '../base/define.ts';
import { CrmAuditTrail } from './crm-audit-trail.component.ts';

export { CrmAuditTrail, type AuditTrailEntry } from './crm-audit-trail.component.ts';

defineElement('crm-audit-trail', CrmAuditTrail);
