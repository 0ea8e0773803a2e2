/**
 * @module workflow/client-row
 * Loading the one client a workflow operation works on, through the scoping function: a client the
 * actor may not see (or, for writes, may not change) is reported as not found, never as forbidden,
 * so ids of other advisors' clients cannot be probed.
 */
import { and, eq } from 'drizzle-orm';
import { assertClientWritable, clientScope, type Permission } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Tables } from '../storage/index.ts';

export type ClientRow = Tables['clients']['$inferSelect'];

/**
 * @example
 * const client = await scopedClient(ctx, id, 'clients:write');
 */
export async function scopedClient(ctx: Ctx, clientId: string, permission: Permission): Promise<ClientRow> {
  const { t } = ctx;
  const [row] = await ctx.db
    .select()
    .from(t.clients)
    .where(and(eq(t.clients.id, clientId), clientScope(ctx, permission)))
    .limit(1);
  if (!row) throw notFound('Client', clientId);
  // A restricted (GDPR Art. 18) or erased client is read-only: 423 with the reason.
  if (permission === 'clients:write') await assertClientWritable(ctx, clientId);
  return row;
}
