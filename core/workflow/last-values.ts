/**
 * @module workflow/last-values
 * The values a client's earlier moves carried (the bank at "application filed", the product at
 * "agreement signed"…), newest first per field: the status picker pre-fills a later move with them
 * so nobody re-types the bank four times. Fields the actor may not read (financial ones without
 * `financial:read` on the client) are left out, as in the history itself.
 */
import { desc, eq } from 'drizzle-orm';
import { canAccess } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import type { ClientRow } from './client-row.ts';
import { financialFields } from './rules.ts';

/** How many of the newest history rows are read: a client's case has a few dozen moves at most. */
const DEPTH = 100;

/**
 * The newest value of each configured field over the client's status history.
 * @example
 * await lastFieldValues(ctx, client); // { provider: 'bank-aurora', product: 'aurora-mortgage' }
 */
export async function lastFieldValues(ctx: Ctx, client: ClientRow): Promise<Record<string, unknown>> {
  const { t } = ctx;
  const rows = await ctx.db
    .select({ fields: t.statusHistory.fields })
    .from(t.statusHistory)
    .where(eq(t.statusHistory.clientId, client.id))
    .orderBy(desc(t.statusHistory.at), desc(t.statusHistory.id))
    .limit(DEPTH);
  const known = ctx.config.workflow.fields;
  const hidden = canAccess(ctx.actor, 'financial:read', client)
    ? new Set<string>()
    : financialFields(ctx.config.workflow);
  const out: Record<string, unknown> = {};
  for (const { fields } of rows)
    for (const [name, value] of Object.entries(fields ?? {}))
      if (Object.hasOwn(known, name) && !hidden.has(name) && !Object.hasOwn(out, name) && value !== null)
        out[name] = value;
  return out;
}
