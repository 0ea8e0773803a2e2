/**
 * @module workflow/initial
 * The first status-history row of a client, written by whoever creates clients (in the same
 * transaction), so every client's history starts with "created in status X".
 */
import type { Ctx } from '../context.ts';
import { newId } from '../ids/index.ts';
import type { ClientRow } from './client-row.ts';
import type { StatusHistoryRow } from './transition.ts';

type NewClient = Pick<ClientRow, 'id' | 'status' | 'unitId' | 'version'>;

/** The "created in status X" row of one client. */
function createdRow(ctx: Ctx, client: NewClient, note: string | null, at: Date): StatusHistoryRow {
  return {
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
  };
}

/**
 * @example
 * await inTransaction(ctx, async (tx) => {
 *   const row = await insertClient(tx, …);
 *   await recordInitialStatus(tx, row);
 * });
 */
export async function recordInitialStatus(
  ctx: Ctx,
  client: NewClient,
  note: string | null = null,
): Promise<StatusHistoryRow> {
  const row = createdRow(ctx, client, note, ctx.clock.now());
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
  clients: ReadonlyArray<NewClient>,
  note: string | null = null,
): Promise<void> {
  const at = ctx.clock.now();
  const rows = clients.map((client) => createdRow(ctx, client, note, at));
  for (let i = 0; i < rows.length; i += 500) await ctx.db.insert(ctx.t.statusHistory).values(rows.slice(i, i + 500));
}
