/**
 * @module storage/sqlite/disclosures
 * Pre-contract disclosures (art. 17 of the mortgage credit act): the document given to a client
 * before a credit agreement, as generated (values and the PDF's sha256), and its delivery.
 * Parallel: `../pg/disclosures.ts`.
 */
import { index, sqliteTable as table } from 'drizzle-orm/sqlite-core';
import { id, instant, json, money, text } from './columns.ts';

export const disclosures = table(
  'disclosures',
  {
    id: id('id').primaryKey(),
    clientId: id('client_id').notNull(),
    advisorId: id('advisor_id'),
    unitId: id('unit_id'),
    /** What the document states (firm, advisor, lenders, remuneration), so it renders the same later. */
    document: json<Record<string, unknown>>('document').notNull(),
    remunerationMinor: money('remuneration_minor').notNull(),
    /** The PDF as given to the client (base64): a durable medium is the same bytes every time. */
    pdf: text('pdf').notNull(),
    pdfHash: text('pdf_hash').notNull(),
    createdBy: id('created_by'),
    createdAt: instant('created_at').notNull(),
    deliveredAt: instant('delivered_at'),
    deliveryMethod: text('delivery_method').$type<'email' | 'paper' | 'in-person'>(),
    deliveredBy: id('delivered_by'),
  },
  (t) => [index('disclosures_client_idx').on(t.clientId, t.createdAt)],
);
