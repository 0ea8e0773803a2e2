/**
 * @module storage/sqlite/client-keys
 * Keyed hashes (HMAC) of a client's identifiers, phones and e-mails: duplicates and identifier
 * searches are equality lookups on `hash`, so no plain PESEL or NIP sits in any index.
 * Parallel: `../pg/client-keys.ts`.
 */
import { index, primaryKey, sqliteTable as table } from 'drizzle-orm/sqlite-core';
import { id, text } from './columns.ts';

export const clientKeys = table(
  'client_keys',
  {
    clientId: id('client_id').notNull(),
    /** The configured field the value came from (`pesel`, `phone`, `contactEmail`…). */
    field: text('field').notNull(),
    /** pesel | nip | regon | iban | phone | email */
    kind: text('kind').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.field] }), index('client_keys_hash_idx').on(t.hash)],
);
