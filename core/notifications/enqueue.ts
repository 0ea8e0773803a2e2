/**
 * @module notifications/enqueue
 * Writing to the outbox. Every function here uses `ctx.db` as given, so when the caller passes a
 * transaction (`inTransaction(ctx, (tx) => …)`) the outbox rows commit or roll back with the change
 * that caused them: a meeting that was never saved never gets a reminder, and a saved one always does.
 */
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { invalid } from '../errors.ts';
import { newId } from '../ids/index.ts';
import type { EmailAttachment } from '../plugin/index.ts';
import type { OutboxPayload } from '../storage/index.ts';
import { sealPayload, sealRecipient } from './sealed-recipient.ts';

interface Common {
  /** Kebab-case, e.g. `meeting-reminder`; the re-check at send time is chosen by it. */
  purpose: string;
  /** What the message is about, `entity:id` (e.g. `event:0193…`), for re-checks, cancelling and status. */
  subject?: string;
  /** Not before this instant (default: now). */
  dueAt?: Date;
  /** The user and unit the message belongs to, so managers see it within their scope. */
  ownerId?: string;
  unitId?: string;
}

export interface SmsOutboxMessage extends Common {
  channel: 'sms';
  to: string;
  text: string;
  sender?: string;
}
export interface EmailOutboxMessage extends Common {
  channel: 'email';
  to: string[];
  email: { subject: string; text: string; html?: string; attachments?: EmailAttachment[] };
  /**
   * The body holds personal data or a secret (a client's phone, a one-time link): its text and html
   * are sealed in the row like an SMS recipient, and opened only to send it. The subject stays readable.
   */
  sealed?: boolean;
}
export type OutboxMessage = SmsOutboxMessage | EmailOutboxMessage;

/** Attachments live in the row (base64) so a crash or a restart never loses them; keep them small. */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
const E164 = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const PURPOSE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Rows that have not gone out yet and can still be cancelled or moved. */
export const OPEN_STATUSES = ['pending', 'failed'] as const;

function payloadOf(m: OutboxMessage): { recipient: string; payload: OutboxPayload } {
  if (!PURPOSE.test(m.purpose))
    throw invalid('The purpose must be kebab-case', [
      { path: '/purpose', message: `"${m.purpose}" is not kebab-case` },
    ]);
  if (m.channel === 'sms') {
    if (!E164.test(m.to))
      throw invalid('The SMS recipient must be an E.164 number', [
        { path: '/to', message: `"${m.to}" is not like +48600100200` },
      ]);
    if (!m.text) throw invalid('The SMS text is empty', [{ path: '/text', message: 'empty' }]);
    return { recipient: m.to, payload: { kind: 'sms', text: m.text, ...(m.sender ? { sender: m.sender } : {}) } };
  }
  const bad = m.to.findIndex((a) => !EMAIL.test(a));
  if (!m.to.length || bad >= 0)
    throw invalid('Every e-mail recipient must be an address', [
      { path: `/to/${Math.max(bad, 0)}`, message: 'not an e-mail address' },
    ]);
  const attachments = m.email.attachments ?? [];
  const bytes = attachments.reduce((n, a) => n + a.content.byteLength, 0);
  if (bytes > MAX_ATTACHMENT_BYTES)
    throw invalid(`Attachments over ${MAX_ATTACHMENT_BYTES} bytes do not belong in the outbox`, [
      { path: '/email/attachments', message: `${bytes} bytes` },
    ]);
  return {
    recipient: m.to.join(', '),
    payload: {
      kind: 'email',
      to: m.to,
      subject: m.email.subject,
      text: m.email.text,
      ...(m.email.html ? { html: m.email.html } : {}),
      ...(attachments.length
        ? {
            attachments: attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              base64: Buffer.from(a.content).toString('base64'),
            })),
          }
        : {}),
    },
  };
}

/**
 * Queue a message, in the caller's transaction when `ctx.db` is one. Returns the row id, which is
 * also the reference the provider sees (SMSAPI `idx`, the e-mail Message-ID).
 * @example
 * await inTransaction(ctx, async (tx) => {
 *   await saveMeeting(tx, meeting);
 *   await enqueue(tx, { channel: 'sms', purpose: 'meeting-reminder', to: '+48600100200',
 *     text: 'Przypominamy o spotkaniu jutro o 10:00', subject: `event:${meeting.id}`, dueAt: remindAt });
 * });
 */
export async function enqueue(ctx: Ctx, message: OutboxMessage): Promise<string> {
  const { recipient, payload: plain } = payloadOf(message);
  const now = ctx.clock.now();
  const dueAt = message.dueAt ?? now;
  const id = newId();
  const payload = message.channel === 'email' && message.sealed ? sealPayload(ctx, id, plain) : plain;
  await ctx.db.insert(ctx.t.outbox).values({
    id,
    channel: message.channel,
    purpose: message.purpose,
    recipient: sealRecipient(ctx, id, message.channel, recipient),
    payload,
    subject: message.subject ?? null,
    ownerId: message.ownerId ?? null,
    unitId: message.unitId ?? null,
    dueAt,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: dueAt,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

export interface SubjectFilter {
  subject: string;
  /** Only rows of this purpose (a meeting may have reminders and other messages). */
  purpose?: string;
}

function openRowsOf(ctx: Ctx, f: SubjectFilter): SQL {
  const o = ctx.t.outbox;
  return and(
    eq(o.subject, f.subject),
    inArray(o.status, [...OPEN_STATUSES]),
    f.purpose ? eq(o.purpose, f.purpose) : undefined,
  )!;
}

/**
 * Cancel what has not gone out yet for a subject (a cancelled meeting). Rows already `sending` are
 * left alone: the provider may have them, and the send-time re-check is what stops them if the
 * worker has not reached the provider yet. Returns how many rows were cancelled.
 * @example
 * await inTransaction(ctx, async (tx) => {
 *   await cancelMeeting(tx, id);
 *   await cancel(tx, { subject: `event:${id}` });
 * });
 */
export async function cancel(ctx: Ctx, filter: SubjectFilter): Promise<number> {
  const rows = await ctx.db
    .update(ctx.t.outbox)
    .set({ status: 'cancelled', updatedAt: ctx.clock.now(), claimedBy: null, claimedUntil: null })
    .where(openRowsOf(ctx, filter))
    .returning({ id: ctx.t.outbox.id });
  return rows.length;
}

/**
 * Move what has not gone out yet for a subject to a new due time (a moved meeting); optionally
 * replace the SMS text, which usually names the time. Attempts start again from zero.
 * @example
 * await reschedule(tx, { subject: `event:${id}`, purpose: 'meeting-reminder-24h', dueAt: newRemindAt, text: newText });
 */
export async function reschedule(ctx: Ctx, change: SubjectFilter & { dueAt: Date; text?: string }): Promise<number> {
  const o = ctx.t.outbox;
  const rows = await ctx.db.select({ id: o.id, payload: o.payload }).from(o).where(openRowsOf(ctx, change));
  for (const row of rows) {
    const payload =
      change.text !== undefined && row.payload.kind === 'sms' ? { ...row.payload, text: change.text } : row.payload;
    await ctx.db
      .update(o)
      .set({
        dueAt: change.dueAt,
        nextAttemptAt: change.dueAt,
        status: 'pending',
        attempts: 0,
        lastError: null,
        payload,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(o.id, row.id), inArray(o.status, [...OPEN_STATUSES])));
  }
  return rows.length;
}
