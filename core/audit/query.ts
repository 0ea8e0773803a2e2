/**
 * @module audit/query
 * Reading the audit log: "who saw or changed this person's data" (`clientId`) and "what did this
 * user do" (`userId`), by action and time, newest first, in keyset pages on `seq`. Needs
 * `audit:read`; scoped like every client query (`core/access`): below scope `all`, only entries about
 * clients within the scope are seen, and a client outside it is "not found" (no existence leak).
 */
import { and, desc, eq, gte, isNotNull, lt, type SQL } from 'drizzle-orm';
import { requirePermission, scopeCondition } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { badCursor, openCursor, sealCursor } from '../cursor/index.ts';
import { notFound } from '../errors.ts';

export interface AuditQuery {
  clientId?: string;
  userId?: string;
  /** One action (`client.read`), or a family ending with a dot (`client.`). */
  action?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** 1–200, default 50. */
  limit?: number;
  cursor?: string;
}

export interface AuditItem {
  id: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  clientId: string | null;
  data: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditItem[];
  nextCursor: string | null;
}

const PURPOSE = 'audit';

/**
 * @example
 * const page = await listAudit(ctx, { clientId, limit: 20 });
 * const next = await listAudit(ctx, { clientId, cursor: page.nextCursor! });
 */
export async function listAudit(ctx: Ctx, q: AuditQuery): Promise<AuditPage> {
  requirePermission(ctx.actor, 'audit:read');
  const { db, t } = ctx;
  const a = t.auditLog;
  const c = t.clients;
  const scope = scopeCondition(ctx.actor, 'audit:read', { owner: c.ownerId, unit: c.unitId, partner: c.partnerId });
  if (q.clientId !== undefined) {
    const [hit] = await db
      .select({ id: c.id })
      .from(c)
      .where(and(eq(c.id, q.clientId), scope));
    if (!hit) throw notFound('Client', q.clientId);
  }
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const conds: (SQL | undefined)[] = [isNotNull(a.seq)];
  if (q.clientId !== undefined) conds.push(eq(a.clientId, q.clientId));
  if (q.userId !== undefined) conds.push(eq(a.actorId, q.userId));
  if (q.action !== undefined)
    conds.push(
      q.action.endsWith('.') ? and(gte(a.action, q.action), lt(a.action, `${q.action}\uffff`)) : eq(a.action, q.action),
    );
  if (q.from) conds.push(gte(a.at, q.from));
  if (q.to) conds.push(lt(a.at, q.to));
  if (q.cursor !== undefined) {
    const v = openCursor(ctx.secret, PURPOSE, q.cursor);
    if (!Array.isArray(v) || !Number.isSafeInteger(v[0]) || (v[0] as number) < 1) throw badCursor();
    conds.push(lt(a.seq, v[0] as number));
  }
  if (scope) conds.push(scope);
  const cols = {
    id: a.id,
    seq: a.seq,
    at: a.at,
    actorId: a.actorId,
    actorName: t.users.name,
    action: a.action,
    entity: a.entity,
    entityId: a.entityId,
    clientId: a.clientId,
    data: a.data,
  };
  // The client joined for the scope: below `all`, an entry without a client (or outside the scope) is left out.
  const rows = await db
    .select(cols)
    .from(a)
    .leftJoin(t.users, eq(t.users.id, a.actorId))
    .leftJoin(c, eq(c.id, a.clientId))
    .where(and(...conds))
    .orderBy(desc(a.seq))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({ ...r, seq: Number(r.seq) }));
  const more = rows.length > limit;
  return {
    items,
    nextCursor: more ? sealCursor(ctx.secret, PURPOSE, [items[items.length - 1]!.seq]) : null,
  };
}
