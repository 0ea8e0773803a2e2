/**
 * @module widgets/crm-workflow-graph
 * Registers `<crm-workflow-graph>`.
 */
import { defineElement } from '../base/define.ts';
import { CrmWorkflowGraph } from './crm-workflow-graph.component.ts';

export { CrmWorkflowGraph } from './crm-workflow-graph.component.ts';
export { layoutWorkflow, describeMoves, type GraphLayout, type WorkflowSection } from './layout.ts';

defineElement('crm-workflow-graph', CrmWorkflowGraph);
