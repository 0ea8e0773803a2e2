/**
 * @module storage/sqlite/commission-rule-drafts
 * Commission rule-set drafts: the text an admin uploads or edits (kept as typed, so problems keep
 * their line numbers), the published version it was based on, a revision for optimistic locking, and
 * once published the version it became, the first day it applies from and why. At most one draft is
 * open per firm (`open` is 'open' while open and null after: the unique index allows one).
 * Parallel: `../pg/commission-rule-drafts.ts`.
 */
import { sqliteTable as table, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant, int, text } from './columns.ts';

export const commissionRuleDrafts = table(
  'commission_rule_drafts',
  {
    id: id('id').primaryKey(),
    /** 'open' while the draft is being edited; null once published or discarded. */
    open: text('open'),
    /** open, published or discarded. */
    status: text('status').notNull(),
    /** The rule-set JSON as typed or uploaded (it may be invalid while a draft). */
    text: text('text').notNull(),
    /** The published version the draft started from (null before the first version). */
    baseVersion: int('base_version'),
    /** Raised by every save; a save naming an older revision is refused (409). */
    revision: int('revision').notNull(),
    createdBy: id('created_by'),
    createdAt: instant('created_at').notNull(),
    updatedBy: id('updated_by'),
    updatedAt: instant('updated_at').notNull(),
    /** The version it became once published. */
    publishedVersion: int('published_version'),
    /** First local date (YYYY-MM-DD, firm's zone) the published rules apply from. */
    publishedFrom: text('published_from'),
    /** Why it was published (or discarded). */
    reason: text('reason'),
  },
  (t) => [uniqueIndex('commission_rule_drafts_open_uq').on(t.open)],
);
