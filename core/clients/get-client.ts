/**
 * @module clients/get-client
 * One client, through the scoping rules. A client outside the actor's scope is "not found",
 * exactly like a missing one, so ids cannot be probed.
 */
import { and, eq, sql } from 'drizzle-orm';
import { assertClientWritable, canAccess, clientScope, requirePermission, type Permission } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import { prepared } from '../storage/index.ts';
import { toClient, type Client, type ClientRow } from './record.ts';

/** The stored row (unmasked), if the actor holds `permission` over it; else 404. */
export async function scopedClientRow(
  ctx: Ctx,
  id: string,
  permission: Permission = 'clients:read',
): Promise<ClientRow> {
  const { t } = ctx;
  if (ctx.db === ctx.database.db) {
    // Outside a transaction (the card, GET /api/clients/:id): the row by id through a statement
    // prepared once, then the same scope rules in memory (`canAccess`); 403 without the permission.
    requirePermission(ctx.actor, permission);
    const [hit] = await prepared(
      ctx.database,
      'client-by-id',
      (db, tt) =>
        db
          .select()
          .from(tt.clients)
          .where(eq(tt.clients.id, sql.placeholder('id')))
          .limit(1),
      { id },
    );
    if (!hit || !canAccess(ctx.actor, permission, hit)) throw notFound('Client', id);
    if (permission === 'clients:write') await assertClientWritable(ctx, id);
    return hit;
  }
  const [row] = await ctx.db
    .select()
    .from(t.clients)
    .where(and(eq(t.clients.id, id), clientScope(ctx, permission)))
    .limit(1);
  if (!row) throw notFound('Client', id);
  // A restricted (GDPR Art. 18) or erased client is read-only: 423 with the reason.
  if (permission === 'clients:write') await assertClientWritable(ctx, id);
  return row;
}

/**
 * @example
 * const client = await getClient(ctx, id); // masked: no pii keys without pii:read
 */
export async function getClient(ctx: Ctx, id: string): Promise<Client> {
  return toClient(ctx, await scopedClientRow(ctx, id));
}
