/**
 * @module storage/pg/client-keys
 * Keyed hashes (HMAC) of a client's identifiers, phones and e-mails: duplicates and identifier
 * searches are equality lookups on `hash`, so no plain PESEL or NIP sits in any index.
 * Parallel: `../sqlite/client-keys.ts`.
 */
import { index, primaryKey, pgTable as table } from 'drizzle-orm/pg-core';
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
