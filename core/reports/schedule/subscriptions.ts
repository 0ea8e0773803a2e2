/**
 * @module reports/schedule/subscriptions
 * A person's scheduled reports: subscribe to a report (weekly or monthly PDF by e-mail), list one's
 * subscriptions, stop one. The report goes to the subscriber's own address only: it carries data
 * of their scope, and an export permission is not a licence to mail it elsewhere. Subscribing
 * needs `reports:read` and `reports:export`; a refusal is audited like an export attempt.
 */
import { and, eq } from 'drizzle-orm';
import { requirePermission } from '../../access/index.ts';
import { writeAudit } from '../../audit/index.ts';
import type { Ctx } from '../../context.ts';
import { CrmError, invalid, notFound } from '../../errors.ts';
import { newId } from '../../ids/index.ts';
import type { Tables } from '../../storage/index.ts';
import { scheduledReport } from './scheduled-reports.ts';

export type ReportSubscription = Tables['reportSubscriptions']['$inferSelect'];

export interface SubscribeInput {
  report: string;
  frequency: 'weekly' | 'monthly';
  params?: Record<string, unknown>;
  locale?: 'pl' | 'en';
}

async function mayExport(ctx: Ctx, report: string): Promise<void> {
  try {
    requirePermission(ctx.actor, 'reports:read');
    requirePermission(ctx.actor, 'reports:export');
  } catch (error) {
    if (error instanceof CrmError)
      await writeAudit(ctx, {
        action: 'export.refused',
        entity: `report:${report}`,
        data: { subscription: true, permission: 'reports:export', reason: error.message },
      });
    throw error;
  }
}

/**
 * Creates or replaces the actor's subscription to this report at this frequency.
 * @example
 * await subscribeReport(ctx, { report: 'advisor-activity', frequency: 'weekly', params: { unitId: gdansk.id } });
 */
export async function subscribeReport(ctx: Ctx, input: SubscribeInput): Promise<ReportSubscription> {
  await mayExport(ctx, input.report);
  if (!ctx.actor.userId)
    throw invalid('Only a person can subscribe to a report', [{ path: '/report', message: 'no user' }]);
  if (input.frequency !== 'weekly' && input.frequency !== 'monthly')
    throw invalid('Weekly or monthly', [{ path: '/frequency', message: 'must be weekly or monthly' }]);
  const report = scheduledReport(ctx, input.report);
  const params = input.params ?? {};
  await report.check?.(ctx, params);
  const s = ctx.t.reportSubscriptions;
  const [user] = await ctx.db
    .select({ email: ctx.t.users.email })
    .from(ctx.t.users)
    .where(eq(ctx.t.users.id, ctx.actor.userId));
  const set = { params, emails: [user!.email], locale: input.locale ?? 'pl', active: true } as const;
  const [cur] = await ctx.db
    .select()
    .from(s)
    .where(and(eq(s.userId, ctx.actor.userId), eq(s.report, report.id), eq(s.frequency, input.frequency)))
    .limit(1);
  let row: ReportSubscription;
  if (cur) {
    [row] = (await ctx.db
      .update(s)
      .set({ ...set, emails: [...set.emails] })
      .where(eq(s.id, cur.id))
      .returning()) as [ReportSubscription];
  } else {
    row = {
      id: newId(),
      userId: ctx.actor.userId,
      report: report.id,
      frequency: input.frequency,
      ...set,
      emails: [...set.emails],
      lastPeriodEnd: null,
      createdAt: ctx.clock.now(),
    };
    await ctx.db.insert(s).values(row);
  }
  await writeAudit(ctx, {
    action: 'report.subscribe',
    entity: 'report-subscription',
    entityId: row.id,
    data: { report: row.report, frequency: row.frequency, params },
  });
  return row;
}

/** The actor's own subscriptions. */
export async function listReportSubscriptions(ctx: Ctx): Promise<ReportSubscription[]> {
  const s = ctx.t.reportSubscriptions;
  return ctx.db
    .select()
    .from(s)
    .where(eq(s.userId, ctx.actor.userId ?? '-'));
}

/** Deletes one of the actor's subscriptions (404 for anyone else's). */
export async function deleteReportSubscription(ctx: Ctx, id: string): Promise<void> {
  const s = ctx.t.reportSubscriptions;
  const gone = await ctx.db
    .delete(s)
    .where(and(eq(s.id, id), eq(s.userId, ctx.actor.userId ?? '-')))
    .returning({ id: s.id });
  if (!gone.length) throw notFound('Report subscription', id);
  await writeAudit(ctx, { action: 'report.unsubscribe', entity: 'report-subscription', entityId: id });
}
