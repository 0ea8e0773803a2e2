/**
 * @module calendar/client-tasks
 * One client's tasks, for the client card: the open ones (soonest first) and the few most recently
 * finished, limited to calendars the actor may read (none without `calendar:read`: an empty list).
 * The client itself must be within the actor's `clients:read` scope (404 otherwise, like the card);
 * a partner login, which may see its referrals but no calendar, gets 403.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { scopesOf } from '../access/index.ts';
import { scopedClientRow } from '../clients/index.ts';
import type { Ctx } from '../context.ts';
import { forbidden } from '../errors.ts';
import { calendarScope } from './access.ts';
import { calendarEntries, type CalendarEntry } from './entries.ts';

/** Finished (done or cancelled) tasks shown after the open ones. */
export const RECENT_FINISHED_TASKS = 5;

/**
 * @example
 * const tasks = await clientTasks(ctx, clientId);
 * // [{ title: 'Wysłać porównanie ofert', localStart: '2026-03-05T09:00', status: 'planned', overdue: false, … }]
 */
export async function clientTasks(ctx: Ctx, clientId: string): Promise<CalendarEntry[]> {
  await scopedClientRow(ctx, clientId, 'clients:read');
  if (ctx.actor.partnerId) throw forbidden('Partners do not see calendars', { permission: 'calendar:read' });
  // Someone who may read the client but no calendar (back office, analysts) sees no tasks, not an error.
  if (!scopesOf(ctx.actor, 'calendar:read').length) return [];
  const scope = calendarScope(ctx);
  const c = ctx.t.calendarItems;
  const mine = and(scope, eq(c.clientId, clientId), eq(c.kind, 'task'));
  const open = await ctx.db
    .select()
    .from(c)
    .where(and(mine, eq(c.status, 'planned')))
    .orderBy(asc(c.startAt))
    .limit(100);
  const finished = await ctx.db
    .select()
    .from(c)
    .where(and(mine, inArray(c.status, ['done', 'cancelled'])))
    .orderBy(desc(c.updatedAt))
    .limit(RECENT_FINISHED_TASKS);
  return calendarEntries(ctx, [...open, ...finished]);
}
