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
import { calendarScope, mayReadCalendarOf } from './access.ts';
import { overlappingKeys } from './conflicts.ts';
import { calendarEntries, type CalendarEntry } from './entries.ts';
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
  const entries = await calendarEntries(ctx, rows, q);
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
  return calendarEntries(ctx, rows);
}
