/**
 * @module widgets/crm-reconciliation
 * Registers `<crm-reconciliation>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmReconciliation } from './crm-reconciliation.component.ts';

export { CrmReconciliation } from './crm-reconciliation.component.ts';

defineElement('crm-reconciliation', CrmReconciliation);
