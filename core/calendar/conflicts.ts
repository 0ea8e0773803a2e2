/**
 * @module calendar/conflicts
 * Double booking: two planned meetings, calls or blocks of one person that overlap in time. A
 * conflict is FLAGGED (returned with the item, marked in lists), never refused: a broker may well
 * squeeze a call into a block of paperwork, and only they know.
 */
import { and, eq, gt, inArray, lt, ne } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { CalendarItemRow } from './access.ts';
import { expand, type Occurrence } from './recurrence.ts';
import { DAY_MS } from '../time/index.ts';

export interface Conflict {
  id: string;
  title: string;
  kind: string;
  start: Date;
  end: Date;
}

const BUSY = ['meeting', 'call', 'block'] as const;
/** How far ahead a recurring item is checked for clashes. */
const RECURRING_HORIZON = 90 * DAY_MS;

const overlap = (a: Occurrence, b: Occurrence) => a.start < b.end && b.start < a.end;

/**
 * Items of the same person that overlap the item (any of its occurrences in the next 90 days).
 * @example
 * const conflicts = await findConflicts(tx, item); // [{ id, title: 'Spotkanie z klientem', start, end }]
 */
export async function findConflicts(ctx: Ctx, item: CalendarItemRow): Promise<Conflict[]> {
  if (!(BUSY as readonly string[]).includes(item.kind) || item.status !== 'planned' || item.durationMinutes === 0)
    return [];
  const horizon = item.rrule
    ? new Date(Math.min(item.seriesEndAt.getTime(), item.startAt.getTime() + RECURRING_HORIZON))
    : item.endAt;
  const mine = expand(item, item.startAt, horizon);
  if (!mine.length) return [];
  const c = ctx.t.calendarItems;
  const candidates = await ctx.db
    .select()
    .from(c)
    .where(
      and(
        eq(c.assigneeId, item.assigneeId),
        ne(c.id, item.id),
        eq(c.status, 'planned'),
        inArray(c.kind, [...BUSY]),
        lt(c.startAt, horizon),
        gt(c.seriesEndAt, item.startAt),
      ),
    );
  const out: Conflict[] = [];
  for (const other of candidates) {
    if (other.durationMinutes === 0) continue;
    const clash = expand(other, item.startAt, horizon).find((o) => mine.some((m) => overlap(m, o)));
    if (clash) out.push({ id: other.id, title: other.title, kind: other.kind, start: clash.start, end: clash.end });
  }
  return out;
}

/** Among occurrences of one person, the keys of those that overlap another (for list views). */
export function overlappingKeys(
  list: ReadonlyArray<{ key: string; assigneeId: string; kind: string; status: string; start: Date; end: Date }>,
): Set<string> {
  const busy = list
    .filter((o) => (BUSY as readonly string[]).includes(o.kind) && o.status === 'planned' && o.end > o.start)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const out = new Set<string>();
  const byPerson = new Map<string, typeof busy>();
  for (const o of busy) byPerson.set(o.assigneeId, [...(byPerson.get(o.assigneeId) ?? []), o]);
  for (const rows of byPerson.values()) {
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length && rows[j]!.start < rows[i]!.end; j++) {
        out.add(rows[i]!.key);
        out.add(rows[j]!.key);
      }
    }
  }
  return out;
}
