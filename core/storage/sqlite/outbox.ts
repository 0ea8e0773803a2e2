/**
 * @module storage/sqlite/outbox
 * The notifications outbox: one row per SMS or e-mail to send, written in the same transaction as
 * the change that causes it, then claimed, sent and recorded by the worker. Parallel: `../pg/outbox.ts`.
 */
import { index, sqliteTable as table } from 'drizzle-orm/sqlite-core';
import { id, instant, int, json, money, text } from './columns.ts';

/** What a row carries to the provider; e-mail attachments travel as base64 so a row is self-contained. */
export type OutboxPayload =
  | { kind: 'sms'; text: string; sender?: string }
  | {
      kind: 'email';
      to: string[];
      subject: string;
      text: string;
      html?: string;
      attachments?: Array<{ filename: string; contentType: string; base64: string }>;
    };

export const outbox = table(
  'outbox',
  {
    id: id('id').primaryKey(),
    channel: text('channel').$type<'sms' | 'email'>().notNull(),
    /** Kebab-case purpose, e.g. `meeting-reminder`, `partner-report`, `lead-assigned`. */
    purpose: text('purpose').notNull(),
    /** E.164 number, or the e-mail addresses joined by `, ` (for lists and searches). */
    recipient: text('recipient').notNull(),
    payload: json<OutboxPayload>('payload').notNull(),
    /** What the message is about, `entity:id` (e.g. `event:0193…`): re-checked at send time, cancelled with it. */
    subject: text('subject'),
    /** For scoping the lists managers see: the user and unit the message belongs to, when known. */
    ownerId: id('owner_id'),
    unitId: id('unit_id'),
    dueAt: instant('due_at').notNull(),
    status: text('status')
      .$type<'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled' | 'skipped'>()
      .notNull(),
    attempts: int('attempts').notNull(),
    /** When the row may next be claimed: `due_at` at first, later the backoff. */
    nextAttemptAt: instant('next_attempt_at').notNull(),
    lastError: text('last_error'),
    skipReason: text('skip_reason'),
    /** The claim (worker and claim number) and its lease: after `claimed_until` another claim may take the row. */
    claimedBy: text('claimed_by'),
    claimedUntil: instant('claimed_until'),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    providerStatus: text('provider_status'),
    costMinor: money('cost_minor'),
    /** The provider's delivery report, when one came (SMSAPI or Twilio callback). */
    deliveryStatus: text('delivery_status').$type<'delivered' | 'failed' | 'expired'>(),
    deliveryAt: instant('delivery_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    index('outbox_claim_idx').on(t.status, t.nextAttemptAt),
    index('outbox_subject_idx').on(t.subject),
    index('outbox_provider_message_idx').on(t.providerMessageId),
  ],
);
