/**
 * @module widgets/crm-dashboard
 * Registers `<crm-dashboard>` (and `<crm-report>`, which it is made of).
 */
import { defineElement } from '../base/define.ts';
import { CrmDashboard } from './crm-dashboard.component.ts';

export { CrmDashboard } from './crm-dashboard.component.ts';

defineElement('crm-dashboard', CrmDashboard);
