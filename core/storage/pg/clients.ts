/** @module storage/pg/clients — the client record's core columns. Parallel: `../sqlite/clients.ts`. */
import { index, pgTable as table } from 'drizzle-orm/pg-core';
import { id, instant, int, json, text } from './columns.ts';

export const clients = table('clients', {
  id: id('id').primaryKey(),
  kind: text('kind').notNull(),
  type: text('type').notNull(),
  source: text('source'),
  displayName: text('display_name').notNull(),
  ownerId: id('owner_id'),
  unitId: id('unit_id'),
  partnerId: id('partner_id'),
  status: text('status').notNull(),
  data: json<Record<string, unknown>>('data').notNull(),
  version: int('version').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
}, (t) => [
  index('clients_owner_idx').on(t.ownerId, t.createdAt),
  index('clients_unit_idx').on(t.unitId, t.createdAt),
  index('clients_status_idx').on(t.status, t.createdAt),
  index('clients_partner_idx').on(t.partnerId),
]);
