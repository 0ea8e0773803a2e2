/**
 * @module notifications/delivery-reports
 * What happened to an SMS after the gateway took it: the delivery reports SMSAPI and Twilio call
 * back with, recorded on the outbox row (`delivery_status`: delivered, failed or expired, with the
 * time) beside the provider's own status word. Each provider is checked as it documents:
 * Twilio signs every callback (`X-Twilio-Signature`: HMAC-SHA1 with the account's Auth Token over
 * the full URL followed by the POST parameters sorted by name); SMSAPI does not sign its callbacks,
 * so its callback address carries a secret of ours that is compared in constant time. The row is
 * found by our own reference (SMSAPI's `idx`, Twilio's `crmReference` in the callback URL) and must
 * be the one the provider says (its message id), so a report cannot land on another message.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { OutboxRow } from './claim.ts';

export type DeliveryStatus = 'delivered' | 'failed' | 'expired';

/**
 * SMSAPI's delivery statuses by code and name ("Lista statusów doręczenia"): only the final ones
 * map; SENT, QUEUE, ACCEPTED and the like are progress, kept as the provider's word only.
 */
const SMSAPI: Record<string, DeliveryStatus> = {
  '402': 'expired',
  EXPIRED: 'expired',
  '404': 'delivered',
  DELIVERED: 'delivered',
  '405': 'failed',
  UNDELIVERED: 'failed',
  '406': 'failed',
  FAILED: 'failed',
  '407': 'failed',
  REJECTED: 'failed',
};

/** Twilio's message statuses: `delivered`, or `undelivered`/`failed` (Twilio reports no expiry of its own). */
const TWILIO: Record<string, DeliveryStatus> = { delivered: 'delivered', undelivered: 'failed', failed: 'failed' };

/** @example smsapiDeliveryStatus('404') // 'delivered' */
export const smsapiDeliveryStatus = (status: string): DeliveryStatus | null =>
  SMSAPI[status.trim().toUpperCase()] ?? null;

/** @example twilioDeliveryStatus('undelivered') // 'failed' */
export const twilioDeliveryStatus = (status: string): DeliveryStatus | null => TWILIO[status.trim()] ?? null;

/**
 * The signature Twilio sends in `X-Twilio-Signature` for a form-encoded callback.
 * @example
 * twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2',
 *   { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' })
 * // '0/KCTR6DLpKmkAf8muzZqo1nDgQ=' (Twilio's documented example)
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((k) => k + params[k])
      .join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Constant-time comparison of two secrets (signatures, callback secrets). */
export function sameSecret(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface DeliveryReport {
  provider: 'smsapi' | 'twilio';
  /** Our outbox id, as the provider echoes it (SMSAPI `idx`, Twilio `crmReference`). */
  reference: string;
  /** The provider's id of the message (SMSAPI `MsgId`, Twilio `MessageSid`), checked against the row. */
  providerMessageId: string;
  /** The provider's own status word or code, kept as it came. */
  providerStatus: string;
  status: DeliveryStatus | null;
  /** When the provider says it happened (SMSAPI `donedate`); default now. */
  at?: Date;
}

/**
 * Record a delivery report on its SMS. Returns the updated row (to tell the client's history), or
 * null when no SMS of ours matches (a report for an unknown or other message changes nothing).
 * A later report never undoes a final one: once delivered, failed or expired, the row keeps it.
 * @example
 * await recordDeliveryReport(ctx, { provider: 'smsapi', reference: outboxId, providerMessageId: '5f1c…',
 *   providerStatus: '404', status: 'delivered', at: new Date(1767171000 * 1000) });
 */
export async function recordDeliveryReport(ctx: Ctx, report: DeliveryReport): Promise<OutboxRow | null> {
  const o = ctx.t.outbox;
  const [row] = await ctx.db
    .select()
    .from(o)
    .where(and(eq(o.id, report.reference), eq(o.channel, 'sms')))
    .limit(1);
  if (!row) return null;
  // SMSAPI names a message it acknowledged as a duplicate by our idx (`idx:<reference>`), not by its id.
  const known = row.providerMessageId;
  const byIdx = !known || known.startsWith('idx:');
  if (!byIdx && known !== report.providerMessageId) return null;
  if (row.provider && !row.provider.toLowerCase().includes(report.provider)) return null;
  if (row.deliveryStatus) return null;
  const now = ctx.clock.now();
  const [updated] = await ctx.db
    .update(o)
    .set({
      providerStatus: report.providerStatus.slice(0, 40),
      ...(report.status ? { deliveryStatus: report.status, deliveryAt: report.at ?? now } : {}),
      ...(byIdx ? { providerMessageId: report.providerMessageId } : {}),
      updatedAt: now,
    })
    .where(eq(o.id, row.id))
    .returning();
  return updated ?? null;
}
