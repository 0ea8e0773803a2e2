/**
 * @module clients/assign-clients
 * Assigning clients to an advisor, one or many at once (`clients:assign`). Every client must be
 * within the actor's assign scope, and so must its new place (owner and unit); otherwise nothing
 * changes. Each move is written to the audit log with who had the client before.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { canAccess, clientScope, requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { unitOfUser } from '../org/index.ts';

export interface AssignInput {
  ids: string[];
  ownerId: string;
  /** Default: the new owner's current unit. */
  unitId?: string | null;
  note?: string;
}

export const MAX_ASSIGN = 1000;

/**
 * @example
 * await assignClients(ctx, { ids: [a.id, b.id], ownerId: piotr.id, note: 'Urlop Anny' }) // { updated: 2 }
 */
export async function assignClients(ctx: Ctx, input: AssignInput): Promise<{ updated: number; ids: string[] }> {
  requirePermission(ctx.actor, 'clients:assign');
  const ids = [...new Set(input.ids)];
  if (!ids.length || ids.length > MAX_ASSIGN)
    throw invalid('Name between 1 and 1000 clients', [{ path: '/ids', message: `must list 1 to ${MAX_ASSIGN} ids` }]);
  const { t } = ctx;
  const [owner] = await ctx.db
    .select({ id: t.users.id, disabledAt: t.users.disabledAt })
    .from(t.users)
    .where(eq(t.users.id, input.ownerId))
    .limit(1);
  if (!owner || owner.disabledAt)
    throw invalid('Unknown owner', [{ path: '/ownerId', message: 'no active user with this id' }]);
  const unitId = input.unitId !== undefined ? input.unitId : await unitOfUser(ctx, input.ownerId);
  return inTransaction(ctx, async (tx) => {
    const rows = await tx.db
      .select({
        id: t.clients.id,
        ownerId: t.clients.ownerId,
        unitId: t.clients.unitId,
        partnerId: t.clients.partnerId,
        version: t.clients.version,
      })
      .from(t.clients)
      .where(and(inArray(t.clients.id, ids), clientScope(tx, 'clients:assign')));
    if (rows.length !== ids.length) {
      const found = new Set(rows.map((r) => r.id));
      throw Object.assign(notFound('Client'), { details: { missing: ids.filter((i) => !found.has(i)) } });
    }
    for (const r of rows) {
      if (!canAccess(ctx.actor, 'clients:assign', { ownerId: input.ownerId, unitId, partnerId: r.partnerId })) {
        throw forbidden('You may not give clients to this advisor or unit: it is outside your reach', {
          permission: 'clients:assign',
        });
      }
    }
    const now = tx.clock.now();
    for (const r of rows) {
      await tx.db
        .update(t.clients)
        .set({ ownerId: input.ownerId, unitId, version: r.version + 1, updatedAt: now })
        .where(eq(t.clients.id, r.id));
      await writeAudit(tx, {
        action: 'client.assign',
        entity: 'client',
        entityId: r.id,
        data: {
          fromOwner: r.ownerId,
          toOwner: input.ownerId,
          fromUnit: r.unitId,
          toUnit: unitId,
          ...(input.note ? { note: input.note } : {}),
        },
      });
    }
    return { updated: rows.length, ids };
  });
}
