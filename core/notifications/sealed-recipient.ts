/**
 * @module notifications/sealed-recipient
 * An SMS goes to a client's phone number, which the firm stores encrypted: in the outbox the
 * recipient of every SMS is sealed too (AES-256-GCM under the install's data key, bound to the
 * outbox row), and opened where a row is read — claimed for sending, listed, re-checked. E-mail
 * recipients (staff and partner firms' addresses) stay readable for the lists; an e-mail whose body
 * holds personal data or a secret (`sealed: true`) has its text and html sealed the same way.
 */
import type { Ctx } from '../context.ts';
import { isSealed, openValue, sealValue } from '../keys/index.ts';
import type { OutboxPayload } from '../storage/index.ts';

const placeOf = (outboxId: string) => `outbox:${outboxId}:recipient`;

/**
 * @example
 * const recipient = sealRecipient(ctx, id, 'sms', '+48600100200'); // 'enc:v1:…'
 */
export function sealRecipient(ctx: Pick<Ctx, 'keyring'>, outboxId: string, channel: string, to: string): string {
  return channel === 'sms' ? sealValue(ctx.keyring, placeOf(outboxId), to) : to;
}

/**
 * An e-mail payload with its text and html sealed, bound to the row (`enqueue` with `sealed: true`).
 * @example
 * const payload = sealPayload(ctx, id, { kind: 'email', to, subject: 'Nowy lead L-1A2B', text: 'Telefon: …' });
 */
export function sealPayload(ctx: Pick<Ctx, 'keyring'>, outboxId: string, payload: OutboxPayload): OutboxPayload {
  if (payload.kind !== 'email') return payload;
  const seal = (part: string, v: string) => sealValue(ctx.keyring, `outbox:${outboxId}:${part}`, v);
  return {
    ...payload,
    text: seal('text', payload.text),
    ...(payload.html ? { html: seal('html', payload.html) } : {}),
  };
}

function openPayload(ctx: Pick<Ctx, 'keyring'>, outboxId: string, payload: OutboxPayload): OutboxPayload {
  if (payload.kind !== 'email' || !isSealed(payload.text)) return payload;
  const open = (part: string, v: string) =>
    isSealed(v) ? String(openValue(ctx.keyring, `outbox:${outboxId}:${part}`, v)) : v;
  return {
    ...payload,
    text: open('text', payload.text),
    ...(payload.html ? { html: open('html', payload.html) } : {}),
  };
}

/**
 * A stored outbox row with its recipient (and a sealed e-mail body) readable.
 * @example
 * const row = openRecipient(ctx, stored); row.recipient // '+48600100200'
 */
export function openRecipient<R extends { id: string; recipient: string; payload?: OutboxPayload }>(
  ctx: Pick<Ctx, 'keyring'>,
  row: R,
): R {
  const opened = isSealed(row.recipient)
    ? { ...row, recipient: String(openValue(ctx.keyring, placeOf(row.id), row.recipient)) }
    : row;
  return row.payload ? { ...opened, payload: openPayload(ctx, row.id, row.payload) } : opened;
}
