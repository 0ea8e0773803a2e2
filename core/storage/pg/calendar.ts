/**
 * @module storage/pg/calendar
 * Calendar items (meetings, calls, tasks, blocks of time) and the secret iCal feed tokens.
 * An item keeps its UTC instants for queries AND its local wall time and zone, so a recurring
 * 10:00 meeting is expanded at 10:00 local on both sides of a DST change. Parallel: `../sqlite/calendar.ts`.
 */
import { index, pgTable as table, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, instant, int, json, text } from './columns.ts';

export const calendarItems = table(
  'calendar_items',
  {
    id: id('id').primaryKey(),
    kind: text('kind').$type<'meeting' | 'call' | 'task' | 'block'>().notNull(),
    title: text('title').notNull(),
    note: text('note'),
    /** Whose calendar the item is in (the scope's owner column). */
    assigneeId: id('assignee_id').notNull(),
    /** The assignee's unit when the item was made (the scope's unit column). */
    unitId: id('unit_id'),
    createdById: id('created_by_id'),
    /** Set when a supervisor assigned the item to someone else. */
    delegatedById: id('delegated_by_id'),
    clientId: id('client_id'),
    place: text('place'),
    onlineUrl: text('online_url'),
    /** First occurrence, UTC. For a task: its due time (start = end). */
    startAt: instant('start_at').notNull(),
    endAt: instant('end_at').notNull(),
    /** The same start as typed: `YYYY-MM-DDTHH:mm` in `zone`. Recurrence is expanded from it. */
    localStart: text('local_start').notNull(),
    zone: text('zone').notNull(),
    durationMinutes: int('duration_minutes').notNull(),
    /** RFC 5545 RRULE body (`FREQ=WEEKLY;COUNT=10`), without DTSTART. */
    rrule: text('rrule'),
    /** Local dates (`YYYY-MM-DD`) of occurrences removed from the series. */
    exdates: json<string[]>('exdates').notNull(),
    /** For recurring items: the end of the last occurrence (or far future), so window queries stay indexed. */
    seriesEndAt: instant('series_end_at').notNull(),
    status: text('status').$type<'planned' | 'done' | 'cancelled'>().notNull(),
    outcome: text('outcome').$type<'held' | 'no-show' | 'rescheduled'>(),
    completedAt: instant('completed_at'),
    completedById: id('completed_by_id'),
    /** When the delegator was told the task is overdue (`notifyOverdueTasks`); cleared when the task is moved. */
    overdueNotifiedAt: instant('overdue_notified_at'),
    version: int('version').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('calendar_items_assignee_idx').on(t.assigneeId, t.startAt),
    index('calendar_items_unit_idx').on(t.unitId, t.startAt),
    index('calendar_items_delegated_idx').on(t.delegatedById, t.status, t.endAt),
    index('calendar_items_client_idx').on(t.clientId),
  ],
);

export const calendarFeedTokens = table(
  'calendar_feed_tokens',
  {
    id: id('id').primaryKey(),
    userId: id('user_id').notNull(),
    /** SHA-256 of the token (hex): the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    uniqueIndex('calendar_feed_tokens_hash_idx').on(t.tokenHash),
    index('calendar_feed_tokens_user_idx').on(t.userId),
  ],
);
