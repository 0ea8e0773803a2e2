/**
 * @module notifications/sealed-recipient
 * An SMS goes to a client's phone number, which the firm stores encrypted: in the outbox the
 * recipient of every SMS is sealed too (AES-256-GCM under the install's data key, bound to the
 * outbox row), and opened where a row is read — claimed for sending, listed, re-checked. E-mail
 * recipients (staff and partner firms' addresses) stay readable for the lists.
 */
import type { Ctx } from '../context.ts';
import { isSealed, openValue, sealValue } from '../keys/index.ts';

const placeOf = (outboxId: string) => `outbox:${outboxId}:recipient`;

/**
 * @example
 * const recipient = sealRecipient(ctx, id, 'sms', '+48600100200'); // 'enc:v1:…'
 */
export function sealRecipient(ctx: Pick<Ctx, 'keyring'>, outboxId: string, channel: string, to: string): string {
  return channel === 'sms' ? sealValue(ctx.keyring, placeOf(outboxId), to) : to;
}

/**
 * A stored outbox row with its recipient readable.
 * @example
 * const row = openRecipient(ctx, stored); row.recipient // '+48600100200'
 */
export function openRecipient<R extends { id: string; recipient: string }>(ctx: Pick<Ctx, 'keyring'>, row: R): R {
  return isSealed(row.recipient)
    ? { ...row, recipient: String(openValue(ctx.keyring, placeOf(row.id), row.recipient)) }
    : row;
}
