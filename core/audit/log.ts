/**
 * @module audit/log
 * The append-only audit log: who did what to which record, and when.
 */
import type { Ctx } from '../context.ts';
import { newId } from '../ids/index.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

/**
 * @example
 * await writeAudit(ctx, { action: 'unit.move', entity: 'unit', entityId: id, data: { from, to } });
 */
export async function writeAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await ctx.db.insert(ctx.t.auditLog).values({
    id: newId(),
    at: ctx.clock.now(),
    actorId: ctx.actor.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    data: { ...(entry.data ?? {}), ...(ctx.actor.kind !== 'user' ? { via: ctx.actor.kind } : {}) },
  });
}

/**
 * Many entries at once (a batch import: one `client.create` per client), in multi-row inserts.
 * @example
 * await writeAudits(tx, ids.map((id) => ({ action: 'client.create', entity: 'client', entityId: id })));
 */
export async function writeAudits(ctx: Ctx, entries: readonly AuditEntry[]): Promise<void> {
  const at = ctx.clock.now();
  const via = ctx.actor.kind !== 'user' ? { via: ctx.actor.kind } : {};
  const rows = entries.map((entry) => ({
    id: newId(),
    at,
    actorId: ctx.actor.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    data: { ...(entry.data ?? {}), ...via },
  }));
  for (let i = 0; i < rows.length; i += 500) await ctx.db.insert(ctx.t.auditLog).values(rows.slice(i, i + 500));
}
