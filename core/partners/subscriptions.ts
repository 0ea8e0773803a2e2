/**
 * @module partners/subscriptions
 * A partner's automatic report subscriptions: weekly or monthly, to a list of e-mails.
 */
import { and, eq } from 'drizzle-orm';
import { writeAudit } from '../audit/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { newId } from '../ids/index.ts';
import type { Tables } from '../storage/index.ts';
import { getPartner, updatePartner } from './partners.ts';

export type ReportSubscription = Tables['partnerReportSubscriptions']['$inferSelect'];

/**
 * Create or replace the partner's subscription of this frequency.
 * @example
 * await subscribePartnerReport(ctx, agency.id, { frequency: 'monthly', emails: ['biuro@bursztyn.example.pl'] });
 */
export async function subscribePartnerReport(
  ctx: Ctx,
  partnerId: string,
  input: { frequency: 'weekly' | 'monthly'; emails: string[]; locale?: 'pl' | 'en'; active?: boolean },
): Promise<ReportSubscription> {
  await updatePartner(ctx, partnerId, {});
  const { t } = ctx;
  const [cur] = await ctx.db
    .select()
    .from(t.partnerReportSubscriptions)
    .where(
      and(
        eq(t.partnerReportSubscriptions.partnerId, partnerId),
        eq(t.partnerReportSubscriptions.frequency, input.frequency),
      ),
    )
    .limit(1);
  const set = {
    emails: input.emails,
    locale: input.locale ?? cur?.locale ?? ctx.config.partners.reports.locale,
    active: input.active ?? true,
  };
  return inTransaction(ctx, async (tx) => {
    const audit = (id: string) =>
      writeAudit(tx, {
        action: 'partner.report.subscribe',
        entity: 'partner',
        entityId: partnerId,
        data: { subscriptionId: id, frequency: input.frequency, recipients: set.emails.length, active: set.active },
      });
    if (cur) {
      const [row] = await tx.db
        .update(t.partnerReportSubscriptions)
        .set(set)
        .where(eq(t.partnerReportSubscriptions.id, cur.id))
        .returning();
      await audit(cur.id);
      return row!;
    }
    const row: ReportSubscription = {
      id: newId(),
      partnerId,
      frequency: input.frequency,
      ...set,
      lastPeriodEnd: null,
      createdAt: tx.clock.now(),
    };
    await tx.db.insert(t.partnerReportSubscriptions).values(row);
    await audit(row.id);
    return row;
  });
}

export async function listPartnerSubscriptions(ctx: Ctx, partnerId: string): Promise<ReportSubscription[]> {
  await getPartner(ctx, partnerId);
  return ctx.db
    .select()
    .from(ctx.t.partnerReportSubscriptions)
    .where(eq(ctx.t.partnerReportSubscriptions.partnerId, partnerId));
}
