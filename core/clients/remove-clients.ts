/**
 * @module clients/remove-clients
 * Removing clients that nothing has happened to yet (undoing an import): a client with a sale (and
 * so commission lines), a status move beyond its creation, contact history, calendar items or a
 * lead is "touched" — removing it would lose work — and is named instead of removed. What is
 * removed goes entirely: the client row, its keyed hashes and its "created" history row, each
 * with a `client.delete` audit entry.
 */
import { and, inArray, ne } from 'drizzle-orm';
import { writeAudits } from '../audit/index.ts';
import type { Ctx } from '../context.ts';

export interface TouchedClient {
  id: string;
  displayName: string;
  /** What would be lost: `sale`, `status` (moved to …), `activity`, `calendar`, `lead`. */
  reasons: string[];
}

const CHUNK = 500;

async function inChunks<T>(ids: readonly string[], f: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await f(ids.slice(i, i + CHUNK))));
  return out;
}

/**
 * The clients among `ids` that have history worth keeping, with what it is.
 * @example
 * await touchedClients(ctx, importedIds); // [{ id, displayName: 'Jan Kowalski', reasons: ['sale'] }]
 */
export async function touchedClients(ctx: Ctx, ids: readonly string[]): Promise<TouchedClient[]> {
  const { t } = ctx;
  const reasons = new Map<string, Set<string>>();
  const add = (rows: Array<{ id: string }>, reason: string) => {
    for (const r of rows) reasons.set(r.id, (reasons.get(r.id) ?? new Set()).add(reason));
  };
  add(
    await inChunks(ids, (c) =>
      ctx.db.select({ id: t.sales.clientId }).from(t.sales).where(inArray(t.sales.clientId, c)),
    ),
    'sale',
  );
  const moves = await inChunks(ids, (c) =>
    ctx.db
      .select({ id: t.statusHistory.clientId, to: t.statusHistory.toStatus })
      .from(t.statusHistory)
      .where(and(inArray(t.statusHistory.clientId, c), ne(t.statusHistory.kind, 'created'))),
  );
  for (const m of moves) add([m], `status moved to ${m.to}`);
  add(
    await inChunks(ids, (c) =>
      ctx.db.select({ id: t.activities.clientId }).from(t.activities).where(inArray(t.activities.clientId, c)),
    ),
    'contact history',
  );
  const calendar = await inChunks(ids, (c) =>
    ctx.db.select({ id: t.calendarItems.clientId }).from(t.calendarItems).where(inArray(t.calendarItems.clientId, c)),
  );
  add(
    calendar.filter((r): r is { id: string } => r.id !== null),
    'calendar item',
  );
  add(
    await inChunks(ids, (c) =>
      ctx.db.select({ id: t.leads.clientId }).from(t.leads).where(inArray(t.leads.clientId, c)),
    ),
    'lead',
  );
  if (!reasons.size) return [];
  const names = await inChunks([...reasons.keys()], (c) =>
    ctx.db
      .select({ id: t.clients.id, displayName: t.clients.displayName })
      .from(t.clients)
      .where(inArray(t.clients.id, c)),
  );
  return names.map((n) => ({ id: n.id, displayName: n.displayName, reasons: [...reasons.get(n.id)!] }));
}

/**
 * Deletes the clients (in the caller's transaction): rows, keyed hashes, status history; one
 * `client.delete` audit entry each. The caller checks `touchedClients` first.
 * @example
 * await inTransaction(ctx, (tx) => removeClients(tx, ids, { importId }));
 */
export async function removeClients(
  ctx: Ctx,
  ids: readonly string[],
  audit: Record<string, unknown> = {},
): Promise<number> {
  const { t } = ctx;
  let removed = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await ctx.db.delete(t.clientKeys).where(inArray(t.clientKeys.clientId, chunk));
    await ctx.db.delete(t.statusHistory).where(inArray(t.statusHistory.clientId, chunk));
    const gone = await ctx.db.delete(t.clients).where(inArray(t.clients.id, chunk)).returning({ id: t.clients.id });
    removed += gone.length;
    await writeAudits(
      ctx,
      gone.map((g) => ({ action: 'client.delete', entity: 'client', entityId: g.id, data: audit })),
    );
  }
  return removed;
}
