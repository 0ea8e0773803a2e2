/**
 * @module workflow/transition
 * Moving a client to another status. Everything a move changes happens in one transaction: the
 * client's status and version, a status-history row, an audit row, and whatever the
 * `workflow.afterTransition` hooks write (the commission engine proposes its lines there). A hook
 * that throws rolls the whole move back. The checks before the write are `prepareMove`'s.
 */
import { and, eq } from 'drizzle-orm';
import { requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict } from '../errors.ts';
import { newId } from '../ids/index.ts';
import { allowedMoves } from './allowed.ts';
import { scopedClient } from './client-row.ts';
import { prepareMove } from './prepare.ts';
import type {
  Acknowledgement,
  AfterTransitionPayload,
  StatusHistoryRow,
  TransitionInput,
  TransitionResult,
} from './transition-types.ts';

export type {
  Acknowledgement,
  AfterTransitionPayload,
  BeforeTransitionPayload,
  StatusHistoryRow,
  TransitionInput,
  TransitionResult,
} from './transition-types.ts';

/**
 * Move a client to status `to`.
 * - 404: the client is outside the actor's `clients:write` scope;
 * - 409: no move from the current status to `to`, or `expectedVersion` is stale;
 * - 403: the move exists but the actor's roles may not make it;
 * - 422: required fields or note missing or invalid (`details.problems` lists them); a sale no
 *   commission rule covers, unless acknowledged (`acknowledgeUncovered`, see `workflow.uncoveredSales`).
 * Refusals list the moves this user may make in `details.allowed`.
 * @example
 * const r = await transition(ctx, clientId, { to: 'disbursed', expectedVersion: 3,
 *   fields: { provider: 'pko-bp', product: 'mortgage', amountMinor: 45_000_000, saleDate: '2026-03-02' } });
 * r.client.status // 'disbursed'
 */
export async function transition(ctx: Ctx, clientId: string, input: TransitionInput): Promise<TransitionResult> {
  requirePermission(ctx.actor, 'clients:write');
  return inTransaction(ctx, async (tx) => {
    const client = await scopedClient(tx, clientId, 'clients:write');
    const from = client.status;
    const { move, fields, note } = await prepareMove(tx, client, input);
    const acknowledgeUncovered = input.acknowledgeUncovered === true && move.sale;

    const now = tx.clock.now();
    const { t } = tx;
    const [updated] = await tx.db
      .update(t.clients)
      .set({ status: move.to, version: client.version + 1, updatedAt: now })
      .where(and(eq(t.clients.id, client.id), eq(t.clients.version, client.version)))
      .returning();
    if (!updated)
      throw conflict('The client was changed by someone else at the same time; reload and try again', {
        currentStatus: from,
      });
    const acknowledged: Acknowledgement[] | null = acknowledgeUncovered ? ['uncovered-sale'] : null;
    const history: StatusHistoryRow = {
      id: newId(),
      clientId: client.id,
      at: now,
      actorId: tx.actor.userId,
      unitId: client.unitId,
      fromStatus: from,
      toStatus: move.to,
      kind: move.kind,
      note,
      fields,
      acknowledged,
      clientVersion: updated.version,
    };
    await tx.db.insert(t.statusHistory).values(history);
    await writeAudit(tx, {
      action: `client.${move.kind}`,
      entity: 'client',
      entityId: client.id,
      data: {
        from,
        to: move.to,
        historyId: history.id,
        version: updated.version,
        ...(acknowledged ? { acknowledged } : {}),
      },
    });
    await tx.plugins.run<AfterTransitionPayload>('workflow.afterTransition', {
      ctx: tx,
      client: updated,
      from,
      to: move.to,
      fields,
      note,
      isSale: move.sale,
      acknowledgeUncovered,
      historyId: history.id,
      history,
    });
    return {
      client: { id: updated.id, status: updated.status, version: updated.version, updatedAt: updated.updatedAt },
      history,
      isSale: move.sale,
      allowedNext: allowedMoves(tx.config.workflow, tx.actor, updated.status),
    };
  });
}
