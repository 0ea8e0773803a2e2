/**
 * @module storage/sqlite/clients
 * The client record: core columns, the configured fields in `data`, and `search_text` (folded
 * name, e-mail, phone and other searchable non-identifier values) behind the dialect's text index
 * (see `core/storage/extras/`). Indexes end in `(…, created_at, id)` so scoped, filtered, sorted
 * pages are keyset seeks. Parallel: `../pg/clients.ts`.
 */
import { index, sqliteTable as table } from 'drizzle-orm/sqlite-core';
import { id, instant, int, json, text } from './columns.ts';

export const clients = table(
  'clients',
  {
    id: id('id').primaryKey(),
    kind: text('kind').notNull(),
    type: text('type').notNull(),
    source: text('source'),
    displayName: text('display_name').notNull(),
    ownerId: id('owner_id'),
    unitId: id('unit_id'),
    partnerId: id('partner_id'),
    /** Who referred the client: a partner firm's person (external) or a user (internal partner). */
    referrerId: id('referrer_id'),
    status: text('status').notNull(),
    data: json<Record<string, unknown>>('data').notNull(),
    searchText: text('search_text').notNull().default(''),
    version: int('version').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('clients_owner_idx').on(t.ownerId, t.createdAt, t.id),
    index('clients_owner_status_idx').on(t.ownerId, t.status, t.createdAt, t.id),
    index('clients_unit_idx').on(t.unitId, t.createdAt, t.id),
    index('clients_unit_status_idx').on(t.unitId, t.status, t.createdAt, t.id),
    index('clients_status_idx').on(t.status, t.createdAt, t.id),
    index('clients_created_idx').on(t.createdAt, t.id),
    index('clients_updated_idx').on(t.updatedAt, t.id),
    index('clients_name_idx').on(t.displayName, t.id),
    index('clients_partner_idx').on(t.partnerId),
  ],
);
