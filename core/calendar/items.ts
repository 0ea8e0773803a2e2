/**
 * @module calendar/items
 * Calendar items: create (for oneself, or delegated to someone in one's scope), read, edit, move,
 * cancel, and remove one occurrence of a series. Every change to a client meeting re-plans its SMS
 * reminders in the same transaction (`syncReminders`), and every create/move reports double
 * bookings (`conflicts`) without refusing them.
 */
import { and, eq } from 'drizzle-orm';
import { assertClientWritable } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { scopedClientRow } from '../clients/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids/index.ts';
import { unitOfUser } from '../org/index.ts';
import { assertMayChange, assertMayWriteFor, calendarScope, type CalendarItemRow } from './access.ts';
import { findConflicts, type Conflict } from './conflicts.ts';
import { itemKinds, timeColumns, type ItemKind, type TimeInput } from './item-input.ts';
import { localToWallMs, wallMsToLocal, type TimeResolution } from './local-time.ts';
import type { PlannedReminder } from './reminder-plan.ts';
import { syncReminders } from './reminders.ts';

export interface ItemInput extends TimeInput {
  kind: ItemKind;
  title: string;
  note?: string | null;
  /** Whose calendar; default the actor. Someone else = delegation (needs write scope over them). */
  assigneeId?: string;
  clientId?: string | null;
  place?: string | null;
  onlineUrl?: string | null;
}

export interface ItemPatch {
  title?: string;
  note?: string | null;
  place?: string | null;
  onlineUrl?: string | null;
  rrule?: string | null;
  version?: number;
}
export interface MoveInput {
  start: string;
  end?: string | null;
  zone?: string;
  version?: number;
}

/** An item as operations return it: the row, double bookings, DST notes and the reminder plan. */
export interface ItemResult {
  item: CalendarItemRow;
  conflicts: Conflict[];
  timeNotes: TimeResolution[];
  reminders: PlannedReminder[];
}

/** The local end that keeps a duration (wall-clock arithmetic; DST is resolved when it is read). */
function localEnd(localStart: string, minutes: number): string {
  const wall = localToWallMs(localStart);
  if (Number.isNaN(wall))
    throw invalid('Not a local date and time', [
      { path: '/start', message: `"${localStart}" is not YYYY-MM-DDTHH:mm` },
    ]);
  return wallMsToLocal(wall + minutes * 60_000);
}

const firmZone = (ctx: Ctx) => ctx.config.firm.timeZone ?? 'Europe/Warsaw';

function checkLink(url: string | null | undefined): void {
  if (url && !/^https:\/\/[^\s]+$/.test(url))
    throw invalid('The online link must be an https:// address', [
      { path: '/onlineUrl', message: 'not an https:// URL' },
    ]);
}

async function assigneeOf(ctx: Ctx, userId: string): Promise<{ id: string; unitId: string | null }> {
  const [u] = await ctx.db
    .select({ id: ctx.t.users.id, disabledAt: ctx.t.users.disabledAt, partnerId: ctx.t.users.partnerId })
    .from(ctx.t.users)
    .where(eq(ctx.t.users.id, userId))
    .limit(1);
  if (!u || u.disabledAt)
    throw invalid('Unknown assignee', [{ path: '/assigneeId', message: `no active user ${userId}` }]);
  if (u.partnerId)
    throw invalid('Partners have no calendar', [
      { path: '/assigneeId', message: "a partner's person cannot be given calendar items" },
    ]);
  return { id: u.id, unitId: await unitOfUser(ctx, userId) };
}

/**
 * @example
 * const { item, conflicts, reminders } = await createItem(ctx, { kind: 'meeting', title: 'Spotkanie: oferta kredytu',
 *   start: '2026-05-12T10:00', end: '2026-05-12T11:00', clientId, place: 'ul. Długa 5, Gdańsk' });
 */
export async function createItem(ctx: Ctx, input: ItemInput): Promise<ItemResult> {
  if (!(itemKinds as readonly string[]).includes(input.kind))
    throw invalid('Unknown item kind', [{ path: '/kind', message: `one of ${itemKinds.join(', ')}` }]);
  const assigneeId = input.assigneeId ?? ctx.actor.userId;
  if (!assigneeId)
    throw invalid('Whose calendar?', [{ path: '/assigneeId', message: 'required when the system acts' }]);
  const assignee = await assigneeOf(ctx, assigneeId);
  assertMayWriteFor(ctx.actor, assignee.id, assignee.unitId);
  if (input.clientId) {
    await scopedClientRow(ctx, input.clientId, 'clients:read');
    await assertClientWritable(ctx, input.clientId); // no new meetings with a restricted client (Art. 18)
  }
  checkLink(input.onlineUrl);
  const { columns, timeNotes } = timeColumns(input.kind, input, firmZone(ctx), {
    now: ctx.clock.now(),
    bounds: ctx.dateBounds,
  });
  const now = ctx.clock.now();
  const item: CalendarItemRow = {
    id: newId(),
    kind: input.kind,
    title: input.title.trim(),
    note: input.note?.trim() || null,
    assigneeId: assignee.id,
    unitId: assignee.unitId,
    createdById: ctx.actor.userId,
    delegatedById: ctx.actor.userId && ctx.actor.userId !== assignee.id ? ctx.actor.userId : null,
    clientId: input.clientId ?? null,
    place: input.place?.trim() || null,
    onlineUrl: input.onlineUrl ?? null,
    ...columns,
    status: 'planned',
    outcome: null,
    completedAt: null,
    completedById: null,
    overdueNotifiedAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  if (!item.title) throw invalid('The item needs a title', [{ path: '/title', message: 'empty' }]);
  return inTransaction(ctx, async (tx) => {
    await tx.db.insert(tx.t.calendarItems).values(item);
    const reminders = await syncReminders(tx, item);
    // No title or note in the entry: they may name the client (the audit log keeps no personal values).
    await writeAudit(tx, {
      action: item.delegatedById ? 'calendar.delegate' : 'calendar.create',
      entity: 'calendar-item',
      entityId: item.id,
      clientId: item.clientId,
      data: { kind: item.kind, assigneeId: item.assigneeId },
    });
    return { item, conflicts: await findConflicts(tx, item), timeNotes, reminders };
  });
}

/** One item the actor may see; 404 otherwise (as for a missing one, so ids cannot be probed). */
export async function getItem(ctx: Ctx, id: string): Promise<CalendarItemRow> {
  const c = ctx.t.calendarItems;
  const [row] = await ctx.db
    .select()
    .from(c)
    .where(and(eq(c.id, id), calendarScope(ctx)))
    .limit(1);
  if (!row) throw notFound('Calendar item', id);
  return row;
}

async function change(
  ctx: Ctx,
  id: string,
  version: number | undefined,
  fn: (item: CalendarItemRow) => Partial<CalendarItemRow> & { timeNotes?: TimeResolution[] },
): Promise<ItemResult> {
  return inTransaction(ctx, async (tx) => {
    const before = await getItem(tx, id);
    assertMayChange(tx.actor, before);
    if (version !== undefined && version !== before.version)
      throw conflict(`The item changed meanwhile (version ${before.version}, you had ${version}); reload it`, {
        version: before.version,
      });
    const { timeNotes = [], ...patch } = fn(before);
    const item: CalendarItemRow = { ...before, ...patch, version: before.version + 1, updatedAt: tx.clock.now() };
    const c = tx.t.calendarItems;
    const done = await tx.db
      .update(c)
      .set({ ...patch, version: item.version, updatedAt: item.updatedAt })
      .where(and(eq(c.id, id), eq(c.version, before.version)))
      .returning({ id: c.id });
    if (!done.length) throw conflict('The item changed meanwhile; reload it');
    const reminders = await syncReminders(tx, item);
    await writeAudit(tx, {
      action: patch.status === 'cancelled' ? 'calendar.cancel' : 'calendar.update',
      entity: 'calendar-item',
      entityId: id,
      clientId: item.clientId,
      data: { fields: Object.keys(patch), version: item.version },
    });
    return { item, conflicts: await findConflicts(tx, item), timeNotes, reminders };
  });
}

/**
 * @example
 * await updateItem(ctx, id, { place: 'ul. Grunwaldzka 12, Gdańsk' }); // reminder texts follow
 */
export async function updateItem(ctx: Ctx, id: string, patch: ItemPatch): Promise<ItemResult> {
  checkLink(patch.onlineUrl);
  if (patch.title !== undefined && !patch.title.trim())
    throw invalid('The item needs a title', [{ path: '/title', message: 'empty' }]);
  return change(ctx, id, patch.version, (item) => {
    const out: Partial<CalendarItemRow> & { timeNotes?: TimeResolution[] } = {};
    if (patch.title !== undefined) out.title = patch.title.trim();
    if (patch.note !== undefined) out.note = patch.note?.trim() || null;
    if (patch.place !== undefined) out.place = patch.place?.trim() || null;
    if (patch.onlineUrl !== undefined) out.onlineUrl = patch.onlineUrl;
    if (patch.rrule !== undefined) {
      const { columns, timeNotes } = timeColumns(
        item.kind,
        {
          start: item.localStart,
          end: localEnd(item.localStart, item.durationMinutes),
          zone: item.zone,
          rrule: patch.rrule,
          exdates: item.exdates,
        },
        item.zone,
      );
      Object.assign(out, { rrule: columns.rrule, seriesEndAt: columns.seriesEndAt, timeNotes });
    }
    return out;
  });
}

/**
 * Move an item (a whole series moves with its first occurrence). Without `end` the duration is kept.
 * A moved task may be reported overdue again (`notifyOverdueTasks`).
 * @example
 * const { item, conflicts } = await moveItem(ctx, id, { start: '2026-05-13T09:00' }); // reminders move too
 */
export async function moveItem(ctx: Ctx, id: string, input: MoveInput): Promise<ItemResult> {
  return change(ctx, id, input.version, (item) => {
    const end = input.end || localEnd(input.start, item.durationMinutes);
    const { columns, timeNotes } = timeColumns(
      item.kind,
      { start: input.start, end, zone: input.zone ?? item.zone, rrule: item.rrule, exdates: item.exdates },
      item.zone,
      { now: ctx.clock.now(), bounds: ctx.dateBounds },
    );
    // A task given a new due time may become overdue again, and then the delegator hears of it again.
    return { ...columns, overdueNotifiedAt: null, timeNotes };
  });
}

/**
 * Cancel an item; its unsent reminders are cancelled in the same transaction.
 * @example
 * await cancelItem(ctx, id);
 */
export async function cancelItem(ctx: Ctx, id: string): Promise<ItemResult> {
  return change(ctx, id, undefined, (item) => {
    if (item.status !== 'planned') throw conflict(`The item is already ${item.status}`);
    return { status: 'cancelled' };
  });
}

/**
 * Remove one occurrence (by its local date) from a recurring item.
 * @example
 * await skipOccurrence(ctx, id, '2026-04-06'); // Easter Monday
 */
export async function skipOccurrence(ctx: Ctx, id: string, date: string): Promise<ItemResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw invalid('Not a date', [{ path: '/date', message: 'YYYY-MM-DD' }]);
  return change(ctx, id, undefined, (item) => {
    if (!item.rrule)
      throw invalid('Only a recurring item has occurrences to skip', [
        { path: '/date', message: 'the item does not recur' },
      ]);
    return { exdates: [...new Set([...item.exdates, date])].sort() };
  });
}
