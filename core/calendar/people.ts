/**
 * @module calendar/people
 * Whose calendars the actor may open (a supervisor's picker): active, non-partner users whose
 * current unit and supervisor put them inside the actor's `calendar:read` scope.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { membershipAt } from '../org/index.ts';
import { mayReadCalendarOf } from './access.ts';
import { calendarScope } from './access.ts';

export interface CalendarPerson {
  id: string;
  name: string;
  unitId: string | null;
  me: boolean;
  supervisorId: string | null;
}

/**
 * @example
 * const people = await calendarPeople(ctx); // [{ id, name: 'Anna Nowak', unitId, me: false }, …]
 */
export async function calendarPeople(ctx: Ctx): Promise<CalendarPerson[]> {
  calendarScope(ctx); // 403 for partners and those without calendar:read
  const { t } = ctx;
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select({ id: t.users.id, name: t.users.name, supervisorId: t.users.supervisorId, unitId: t.memberships.unitId })
    .from(t.users)
    .leftJoin(t.memberships, and(eq(t.memberships.userId, t.users.id), membershipAt(t, now)))
    .where(and(isNull(t.users.disabledAt), isNull(t.users.partnerId)));
  return rows
    .filter((r) => r.id === ctx.actor.userId || mayReadCalendarOf(ctx.actor, r.id, r.unitId))
    .map((r) => ({
      id: r.id,
      name: r.name,
      unitId: r.unitId,
      supervisorId: r.supervisorId,
      me: r.id === ctx.actor.userId,
    }))
    .sort((a, b) => Number(b.me) - Number(a.me) || a.name.localeCompare(b.name, 'pl'));
}
