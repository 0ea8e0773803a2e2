/**
 * @module calendar/list
 * Calendars for a window: one's own, one person's (a supervisor looking at a subordinate), one
 * unit's, or everything one's scope covers. Recurring items are expanded; double bookings are
 * marked. A person or unit outside the actor's scope is a 403, not an empty calendar, so a
 * supervisor knows they asked for the wrong thing. Plus the supervisor's list of overdue tasks.
 */
import { and, asc, eq, gt, gte, inArray, isNotNull, lt, or, type SQL } from 'drizzle-orm';
import { canAccess } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { forbidden, invalid } from '../errors.ts';
import { unitOfUser } from '../org/index.ts';
import { calendarScope, mayReadCalendarOf, type CalendarItemRow } from './access.ts';
import { overlappingKeys } from './conflicts.ts';
import { expand } from './recurrence.ts';
import { DAY_MS } from '../time/index.ts';

/** The longest window one request may expand (a month view shows up to 6 weeks). */
export const MAX_WINDOW_DAYS = 93;

export interface CalendarQuery {
  from: Date;
  to: Date;
  /** One person's calendar (default: the actor's own, unless `unitId` or `everyone`). */
  userId?: string;
  unitId?: string;
  /** Everything the actor's `calendar:read` scope covers (a supervisor's team view). */
  everyone?: boolean;
}

export interface CalendarEntry {
  /** `itemId` for a single item, `itemId@YYYY-MM-DD` for an occurrence of a series. */
  key: string;
  itemId: string;
  kind: CalendarItemRow['kind'];
  title: string;
  start: Date;
  end: Date;
  /** The local start as the person typed it (for a series: this occurrence's). */
  localStart: string;
  zone: string;
  recurring: boolean;
  status: CalendarItemRow['status'];
  outcome: CalendarItemRow['outcome'];
  assignee: { id: string; name: string };
  delegatedBy: { id: string; name: string } | null;
  clientId: string | null;
  place: string | null;
  onlineUrl: string | null;
  note: string | null;
  version: number;
  /** Overlaps another planned meeting, call or block of the same person. */
  conflict: boolean;
  /** A task past its due time and not done. */
  overdue: boolean;
}

async function names(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await ctx.db
    .select({ id: ctx.t.users.id, name: ctx.t.users.name })
    .from(ctx.t.users)
    .where(inArray(ctx.t.users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function whoseCondition(ctx: Ctx, q: CalendarQuery): Promise<SQL | undefined> {
  const c = ctx.t.calendarItems;
  if (q.everyone) return undefined;
  if (q.unitId) {
    if (!ctx.actor.partnerId && canAccess(ctx.actor, 'calendar:read', { unitId: q.unitId }))
      return eq(c.unitId, q.unitId);
    throw forbidden("This unit's calendar is outside your scope", { permission: 'calendar:read' });
  }
  const userId = q.userId ?? ctx.actor.userId;
  if (!userId) throw invalid('Whose calendar?', [{ path: '/userId', message: 'required when the system asks' }]);
  if (userId !== ctx.actor.userId && !mayReadCalendarOf(ctx.actor, userId, await unitOfUser(ctx, userId))) {
    throw forbidden("This person's calendar is outside your scope", { permission: 'calendar:read' });
  }
  return eq(c.assigneeId, userId);
}

/**
 * @example
 * const week = await listCalendar(ctx, { from: new Date('2026-03-23T00:00:00+01:00'),
 *   to: new Date('2026-03-30T00:00:00+02:00') });
 * const team = await listCalendar(ctx, { from, to, everyone: true });
 */
export async function listCalendar(ctx: Ctx, q: CalendarQuery): Promise<CalendarEntry[]> {
  if (!(q.from < q.to)) throw invalid('The window is empty', [{ path: '/to', message: 'must be after from' }]);
  if (q.to.getTime() - q.from.getTime() > MAX_WINDOW_DAYS * DAY_MS)
    throw invalid('The window is too long', [{ path: '/to', message: `at most ${MAX_WINDOW_DAYS} days` }]);
  const c = ctx.t.calendarItems;
  const scope = calendarScope(ctx);
  const rows = await ctx.db
    .select()
    .from(c)
    .where(
      and(
        scope,
        await whoseCondition(ctx, q),
        inArray(c.status, ['planned', 'done']),
        lt(c.startAt, q.to),
        or(gt(c.seriesEndAt, q.from), gte(c.startAt, q.from)),
      ),
    )
    .orderBy(asc(c.startAt))
    .limit(5000);
  const who = await names(
    ctx,
    rows.flatMap((r) => [r.assigneeId, ...(r.delegatedById ? [r.delegatedById] : [])]),
  );
  const now = ctx.clock.now();
  const entries: CalendarEntry[] = rows.flatMap((r) =>
    expand(r, q.from, q.to).map((o) => ({
      key: r.rrule ? `${r.id}@${o.localStart.slice(0, 10)}` : r.id,
      itemId: r.id,
      kind: r.kind,
      title: r.title,
      start: o.start,
      end: o.end,
      localStart: o.localStart,
      zone: r.zone,
      recurring: !!r.rrule,
      status: r.status,
      outcome: r.outcome,
      assignee: { id: r.assigneeId, name: who.get(r.assigneeId) ?? '' },
      delegatedBy: r.delegatedById ? { id: r.delegatedById, name: who.get(r.delegatedById) ?? '' } : null,
      clientId: r.clientId,
      place: r.place,
      onlineUrl: r.onlineUrl,
      note: r.note,
      version: r.version,
      conflict: false,
      overdue: r.kind === 'task' && r.status === 'planned' && r.endAt < now,
    })),
  );
  const clashes = overlappingKeys(
    entries.map((e) => ({
      key: e.key,
      assigneeId: e.assignee.id,
      kind: e.kind,
      status: e.status,
      start: e.start,
      end: e.end,
    })),
  );
  for (const e of entries) e.conflict = clashes.has(e.key);
  return entries.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * Tasks past their due time and not done, within the actor's scope (and those they delegated).
 * `delegatedByMe` narrows it to what the actor handed out.
 * @example
 * const late = await overdueTasks(ctx, { delegatedByMe: true });
 * // [{ title: 'Zebrać dokumenty', assignee: { name: 'Anna Nowak' }, … }]
 */
export async function overdueTasks(ctx: Ctx, options: { delegatedByMe?: boolean } = {}): Promise<CalendarEntry[]> {
  const c = ctx.t.calendarItems;
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select()
    .from(c)
    .where(
      and(
        calendarScope(ctx),
        eq(c.kind, 'task'),
        eq(c.status, 'planned'),
        lt(c.endAt, now),
        options.delegatedByMe
          ? ctx.actor.userId
            ? eq(c.delegatedById, ctx.actor.userId)
            : isNotNull(c.delegatedById)
          : undefined,
      ),
    )
    .orderBy(asc(c.endAt))
    .limit(500);
  const who = await names(
    ctx,
    rows.flatMap((r) => [r.assigneeId, ...(r.delegatedById ? [r.delegatedById] : [])]),
  );
  return rows.map((r) => ({
    key: r.id,
    itemId: r.id,
    kind: r.kind,
    title: r.title,
    start: r.startAt,
    end: r.endAt,
    localStart: r.localStart,
    zone: r.zone,
    recurring: false,
    status: r.status,
    outcome: r.outcome,
    assignee: { id: r.assigneeId, name: who.get(r.assigneeId) ?? '' },
    delegatedBy: r.delegatedById ? { id: r.delegatedById, name: who.get(r.delegatedById) ?? '' } : null,
    clientId: r.clientId,
    place: r.place,
    onlineUrl: r.onlineUrl,
    note: r.note,
    version: r.version,
    conflict: false,
    overdue: true,
  }));
}
