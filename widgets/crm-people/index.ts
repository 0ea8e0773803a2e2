/**
 * @module widgets/crm-people
 * Registers `<crm-people>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmPeople } from './crm-people.component.ts';

export { CrmPeople } from './crm-people.component.ts';

defineElement('crm-people', CrmPeople);
