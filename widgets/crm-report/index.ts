/**
 * @module widgets/crm-report
 * Registers `<crm-report>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmReport } from './crm-report.component.ts';

export { CrmReport } from './crm-report.component.ts';
export { CrmReportDrillEvent } from './events.ts';

defineElement('crm-report', CrmReport);
