/**
 * @module workflow/initial
 * The first status-history row of a client, written by whoever creates clients (in the same
 * transaction), so every client's history starts with "created in status X".
 */
import type { Ctx } from '../context.ts';
import { newId } from '../ids/index.ts';
import type { ClientRow } from './client-row.ts';
import type { StatusHistoryRow } from './transition.ts';

/**
 * @example
 * await inTransaction(ctx, async (tx) => {
 *   const row = await insertClient(tx, …);
 *   await recordInitialStatus(tx, row);
 * });
 */
export async function recordInitialStatus(
  ctx: Ctx,
  client: Pick<ClientRow, 'id' | 'status' | 'unitId' | 'version'>,
  note: string | null = null,
): Promise<StatusHistoryRow> {
  const row: StatusHistoryRow = {
    id: newId(),
    clientId: client.id,
    at: ctx.clock.now(),
    actorId: ctx.actor.userId,
    unitId: client.unitId,
    fromStatus: null,
    toStatus: client.status,
    kind: 'created',
    note,
    fields: {},
    clientVersion: client.version,
  };
  await ctx.db.insert(ctx.t.statusHistory).values(row);
  return row;
}
