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
    acknowledged: null,
    clientVersion: client.version,
  };
  await ctx.db.insert(ctx.t.statusHistory).values(row);
  return row;
}

/**
 * The first status-history rows of many clients at once (a batch import), in multi-row inserts.
 * @example
 * await recordInitialStatuses(tx, createdRows);
 */
export async function recordInitialStatuses(
  ctx: Ctx,
  clients: ReadonlyArray<Pick<ClientRow, 'id' | 'status' | 'unitId' | 'version'>>,
  note: string | null = null,
): Promise<void> {
  const at = ctx.clock.now();
  const rows: StatusHistoryRow[] = clients.map((client) => ({
    id: newId(),
    clientId: client.id,
    at,
    actorId: ctx.actor.userId,
    unitId: client.unitId,
    fromStatus: null,
    toStatus: client.status,
    kind: 'created',
    note,
    fields: {},
    acknowledged: null,
    clientVersion: client.version,
  }));
  for (let i = 0; i < rows.length; i += 500) await ctx.db.insert(ctx.t.statusHistory).values(rows.slice(i, i + 500));
}
