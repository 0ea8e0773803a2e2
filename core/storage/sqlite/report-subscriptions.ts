/**
 * @module storage/sqlite/report-subscriptions
 * Scheduled reports: a person subscribes to a report (type and parameters) as a weekly or monthly
 * PDF e-mail; `last_period_end` makes the sweep idempotent. Parallel: `../pg/report-subscriptions.ts`.
 */
import { index, sqliteTable as table, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, id, instant, json, text } from './columns.ts';

export const reportSubscriptions = table(
  'report_subscriptions',
  {
    id: id('id').primaryKey(),
    /** The subscriber: the report is built with their scope at sending time. */
    userId: id('user_id').notNull(),
    /** A report type id (`advisor-activity`, `sales`…). */
    report: text('report').notNull(),
    params: json<Record<string, unknown>>('params').notNull(),
    frequency: text('frequency').$type<'weekly' | 'monthly'>().notNull(),
    emails: json<string[]>('emails').notNull(),
    locale: text('locale').$type<'pl' | 'en'>().notNull(),
    active: bool('active').notNull(),
    /** The end of the last period sent: the next report starts here. */
    lastPeriodEnd: instant('last_period_end'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('report_subscriptions_uq').on(t.userId, t.report, t.frequency),
    index('report_subscriptions_due_idx').on(t.active, t.frequency),
  ],
);
