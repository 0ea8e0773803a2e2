/**
 * @module import/undo
 * Undoing a whole import: removes exactly the clients it created (its `import_clients` links),
 * or nothing. If any of them has been worked on since — a sale (and so commission lines), a
 * status move beyond the first status, contact history, a calendar item, a lead — the undo is
 * refused with 409 naming those clients and what would be lost: work is never deleted silently,
 * and an import is never half undone. The check and the removal share one transaction.
 */
import { eq } from 'drizzle-orm';
import { requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { removeClients, touchedClients } from '../clients/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict } from '../errors.ts';
import { getImport, type ImportRecord } from './records.ts';

/** An import still `running` but silent for this long is taken as interrupted (a crash): it may be undone. */
export const STALE_RUNNING_MS = 5 * 60_000;

/**
 * @example
 * const { removed } = await undoImport(ctx, importId); // 9996, or 409 naming the clients worked on since
 */
export async function undoImport(ctx: Ctx, id: string): Promise<{ removed: number; import: ImportRecord }> {
  requirePermission(ctx.actor, 'clients:import');
  const imp = await getImport(ctx, id);
  if (imp.status === 'undone') throw conflict('This import has already been undone', { status: imp.status });
  const now = ctx.clock.now();
  if (imp.status === 'running' && now.getTime() - imp.updatedAt.getTime() < STALE_RUNNING_MS)
    throw conflict('This import is still running: undo it when it has finished', { status: imp.status });
  const removed = await inTransaction(ctx, async (tx) => {
    const links = await tx.db
      .select({ clientId: tx.t.importClients.clientId })
      .from(tx.t.importClients)
      .where(eq(tx.t.importClients.importId, id));
    const ids = links.map((l) => l.clientId);
    const touched = await touchedClients(tx, ids);
    if (touched.length)
      throw conflict(
        `${touched.length} of the ${ids.length} imported clients have been worked on since the import ` +
          '(sales, status moves, contacts, meetings or leads); nothing was undone',
        { clients: touched.slice(0, 100), count: touched.length },
      );
    const n = await removeClients(tx, ids, { importId: id });
    await tx.db.delete(tx.t.importClients).where(eq(tx.t.importClients.importId, id));
    await tx.db
      .update(tx.t.imports)
      .set({ status: 'undone', undoneAt: now, undoneBy: ctx.actor.userId, updatedAt: now })
      .where(eq(tx.t.imports.id, id));
    await writeAudit(tx, {
      action: 'import.undo',
      entity: 'import',
      entityId: id,
      data: { removed: n, fileName: imp.fileName, previousStatus: imp.status },
    });
    return n;
  });
  return { removed, import: await getImport(ctx, id) };
}
