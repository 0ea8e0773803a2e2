/**
 * @module widgets/crm-config-editor
 * Registers `<crm-config-editor>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmConfigEditor } from './crm-config-editor.component.ts';

export { CrmConfigEditor } from './crm-config-editor.component.ts';
export { lineDiff, withContext, type DiffLine } from './diff-lines.ts';

defineElement('crm-config-editor', CrmConfigEditor);
