/**
 * @module storage/sqlite/workflow — status history and contact history (activities). Parallel: `../pg/workflow.ts`.
 */
import { index, sqliteTable as table } from 'drizzle-orm/sqlite-core';
import { id, instant, int, json, text } from './columns.ts';

/** One row per status change: who moved which client from where to where, with the move's fields. */
export const statusHistory = table(
  'status_history',
  {
    id: id('id').primaryKey(),
    clientId: id('client_id').notNull(),
    at: instant('at').notNull(),
    actorId: id('actor_id'),
    /** The client's unit at the time: work stays attributed to the branch where it was done. */
    unitId: id('unit_id'),
    /** Null for the row written when the client is created. */
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    kind: text('kind').notNull(),
    note: text('note'),
    fields: json<Record<string, unknown>>('fields').notNull(),
    /** What the person confirmed with the move (`uncovered-sale`: a sale no commission rule covers); null: nothing. */
    acknowledged: json<string[]>('acknowledged'),
    /** The client's version after the change. */
    clientVersion: int('client_version').notNull(),
  },
  (t) => [
    index('status_history_client_idx').on(t.clientId, t.at, t.id),
    index('status_history_actor_idx').on(t.actorId, t.at),
    index('status_history_at_idx').on(t.at),
  ],
);

/** Contact history: calls, meetings, e-mails, SMS, notes, with outcome and next step. */
export const activities = table(
  'activities',
  {
    id: id('id').primaryKey(),
    clientId: id('client_id').notNull(),
    type: text('type').notNull(),
    /** When the contact happened (may be earlier than `recordedAt`). */
    at: instant('at').notNull(),
    recordedAt: instant('recorded_at').notNull(),
    actorId: id('actor_id'),
    unitId: id('unit_id'),
    outcome: text('outcome'),
    note: text('note'),
    nextStepAt: instant('next_step_at'),
    nextStepNote: text('next_step_note'),
  },
  (t) => [
    index('activities_client_idx').on(t.clientId, t.at, t.id),
    index('activities_actor_idx').on(t.actorId, t.at),
    index('activities_at_idx').on(t.at),
  ],
);
