/**
 * @module widgets/crm-config-form
 * Registers `<crm-config-form>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmConfigForm } from './crm-config-form.component.ts';

export { CrmConfigForm, ConfigChangeEvent, type ConfigProblem } from './crm-config-form.component.ts';
export { plan, collect, setAt, type FormNode, type JsonSchema } from './schema-model.ts';

defineElement('crm-config-form', CrmConfigForm);
