/**
 * @module widgets/crm-lead-form
 * Registers `<crm-lead-form>`. Load `dist/widgets/crm-lead-form.js` on a landing page.
 */
import { defineElement } from '../base/define.ts';
import { CrmLeadForm } from './crm-lead-form.component.ts';

export { CrmLeadForm } from './crm-lead-form.component.ts';

defineElement('crm-lead-form', CrmLeadForm);
