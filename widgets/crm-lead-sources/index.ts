/**
 * @module widgets/crm-lead-sources
 * Registers `<crm-lead-sources>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmLeadSources } from './crm-lead-sources.component.ts';

export { CrmLeadSources, embedSnippet } from './crm-lead-sources.component.ts';

defineElement('crm-lead-sources', CrmLeadSources);
