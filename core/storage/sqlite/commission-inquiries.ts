/**
 * @module storage/sqlite/commission-inquiries
 * Inquiries on commission lines and statements: raised by the advisor or partner paid by them,
 * answered, corrected or rejected by the back office; every step is an event.
 * Parallel: `../pg/commission-inquiries.ts`.
 */
import { index, sqliteTable as table } from 'drizzle-orm/sqlite-core';
import { id, instant, json, text } from './columns.ts';

export const commissionInquiries = table(
  'commission_inquiries',
  {
    id: id('id').primaryKey(),
    /** The line asked about, or null when the inquiry is about a whole statement. */
    lineId: id('line_id'),
    statementId: id('statement_id'),
    /** The settlement month `YYYY-MM` of the line or statement. */
    period: text('period').notNull(),
    reasonCode: text('reason_code').notNull(),
    text: text('text').notNull(),
    /** An optional attachment: `{ name, contentType, base64 }` (small; kept with the inquiry). */
    attachment: json<{ name: string; contentType: string; base64: string }>('attachment'),
    status: text('status').$type<'open' | 'answered' | 'corrected' | 'rejected'>().notNull(),
    answer: text('answer'),
    /** The line the correction wrote (an adjustment) or changed. */
    correctionLineId: id('correction_line_id'),
    raisedBy: id('raised_by'),
    resolvedBy: id('resolved_by'),
    resolvedAt: instant('resolved_at'),
    /** The ownership of the line or statement, for scoping (copied when raised). */
    ownerId: id('owner_id'),
    unitId: id('unit_id'),
    partnerId: id('partner_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('commission_inquiries_line_idx').on(t.lineId, t.status),
    index('commission_inquiries_statement_idx').on(t.statementId),
    index('commission_inquiries_period_idx').on(t.period, t.status),
  ],
);

export const commissionInquiryEvents = table(
  'commission_inquiry_events',
  {
    id: id('id').primaryKey(),
    inquiryId: id('inquiry_id').notNull(),
    lineId: id('line_id'),
    kind: text('kind').$type<'raised' | 'answered' | 'corrected' | 'rejected'>().notNull(),
    text: text('text'),
    data: json<Record<string, unknown>>('data'),
    actorId: id('actor_id'),
    at: instant('at').notNull(),
  },
  (t) => [
    index('commission_inquiry_events_inquiry_idx').on(t.inquiryId),
    index('commission_inquiry_events_line_idx').on(t.lineId),
  ],
);
