/**
 * @module storage/pg/imports
 * Client imports from spreadsheets: one row per import (who, when, which file, its encoding and
 * column mapping, counts and status, the first problems by row and column), the clients each
 * import created (`import_clients`, written in the same transaction as the client, so a crash
 * mid-import leaves nothing that undo cannot find), and the column mappings people confirmed,
 * keyed by the file's header row. Parallel: `../sqlite/imports.ts`.
 */
import { index, primaryKey, pgTable as table } from 'drizzle-orm/pg-core';
import { id, instant, int, json, text } from './columns.ts';

export const imports = table(
  'imports',
  {
    id: id('id').primaryKey(),
    /** Who imported (null: the command line or another system actor). */
    actorId: id('actor_id'),
    fileName: text('file_name').notNull(),
    /** `utf-8`, `windows-1250` (CSV) or `xlsx`. */
    encoding: text('encoding').notNull(),
    kind: text('kind').notNull(),
    /** column header → client field. */
    mapping: json<Record<string, string>>('mapping').notNull(),
    /** The classification and owner every imported client got. */
    options: json<Record<string, unknown>>('options').notNull(),
    rows: int('rows').notNull(),
    /** Rows read so far (the progress bar). */
    processed: int('processed').notNull(),
    imported: int('imported').notNull(),
    duplicates: int('duplicates').notNull(),
    errors: int('errors').notNull(),
    /** The first problems, by row and column (the counts are complete; the list is capped). */
    problems: json<Array<Record<string, unknown>>>('problems').notNull(),
    status: text('status').$type<'running' | 'done' | 'failed' | 'undone'>().notNull(),
    failure: text('failure'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    finishedAt: instant('finished_at'),
    undoneAt: instant('undone_at'),
    undoneBy: id('undone_by'),
  },
  (t) => [index('imports_created_idx').on(t.createdAt, t.id)],
);

export const importClients = table(
  'import_clients',
  {
    importId: id('import_id').notNull(),
    clientId: id('client_id').notNull(),
    /** The client's row in the file (the header is row 1). */
    row: int('row').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.clientId] }), index('import_clients_client_idx').on(t.clientId)],
);

export const importMappings = table('import_mappings', {
  /** The kind and the header row, folded: `person:imie|nazwisko|pesel`. */
  headerKey: text('header_key').primaryKey(),
  mapping: json<Record<string, string>>('mapping').notNull(),
  savedBy: id('saved_by'),
  savedAt: instant('saved_at').notNull(),
});
