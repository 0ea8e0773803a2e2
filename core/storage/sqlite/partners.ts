/**
 * @module storage/sqlite/partners
 * Partner firms, the people who refer clients for them, and their report subscriptions.
 * Parallel: `../pg/partners.ts`.
 */
import { index, sqliteTable as table, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, id, instant, json, text } from './columns.ts';

export interface PartnerAddress {
  street?: string;
  postalCode?: string;
  city?: string;
}

export const partners = table(
  'partners',
  {
    id: id('id').primaryKey(),
    name: text('name').notNull(),
    /** A partner type id from the config (`partners.types`): real-estate agency, developer… */
    type: text('type').notNull(),
    nip: text('nip'),
    address: json<PartnerAddress>('address').notNull(),
    contactEmails: json<string[]>('contact_emails').notNull(),
    /** A commission group with `for: partner`: the rates the firm pays this partner. */
    commissionGroup: text('commission_group'),
    /** Set for an internal partner: the advisor of the firm who refers clients to colleagues. */
    internalUserId: id('internal_user_id'),
    archivedAt: instant('archived_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('partners_name_idx').on(t.name), index('partners_internal_user_idx').on(t.internalUserId)],
);

/** A partner's representative: the person who refers clients; may get a login (`userId`). */
export const partnerPeople = table(
  'partner_people',
  {
    id: id('id').primaryKey(),
    partnerId: id('partner_id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    userId: id('user_id'),
    archivedAt: instant('archived_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('partner_people_partner_idx').on(t.partnerId)],
);

/** A partner's automatic report: how often, to whom, and the last period already sent. */
export const partnerReportSubscriptions = table(
  'partner_report_subscriptions',
  {
    id: id('id').primaryKey(),
    partnerId: id('partner_id').notNull(),
    frequency: text('frequency').$type<'weekly' | 'monthly'>().notNull(),
    emails: json<string[]>('emails').notNull(),
    locale: text('locale').$type<'pl' | 'en'>().notNull(),
    active: bool('active').notNull(),
    /** The end of the last period reported: the next report starts here. */
    lastPeriodEnd: instant('last_period_end'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('partner_report_subscriptions_uq').on(t.partnerId, t.frequency)],
);
