/**
 * @module storage/pg/leads
 * Lead intake: public source keys for browsers, each lead received, the consents it carried, the
 * idempotency records that make retries safe, referral conflicts for a manager, and the round-robin
 * counters of assignment. Parallel: `../sqlite/leads.ts`.
 */
import { index, pgTable as table, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { id, instant, int, json, text } from './columns.ts';

/** A public source key (`bpk_…`): shown on landing pages; can only create leads of its source. */
export const leadSourceKeys = table(
  'lead_source_keys',
  {
    id: id('id').primaryKey(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    clientType: text('client_type').notNull(),
    source: text('source').notNull(),
    /** Origins (`https://kredyty.example.pl`) allowed to post with this key; CORS answers only them. */
    origins: json<string[]>('origins').notNull(),
    partnerId: id('partner_id'),
    createdBy: id('created_by'),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [uniqueIndex('lead_source_keys_key_uq').on(t.key)],
);

export const leads = table(
  'leads',
  {
    id: id('id').primaryKey(),
    /** The public reference: the partner's own, or generated (`L-…`). */
    reference: text('reference').notNull(),
    /** `public-key:<id>`, `api-key:<user id>`, or `user:<id>`. */
    via: text('via').notNull(),
    mapping: text('mapping'),
    clientType: text('client_type').notNull(),
    source: text('source'),
    clientId: id('client_id').notNull(),
    /** `created`: a new client; `matched`: an existing client got an activity instead. */
    outcome: text('outcome').$type<'created' | 'matched'>().notNull(),
    partnerId: id('partner_id'),
    /** The partner's own reference for this referral (its label or number), unique per partner. */
    partnerReference: text('partner_reference'),
    partnerPersonId: id('partner_person_id'),
    assignedTo: id('assigned_to'),
    unitId: id('unit_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('leads_client_idx').on(t.clientId, t.createdAt),
    index('leads_partner_idx').on(t.partnerId, t.createdAt),
    index('leads_created_idx').on(t.createdAt),
    uniqueIndex('leads_partner_reference_uq').on(t.partnerId, t.partnerReference),
  ],
);

/**
 * The consent ledger (it began as the lead form's consent evidence, hence the name): one row per event —
 * a consent given or withdrawn for a purpose (`purposes` in the config), the version and the SHA-256 of
 * the exact text shown, when, how and by whom. Rows are only ever added; a client's current state per
 * purpose is its latest row (`core/consents`).
 */
export const leadConsents = table(
  'lead_consents',
  {
    id: id('id').primaryKey(),
    /** The lead that carried it; null for a consent recorded by staff (phone, paper) or a withdrawal. */
    leadId: id('lead_id'),
    clientId: id('client_id').notNull(),
    purpose: text('purpose').notNull(),
    version: text('version').notNull(),
    /** When the event happened (the consent was given, or withdrawn). */
    givenAt: instant('given_at').notNull(),
    /** The web origin of a lead form. */
    origin: text('origin'),
    action: text('action').$type<'given' | 'withdrawn'>().notNull().default('given'),
    /** How: `form`, `phone`, `paper`, `email`, `partner`, `portal`, `import`. */
    method: text('method').notNull().default('form'),
    /** The user who recorded it (staff), or null for a lead. */
    recordedBy: id('recorded_by'),
    /** The lead's source (`website-form`, a partner's key…), for consents that came with a lead. */
    leadSource: text('lead_source'),
    /** SHA-256 (hex) of the exact text shown, in `language`; null for rows older than the ledger. */
    textHash: text('text_hash'),
    language: text('language'),
    note: text('note'),
  },
  (t) => [index('lead_consents_client_idx').on(t.clientId, t.purpose)],
);

/** Stripe-style idempotency: the first response to a key is replayed for every retry with the same body. */
export const idempotencyKeys = table(
  'idempotency_keys',
  {
    /** Whose key space: `public-key:<id>` or `user:<id>`. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    bodyHash: text('body_hash').notNull(),
    status: int('status').notNull(),
    response: json<Record<string, unknown>>('response').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** Two partners referred the same person within the protection window: the first keeps it. */
export const referralConflicts = table(
  'referral_conflicts',
  {
    id: id('id').primaryKey(),
    clientId: id('client_id').notNull(),
    keptPartnerId: id('kept_partner_id').notNull(),
    claimingPartnerId: id('claiming_partner_id').notNull(),
    leadId: id('lead_id').notNull(),
    unitId: id('unit_id'),
    at: instant('at').notNull(),
    resolvedAt: instant('resolved_at'),
    resolvedBy: id('resolved_by'),
    note: text('note'),
    /** The manager's decision: which referral wins (`first` = the kept partner, `second` = the claim). */
    winner: text('winner').$type<'first' | 'second'>(),
    /** The partner credited by the decision (the client's partner from then on). */
    winnerPartnerId: id('winner_partner_id'),
  },
  (t) => [index('referral_conflicts_open_idx').on(t.resolvedAt, t.at)],
);

/** Round-robin position per assignment rule. */
export const leadRoundRobin = table('lead_round_robin', {
  rule: text('rule').primaryKey(),
  counter: int('counter').notNull(),
});
