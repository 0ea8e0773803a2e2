/**
 * @module storage/sqlite/audit — the append-only, hash-chained audit log and its chain head.
 * Parallel: `../pg/audit.ts`. Each entry carries its place in the chain (`seq`), the previous entry's
 * hash and its own (SHA-256 over a canonical form, `core/audit/canonical.ts`); the one-row
 * `audit_chain_head` holds the last entry's seq and hash and is locked by every writer.
 */
import { index, uniqueIndex, sqliteTable as table } from 'drizzle-orm/sqlite-core';
import { big, id, instant, int, json, text } from './columns.ts';

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
    /** The client the entry is about (its own id for client entries), for "who saw or changed this person's data". */
    clientId: id('client_id'),
    /** Place in the chain, 1, 2, 3…; null only for entries written before the chain existed, until adopted. */
    seq: big('seq'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId),
    index('audit_at_idx').on(t.at),
    uniqueIndex('audit_seq_idx').on(t.seq),
    index('audit_client_idx').on(t.clientId, t.seq),
    index('audit_actor_idx').on(t.actorId, t.seq),
  ],
);

/** One row (id 1): the chain's last seq and hash. Writers lock it, so concurrent writers form one chain. */
export const auditChainHead = table('audit_chain_head', {
  // A default in code only (no DDL): SQLite's integer primary key is optional on insert, so it is here too.
  id: int('id')
    .primaryKey()
    .$default(() => 1),
  seq: big('seq').notNull(),
  hash: text('hash').notNull(),
});
