/**
 * @module calendar/reminder-delivery
 * A meeting reminder's delivery report in the client's history: "SMS przypomnienie (24h) doręczone",
 * "nie doręczone" or "wygasło", as a contact entry of type `sms` (or the first configured type) on
 * the meeting's client, recorded by the system. Reports of other messages are not a client's story.
 */
import { eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { DeliveryStatus } from '../notifications/index.ts';
import { formatLocal } from '../time/index.ts';
import { recordActivity } from '../workflow/index.ts';
import { REMINDER_PURPOSE } from './reminders.ts';

const said: Record<DeliveryStatus, string> = {
  delivered: 'doręczone',
  failed: 'nie doręczone',
  expired: 'wygasło (telefon był niedostępny)',
};

/**
 * @example
 * await recordReminderDelivery(crm.system('sms-delivery'), outboxRow); // an activity on the meeting's client
 */
export async function recordReminderDelivery(
  ctx: Ctx,
  row: { purpose: string; subject: string | null; deliveryStatus: DeliveryStatus | null; deliveryAt: Date | null },
): Promise<string | null> {
  const m = /^meeting:([^:]+):([^:]+)$/.exec(row.subject ?? '');
  if (row.purpose !== REMINDER_PURPOSE || !m || !row.deliveryStatus) return null;
  const [, itemId, ruleId] = m;
  const { t } = ctx;
  const [item] = await ctx.db
    .select({ clientId: t.calendarItems.clientId })
    .from(t.calendarItems)
    .where(eq(t.calendarItems.id, itemId!))
    .limit(1);
  if (!item?.clientId) return null;
  const types = Object.keys(ctx.config.workflow.activityTypes);
  const type = types.includes('sms') ? 'sms' : types[0]!;
  // The operator's clock is not ours: a report time ahead of ours is recorded as now.
  const now = ctx.clock.now();
  const at = row.deliveryAt && row.deliveryAt < now ? row.deliveryAt : now;
  const when = formatLocal(at, ctx.config.firm.timeZone, 'pl', 'datetime');
  await recordActivity(ctx, item.clientId, {
    type,
    at: at.toISOString(),
    note: `SMS przypomnienie o spotkaniu (${ruleId}) ${said[row.deliveryStatus]} — raport operatora ${when}`,
  });
  return item.clientId;
}
