/**
 * @module storage/sqlite/gdpr
 * Data-subject requests (GDPR Art. 15–21) with their deadlines and decisions, the processing
 * restrictions and objections in force on a client (and the mark of an erased one), and the log of
 * retention runs (Art. 5(1)(e)). Parallel: `../pg/gdpr.ts`.
 */
import { index, primaryKey, sqliteTable as table } from 'drizzle-orm/sqlite-core';
import { bool, id, instant, int, json, text } from './columns.ts';

export const gdprRequests = table(
  'gdpr_requests',
  {
    id: id('id').primaryKey(),
    kind: text('kind')
      .$type<'access' | 'rectification' | 'erasure' | 'restriction' | 'objection' | 'portability'>()
      .notNull(),
    /** The client the request is about, when the person was found. */
    clientId: id('client_id'),
    /** How the person identified themselves when no client was found (name, e-mail, phone…); cleared on erasure. */
    identifiers: json<Record<string, string>>('identifiers').notNull(),
    /** Local dates `YYYY-MM-DD` in the firm's zone: received, due (one month), extended due (up to two more). */
    receivedOn: text('received_on').notNull(),
    dueOn: text('due_on').notNull(),
    extendedTo: text('extended_to'),
    extensionReason: text('extension_reason'),
    status: text('status').$type<'open' | 'extended' | 'done' | 'refused'>().notNull(),
    /** What was decided, and on which legal basis (e.g. "Art. 17(3)(b): accounting records kept"). */
    decision: text('decision'),
    basis: text('basis'),
    /** What the execution did (tables and row counts, exports produced). */
    outcome: json<Record<string, unknown>>('outcome'),
    note: text('note'),
    createdBy: id('created_by'),
    handledBy: id('handled_by'),
    closedAt: instant('closed_at'),
    /** The client's owner and unit when registered, for scoping (no join). */
    ownerId: id('owner_id'),
    unitId: id('unit_id'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('gdpr_requests_client_idx').on(t.clientId),
    index('gdpr_requests_status_idx').on(t.status, t.dueOn),
    index('gdpr_requests_unit_idx').on(t.unitId, t.status),
  ],
);

/** What limits the processing of a client: `restriction` (Art. 18), `objection` (Art. 21), `erased` (Art. 17). */
export const clientRestrictions = table(
  'client_restrictions',
  {
    clientId: id('client_id').notNull(),
    kind: text('kind').$type<'restriction' | 'objection' | 'erased'>().notNull(),
    requestId: id('request_id'),
    since: instant('since').notNull(),
    setBy: id('set_by'),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.kind] })],
);

/** One run of the retention job: dry or real, what each rule selected and what was anonymised. */
export const retentionRuns = table(
  'retention_runs',
  {
    id: id('id').primaryKey(),
    dryRun: bool('dry_run').notNull(),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
    /** Per rule: id, how many matched, and the clients (id, reason) — never their personal data. */
    rules: json<Array<Record<string, unknown>>>('rules').notNull(),
    anonymised: int('anonymised').notNull(),
    actorId: id('actor_id'),
    error: text('error'),
  },
  (t) => [index('retention_runs_started_idx').on(t.startedAt)],
);
