/**
 * @module workflow
 * The status workflow: moves between statuses with roles and required fields, status history,
 * contact history, and the advisor-activity report.
 */
export {
  transition,
  type Acknowledgement,
  type TransitionInput,
  type TransitionResult,
  type StatusHistoryRow,
  type BeforeTransitionPayload,
  type AfterTransitionPayload,
} from './transition.ts';
export { allowedTransitions, allowedMoves, type AllowedMove } from './allowed.ts';
export { previewMove, type PreparedMove } from './prepare.ts';
export { lastFieldValues } from './last-values.ts';
export { CANCELLATION_KIND_LABELS, enumLabelsOf } from './enum-labels.ts';
export { recordActivity, type ActivityInput, type ActivityRow } from './activities.ts';
export { timeline, type TimelineItem, type TimelinePage } from './timeline.ts';
export { advisorActivity, type AdvisorActivityOptions, type AdvisorActivityRow } from './advisor-activity.ts';
export { recordInitialStatus, recordInitialStatuses } from './initial.ts';
export { initialStatus, movesFrom, fieldsSchema, type Move, type WorkflowConfig } from './rules.ts';
export { defaultWorkflow, workflowSchema } from './config-schema.ts';
export { checkWorkflow, SALE_FIELDS, CANCELLATION_FIELDS } from './checks.ts';
export { saleStands } from './sale-stands.ts';
