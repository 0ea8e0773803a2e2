/**
 * @module calendar/complete
 * Completing an item: a task is done; a meeting or call ends with an outcome (held, no-show,
 * rescheduled) that goes into the client's contact history through the workflow's `recordActivity`
 * (type `meeting` or `call` when the firm's config has it; the outcome when the config knows it,
 * otherwise in the note), so the reports see it. A delegated task's delegator gets a `task-done`
 * e-mail through the outbox, in the same transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { conflict, CrmError, invalid } from '../errors.ts';
import { recordActivity } from '../workflow/index.ts';
import { writeAudit } from '../audit/index.ts';
import { inTransaction } from '../context.ts';
import { assertMayChange, type CalendarItemRow } from './access.ts';
import { getItem } from './items.ts';
import { syncReminders } from './reminders.ts';
import { noticeTaskDone } from './task-notices.ts';
import { DAY_MS } from '../time/index.ts';

export const meetingOutcomes = ['held', 'no-show', 'rescheduled'] as const;
export type MeetingOutcome = (typeof meetingOutcomes)[number];
export interface CompleteInput {
  outcome?: MeetingOutcome;
  note?: string | null;
}
export interface CompleteResult {
  item: CalendarItemRow;
  activityId: string | null;
  activitySkipped?: string;
}

const OUTCOME_NOTE: Record<MeetingOutcome, string> = {
  held: 'Spotkanie odbyte',
  'no-show': 'Klient nie przyszedł',
  rescheduled: 'Przełożone',
};

/**
 * @example
 * const { item, activityId } = await completeItem(ctx, meetingId,
 *   { outcome: 'held', note: 'Klient wybrał ofertę banku B' });
 */
export async function completeItem(ctx: Ctx, id: string, input: CompleteInput = {}): Promise<CompleteResult> {
  if (input.outcome && !meetingOutcomes.includes(input.outcome))
    throw invalid('Unknown outcome', [{ path: '/outcome', message: `one of ${meetingOutcomes.join(', ')}` }]);
  return inTransaction(ctx, async (tx) => {
    const before = await getItem(tx, id);
    assertMayChange(tx.actor, before);
    if (before.status !== 'planned') throw conflict(`The item is already ${before.status}`);
    if (input.outcome && before.kind !== 'meeting' && before.kind !== 'call')
      throw invalid('Only meetings and calls have an outcome', [
        { path: '/outcome', message: `a ${before.kind} is just done` },
      ]);
    const now = tx.clock.now();
    const c = tx.t.calendarItems;
    const patch = {
      status: 'done' as const,
      outcome: input.outcome ?? null,
      completedAt: now,
      completedById: tx.actor.userId,
      version: before.version + 1,
      updatedAt: now,
    };
    const done = await tx.db
      .update(c)
      .set(patch)
      .where(and(eq(c.id, id), eq(c.version, before.version)))
      .returning({ id: c.id });
    if (!done.length) throw conflict('The item changed meanwhile; reload it');
    const item = { ...before, ...patch };
    await writeAudit(tx, {
      action: 'calendar.complete',
      entity: 'calendar-item',
      entityId: id,
      clientId: item.clientId,
      data: { outcome: patch.outcome },
    });
    await syncReminders(tx, item);
    await noticeTaskDone(tx, item);
    if (!item.clientId || (item.kind !== 'meeting' && item.kind !== 'call')) return { item, activityId: null };
    const wf = tx.config.workflow;
    const type = Object.hasOwn(wf.activityTypes, item.kind) ? item.kind : Object.keys(wf.activityTypes)[0]!;
    const known = input.outcome && Object.hasOwn(wf.outcomes ?? {}, input.outcome);
    const note = [input.outcome && !known ? OUTCOME_NOTE[input.outcome] : null, input.note?.trim() || null, item.title]
      .filter(Boolean)
      .join(' — ');
    try {
      // The meeting's own time, unless it lies more than a day ahead (recordActivity refuses that).
      const at = item.startAt.getTime() <= now.getTime() + DAY_MS ? item.startAt : now;
      const activity = await recordActivity(tx, item.clientId, {
        type,
        at,
        outcome: known ? input.outcome! : null,
        note,
      });
      return { item, activityId: activity.id };
    } catch (error) {
      // The completer may see the calendar but not write the client (a supervisor closing a delegated meeting).
      if (error instanceof CrmError && (error.code === 'not_found' || error.code === 'forbidden'))
        return { item, activityId: null, activitySkipped: error.message };
      throw error;
    }
  });
}
