/**
 * @module calendar/entries
 * What every calendar read answers with: a `CalendarEntry` per item (or per occurrence of a series
 * in a window), with the names of the assignee and of who delegated it. The calendar window, the
 * supervisor's overdue list and a client's tasks all build their entries here.
 */
import { inArray } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { CalendarItemRow } from './access.ts';
import { expand } from './recurrence.ts';

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

/** The names of the people the rows are assigned to or were delegated by, in one query. */
async function names(ctx: Ctx, rows: CalendarItemRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => [r.assigneeId, ...(r.delegatedById ? [r.delegatedById] : [])]))];
  if (!ids.length) return new Map();
  const found = await ctx.db
    .select({ id: ctx.t.users.id, name: ctx.t.users.name })
    .from(ctx.t.users)
    .where(inArray(ctx.t.users.id, ids));
  return new Map(found.map((r) => [r.id, r.name]));
}

/**
 * The entries of `rows`, in their order. With a `window`, a series becomes its occurrences in it
 * (keyed `itemId@day`); without one, each row is one entry at its own start. `conflict` is left
 * false for the caller to mark.
 * @example
 * const entries = await calendarEntries(ctx, rows, { from, to });
 * // [{ key: 'i1@2026-03-24', title: 'Spotkanie', assignee: { id: 'u1', name: 'Anna Nowak' }, … }]
 */
export async function calendarEntries(
  ctx: Ctx,
  rows: CalendarItemRow[],
  window?: { from: Date; to: Date },
): Promise<CalendarEntry[]> {
  const who = await names(ctx, rows);
  const now = ctx.clock.now();
  return rows.flatMap((r) => {
    const occurrences = window
      ? expand(r, window.from, window.to)
      : [{ start: r.startAt, end: r.endAt, localStart: r.localStart }];
    const recurring = !!window && !!r.rrule;
    return occurrences.map((o) => ({
      key: recurring ? `${r.id}@${o.localStart.slice(0, 10)}` : r.id,
      itemId: r.id,
      kind: r.kind,
      title: r.title,
      start: o.start,
      end: o.end,
      localStart: o.localStart,
      zone: r.zone,
      recurring,
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
    }));
  });
}
