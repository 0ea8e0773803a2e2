/**
 * @module widgets/crm-units
 * Registers `<crm-units>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmUnits } from './crm-units.component.ts';

export { CrmUnits } from './crm-units.component.ts';

defineElement('crm-units', CrmUnits);
