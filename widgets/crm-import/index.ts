/**
 * @module widgets/crm-import
 * Registers `<crm-import>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmImport } from './crm-import.component.ts';

export { CrmImport } from './crm-import.component.ts';

defineElement('crm-import', CrmImport);
