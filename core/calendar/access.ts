/**
 * @module calendar/access
 * Who may see and change whose calendar. Calendars are scoped like clients, by the item's assignee
 * (the owner column) and the assignee's unit: `own` is one's own calendar, `team` the people who
 * report to one (`supervisorId`), `unit`/`subtree` the branch network. Partners never see a
 * calendar, whatever their role says. Whoever delegated an item keeps seeing it.
 */
import { eq, or, type SQL } from 'drizzle-orm';
import { canAccess, requirePermission, scopeCondition, type Actor } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { forbidden } from '../errors.ts';
import type { Tables } from '../storage/index.ts';

export type CalendarItemRow = Tables['calendarItems']['$inferSelect'];

function noPartners(actor: Actor): void {
  if (actor.partnerId) throw forbidden('Partners do not see calendars', { permission: 'calendar:read' });
}

/** WHERE limiting calendar items to those the actor may see; `undefined` = all. 403 without calendar:read. */
export function calendarScope(ctx: Ctx): SQL | undefined {
  noPartners(ctx.actor);
  const c = ctx.t.calendarItems;
  const scoped = scopeCondition(ctx.actor, 'calendar:read', { owner: c.assigneeId, unit: c.unitId });
  if (!scoped || !ctx.actor.userId) return scoped;
  return or(scoped, eq(c.delegatedById, ctx.actor.userId));
}

/** Whether the actor may see one person's calendar (`calendar:read` covering the person and their unit). */
export function mayReadCalendarOf(actor: Actor, userId: string, unitId: string | null): boolean {
  return !actor.partnerId && canAccess(actor, 'calendar:read', { ownerId: userId, unitId });
}

/**
 * 403 unless the actor may put items in this person's calendar: `own` for oneself, a wider scope
 * (team/unit/subtree/all) covering the person to delegate.
 * @example
 * assertMayWriteFor(ctx.actor, anna.id, gdansk.id);
 */
export function assertMayWriteFor(actor: Actor, userId: string, unitId: string | null): void {
  noPartners(actor);
  requirePermission(actor, 'calendar:write');
  if (!canAccess(actor, 'calendar:write', { ownerId: userId, unitId })) {
    throw forbidden(
      userId === actor.userId
        ? 'You may not change your calendar'
        : 'This person is outside your scope: you may not put items in their calendar',
      { permission: 'calendar:write' },
    );
  }
}

/** 403 unless the actor may change this item: write scope over its assignee, or the delegator. */
export function assertMayChange(actor: Actor, item: CalendarItemRow): void {
  noPartners(actor);
  requirePermission(actor, 'calendar:write');
  if (actor.userId && item.delegatedById === actor.userId) return;
  if (!canAccess(actor, 'calendar:write', { ownerId: item.assigneeId, unitId: item.unitId })) {
    throw forbidden('You may not change this calendar item', { permission: 'calendar:write' });
  }
}
