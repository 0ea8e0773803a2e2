/**
 * @module storage/sqlite/commission-groups
 * Dated commission-group memberships of advisors (junior → senior from a date): local dates
 * `YYYY-MM-DD` in the firm's zone, half-open like the rules' validity, so a sale uses the group of
 * its own date. Parallel: `../sqlite/commission-groups.ts`.
 */
import { index, pgTable as table } from 'drizzle-orm/pg-core';
import { id, instant, text } from './columns.ts';

export const commissionGroupMemberships = table(
  'commission_group_memberships',
  {
    id: id('id').primaryKey(),
    userId: id('user_id').notNull(),
    /** A `commissionGroups` id of the config (for advisors). */
    groupId: text('group_id').notNull(),
    /** First local date in the group. */
    validFrom: text('valid_from').notNull(),
    /** First local date no longer in it; null while current. */
    validTo: text('valid_to'),
    note: text('note'),
    createdBy: id('created_by'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('commission_group_memberships_user_idx').on(t.userId, t.validFrom)],
);
