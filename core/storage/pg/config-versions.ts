/**
 * @module storage/pg/config-versions
 * The firm configuration's versions, as saved from the browser or the CLI: the full JSON text (kept
 * as typed, so problems keep their line numbers), who saved it, when and why, the version it was
 * based on and whether it was an edit or a rollback. The newest row is the running configuration;
 * without rows the file runs (version 0). Rows are never changed: a rollback adds a row.
 * Parallel: `../sqlite/config-versions.ts`.
 */
import { primaryKey, pgTable as table } from 'drizzle-orm/pg-core';
import { id, instant, int, text } from './columns.ts';

export const configVersions = table(
  'config_versions',
  {
    /** 1, 2, 3…: the primary key makes two saves on the same base collide instead of both landing. */
    version: int('version').notNull(),
    /** The whole crm.config.json text. */
    text: text('text').notNull(),
    /** The user who saved it (null from the CLI). */
    authorId: id('author_id'),
    createdAt: instant('created_at').notNull(),
    /** Why (3–500 characters). */
    reason: text('reason').notNull(),
    /** The version the edit started from (0 = the file). */
    baseVersion: int('base_version').notNull(),
    /** edit or rollback. */
    kind: text('kind').notNull(),
    /** For a rollback: the version whose text was restored. */
    restoredVersion: int('restored_version'),
  },
  // A table-level key: on SQLite a column-level integer key would be an optional rowid alias.
  (t) => [primaryKey({ columns: [t.version] })],
);
