/**
 * @module workflow/transition-types
 * What a status move takes and what its hooks receive (shared by `transition` and `prepareMove`).
 */
import type { Ctx } from '../context.ts';
import type { Tables } from '../storage/index.ts';
import type { AllowedMove } from './allowed.ts';
import type { ClientRow } from './client-row.ts';

export type StatusHistoryRow = Tables['statusHistory']['$inferSelect'];

/** What the person confirmed with a move, kept on its history row: `uncovered-sale` (no commission rule). */
export type Acknowledgement = 'uncovered-sale';

export interface TransitionInput {
  to: string;
  fields?: Record<string, unknown>;
  note?: string | null;
  /** The client's version the person saw; a different current version is a 409 (no lost updates). */
  expectedVersion?: number;
  /**
   * The person saw that no commission rule covers this sale and records it anyway (a firm whose
   * `workflow.uncoveredSales` is `acknowledge` refuses such a sale without it). Kept in the history.
   */
  acknowledgeUncovered?: boolean;
}

/** What `workflow.beforeTransition` hooks receive and may return changed (`fields`, `note`). */
export interface BeforeTransitionPayload {
  ctx: Ctx;
  client: ClientRow;
  from: string;
  to: string;
  fields: Record<string, unknown>;
  note: string | null;
  isSale: boolean;
  /** The person confirmed that no commission rule covers this sale (see `TransitionInput`). */
  acknowledgeUncovered: boolean;
}
/** What `workflow.afterTransition` hooks receive: `ctx` is the open transaction; `client` is already updated. */
export interface AfterTransitionPayload extends BeforeTransitionPayload {
  historyId: string;
  history: StatusHistoryRow;
}

export interface TransitionResult {
  client: { id: string; status: string; version: number; updatedAt: Date };
  history: StatusHistoryRow;
  isSale: boolean;
  /** The moves this user may make from the new status, for the UI. */
  allowedNext: AllowedMove[];
}
