/**
 * @module widgets/crm-hello
 * Registers `<crm-hello>`. Import this (or load `dist/widgets/crm-hello.js`) to use the tag.
 */
import { defineElement } from '../base/define.ts';
import { CrmHello } from './crm-hello.component.ts';

export { CrmHello, type Health } from './crm-hello.component.ts';

defineElement('crm-hello', CrmHello);
