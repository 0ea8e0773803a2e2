/**
 * @module widgets/crm-statements
 * Registers `<crm-statements>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmStatements } from './crm-statements.component.ts';

export { CrmStatements } from './crm-statements.component.ts';

defineElement('crm-statements', CrmStatements);
