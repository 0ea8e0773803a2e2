/** @module storage/sqlite/audit — the append-only audit log. Parallel: `../pg/audit.ts`. */
import { index, sqliteTable as table } from 'drizzle-orm/sqlite-core';
import { id, instant, json, text } from './columns.ts';

export const auditLog = table(
  'audit_log',
  {
    id: id('id').primaryKey(),
    at: instant('at').notNull(),
    actorId: id('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: id('entity_id'),
    data: json<Record<string, unknown>>('data').notNull(),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_at_idx').on(t.at)],
);
