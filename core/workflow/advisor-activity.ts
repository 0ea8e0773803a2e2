/**
 * @module workflow/advisor-activity
 * "Following advisors' work": per person, how many status changes (and sales) and contacts
 * they recorded in a window. A move into a sale status whose sale was later withdrawn or rejected is
 * a status change but not a sale (see `saleStands`). Rows carry the unit the client was
 * in when the work was done, so the `reports:read` scope applies to them directly: an advisor sees
 * their own work, a branch manager their unit's, a regional director the subtree's.
 */
import { and, count, eq, gte, inArray, lt, sql, type Column } from 'drizzle-orm';
import { scopeCondition } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { invalid } from '../errors.ts';
import { listUnits } from '../org/index.ts';
import { addLocalDays, zonedToUtc } from '../time/index.ts';
import { saleStands } from './sale-stands.ts';

export interface AdvisorActivityOptions {
  /** Start (inclusive): an instant, or a local date `YYYY-MM-DD` in the firm's time zone. */
  from: Date | string;
  /** End: an instant (exclusive), or a local date (inclusive: the whole day counts). */
  to: Date | string;
  /** Only work done in this unit and the units below it. */
  unitId?: string;
  userId?: string;
}

export interface AdvisorActivityRow {
  userId: string | null;
  name: string | null;
  statusChanges: number;
  sales: number;
  activities: number;
  byStatus: Record<string, number>;
  byActivityType: Record<string, number>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function bound(v: Date | string, zone: string, end: boolean, path: string): Date {
  if (typeof v === 'string' && DATE.test(v)) {
    const start = zonedToUtc({ date: v, time: '00:00' }, zone).instant;
    return end ? addLocalDays(start, 1, zone) : start;
  }
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime()))
    throw invalid('Invalid time window', [{ path, message: 'must be a date (YYYY-MM-DD) or a date and time' }]);
  return d;
}

/**
 * @example
 * const { advisors } = await advisorActivity(ctx, { from: '2026-03-02', to: '2026-03-08' }); // this week
 * advisors[0] // { userId, name: 'Anna Nowak', statusChanges: 4, sales: 1, activities: 9, byStatus: {…},
 *   byActivityType: { call: 6, meeting: 3 } }
 */
export async function advisorActivity(
  ctx: Ctx,
  options: AdvisorActivityOptions,
): Promise<{ from: Date; to: Date; advisors: AdvisorActivityRow[] }> {
  const zone = ctx.config.firm.timeZone;
  const from = bound(options.from, zone, false, '/from');
  const to = bound(options.to, zone, true, '/to');
  if (to <= from) throw invalid('Invalid time window', [{ path: '/to', message: 'must be after from' }]);
  const units = options.unitId
    ? (await listUnits(ctx, { under: options.unitId, includeArchived: true })).map((u) => u.id)
    : null;
  const { t } = ctx;
  const where = (table: { actorId: Column; unitId: Column; at: Column }) =>
    and(
      scopeCondition(ctx.actor, 'reports:read', { owner: table.actorId, unit: table.unitId }),
      gte(table.at, from),
      lt(table.at, to),
      units ? inArray(table.unitId, units) : undefined,
      options.userId ? eq(table.actorId, options.userId) : undefined,
    );
  const sale = new Set(
    Object.entries(ctx.config.workflow.statuses)
      .filter(([, s]) => s.sale)
      .map(([id]) => id),
  );
  const [changes, contacts, undone] = await Promise.all([
    ctx.db
      .select({ actorId: t.statusHistory.actorId, key: t.statusHistory.toStatus, n: count() })
      .from(t.statusHistory)
      .where(where(t.statusHistory))
      .groupBy(t.statusHistory.actorId, t.statusHistory.toStatus),
    ctx.db
      .select({ actorId: t.activities.actorId, key: t.activities.type, n: count() })
      .from(t.activities)
      .where(where(t.activities))
      .groupBy(t.activities.actorId, t.activities.type),
    // Moves into a sale status whose sale no longer stands (withdrawn, rejected): not sales.
    ctx.db
      .select({ actorId: t.statusHistory.actorId, n: count() })
      .from(t.statusHistory)
      .innerJoin(t.sales, eq(t.sales.historyId, t.statusHistory.id))
      .where(and(where(t.statusHistory), sql`not ${saleStands(ctx)}`))
      .groupBy(t.statusHistory.actorId),
  ]);
  const rows = new Map<string | null, AdvisorActivityRow>();
  const rowOf = (userId: string | null) => {
    let r = rows.get(userId);
    if (!r)
      rows.set(
        userId,
        (r = { userId, name: null, statusChanges: 0, sales: 0, activities: 0, byStatus: {}, byActivityType: {} }),
      );
    return r;
  };
  for (const c of changes) {
    const r = rowOf(c.actorId);
    r.statusChanges += c.n;
    r.byStatus[c.key] = c.n;
    if (sale.has(c.key)) r.sales += c.n;
  }
  for (const u of undone) rowOf(u.actorId).sales -= u.n;
  for (const a of contacts) {
    const r = rowOf(a.actorId);
    r.activities += a.n;
    r.byActivityType[a.key] = a.n;
  }
  const ids = [...rows.keys()].filter((k): k is string => k !== null);
  if (ids.length) {
    for (const u of await ctx.db
      .select({ id: t.users.id, name: t.users.name })
      .from(t.users)
      .where(inArray(t.users.id, ids)))
      rowOf(u.id).name = u.name;
  }
  const advisors = [...rows.values()].sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'pl'));
  return { from, to, advisors };
}
