/**
 * @module storage/sqlite/compliance
 * An intermediary's compliance under the mortgage credit act, per user: the KNF register entry (number,
 * tied or independent agent, dates), professional liability (OC) policies with their cover dates,
 * training records, and the reminders sent before an item lapses (once per item and threshold).
 * Parallel: `../pg/compliance.ts`.
 */
import { index, sqliteTable as table, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant, int, text } from './columns.ts';

export const complianceRegistrations = table('compliance_registrations', {
  /** The user (advisor) registered; one entry each. */
  userId: id('user_id').primaryKey(),
  /** The number in the KNF register of credit intermediaries. */
  knfNumber: text('knf_number').notNull(),
  agentType: text('agent_type').$type<'tied' | 'independent'>().notNull(),
  /** Local dates `YYYY-MM-DD`, inclusive; `valid_to` null while the entry stands. */
  validFrom: text('valid_from').notNull(),
  validTo: text('valid_to'),
  updatedBy: id('updated_by'),
  updatedAt: instant('updated_at').notNull(),
});

export const compliancePolicies = table(
  'compliance_policies',
  {
    id: id('id').primaryKey(),
    userId: id('user_id').notNull(),
    policyNumber: text('policy_number').notNull(),
    insurer: text('insurer'),
    /** Local dates `YYYY-MM-DD`, inclusive: the cover runs from the first to the last day. */
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to').notNull(),
    createdBy: id('created_by'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('compliance_policies_user_idx').on(t.userId, t.validTo)],
);

export const complianceTrainings = table(
  'compliance_trainings',
  {
    id: id('id').primaryKey(),
    userId: id('user_id').notNull(),
    name: text('name').notNull(),
    date: text('date').notNull(),
    /** Duration in minutes (the API speaks hours, e.g. 1.5). */
    minutes: int('minutes').notNull(),
    createdBy: id('created_by'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('compliance_trainings_user_idx').on(t.userId, t.date)],
);

export const complianceReminders = table(
  'compliance_reminders',
  {
    id: id('id').primaryKey(),
    /** `registration:<userId>` or `policy:<policyId>`. */
    item: text('item').notNull(),
    /** The item's last valid day the reminder was about (a renewal gets its own reminders). */
    validTo: text('valid_to').notNull(),
    thresholdDays: int('threshold_days').notNull(),
    sentAt: instant('sent_at').notNull(),
  },
  (t) => [uniqueIndex('compliance_reminders_uq').on(t.item, t.validTo, t.thresholdDays)],
);
