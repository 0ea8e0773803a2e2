/**
 * @module calendar/recheck
 * The outbox worker's send-time check for `meeting-reminder` rows: between planning and sending,
 * the meeting may have been cancelled or moved and the client may have withdrawn consent. The row
 * goes only when the plan made NOW from the stored meeting and client still says this very reminder.
 */
import { eq } from 'drizzle-orm';
import { processingLimits } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import type { Recheck, RecheckResult } from '../notifications/index.ts';
import { planFor } from './reminders.ts';

/**
 * @example
 * const r = await recheckMeetingReminder(ctx, { subject: 'meeting:0193…:24h', dueAt, recipient: '+48600100200' });
 * // with the worker: createOutboxWorker(runtime, { sms, recheck: { 'meeting-reminder': recheckMeetingReminder } })
 */
export const recheckMeetingReminder: Recheck = async function recheckMeetingReminder(
  ctx: Ctx,
  row: { subject: string | null; dueAt: Date; recipient: string },
): Promise<RecheckResult> {
  const m = /^meeting:([^:]+):(.+)$/.exec(row.subject ?? '');
  if (!m) return { ok: false, reason: `not a meeting reminder subject: ${row.subject}` };
  const [, itemId, ruleId] = m;
  const [item] = await ctx.db.select().from(ctx.t.calendarItems).where(eq(ctx.t.calendarItems.id, itemId!)).limit(1);
  if (!item) return { ok: false, reason: 'the meeting no longer exists' };
  if (item.status === 'cancelled') return { ok: false, reason: 'the meeting was cancelled' };
  if (item.status === 'done') return { ok: false, reason: 'the meeting is already completed' };
  if (item.startAt.getTime() <= ctx.clock.now().getTime())
    return { ok: false, reason: 'the meeting has already started' };
  const limits = item.clientId ? await processingLimits(ctx, item.clientId) : [];
  if (limits.some((l) => l.kind === 'restriction' || l.kind === 'erased'))
    return { ok: false, reason: "processing of the client's data is restricted (GDPR Art. 18): no messages" };
  const p = (await planFor(ctx, item)).find((x) => x.ruleId === ruleId);
  if (!p) return { ok: false, reason: `the reminder rule "${ruleId}" is no longer configured` };
  if (p.status === 'skipped')
    return {
      ok: false,
      reason:
        p.reason === 'no-consent'
          ? (p.consentReason ?? 'the client no longer consents to SMS')
          : `skipped: ${p.reason}`,
    };
  if (p.sendAt.getTime() !== row.dueAt.getTime())
    return { ok: false, reason: 'the meeting time changed since this reminder was planned' };
  if (p.to !== row.recipient) return { ok: false, reason: "the client's phone number changed" };
  return { ok: true };
};
