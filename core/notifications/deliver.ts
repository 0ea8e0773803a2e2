/**
 * @module notifications/deliver
 * One claimed row → one provider call → an outcome. Nothing here throws: a provider error, a
 * timeout, an answer that is not JSON or a payload that makes no sense all become outcomes the
 * worker records, so one bad message can never stop the others.
 */
import type { EmailTransport, SmsProvider } from '../plugin/index.ts';
import type { OutboxRow } from './claim.ts';

export type Outcome =
  | { kind: 'sent'; provider: string; providerMessageId: string; providerStatus: string; costMinor?: number }
  | { kind: 'error'; retryable: boolean; message: string; retryAfterMs?: number };

export interface Providers {
  sms?: SmsProvider;
  email?: EmailTransport;
}

/** Errors are duck-typed: plugins throw their own classes shaped like `SmsSendError`. */
function outcomeOf(error: unknown): Outcome {
  const e = error as { retryable?: unknown; retryAfterMs?: unknown; message?: unknown; providerCode?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const code = typeof e?.providerCode === 'string' ? ` [${e.providerCode}]` : '';
  // An error that does not say is treated as temporary: a bug or an outage should not dead-letter at once.
  const retryable = e?.retryable !== false;
  const retryAfterMs = typeof e?.retryAfterMs === 'number' ? e.retryAfterMs : undefined;
  return {
    kind: 'error',
    retryable,
    message: `${message}${code}`.slice(0, 1000),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(Object.assign(new Error(`no answer within ${ms} ms`), { retryable: true, providerCode: 'timeout' }));
    }, ms);
  });
  return Promise.race([work(controller.signal), timeout]).finally(() => clearTimeout(timer));
}

/**
 * @example
 * const outcome = await deliver(row, { sms }, 30_000);
 */
export async function deliver(row: OutboxRow, providers: Providers, timeoutMs: number): Promise<Outcome> {
  const p = row.payload as Partial<OutboxRow['payload']> | null;
  try {
    if (row.channel === 'sms' && p?.kind === 'sms' && typeof p.text === 'string' && p.text) {
      const sms = providers.sms;
      if (!sms) return { kind: 'error', retryable: true, message: 'no SMS provider is configured' };
      const text = p.text;
      const r = await withTimeout(
        (signal) =>
          sms.send(
            { to: row.recipient, text, reference: row.id, ...(p.sender ? { sender: p.sender } : {}) },
            { signal },
          ),
        timeoutMs,
      );
      return {
        kind: 'sent',
        provider: sms.name,
        providerMessageId: String(r.providerMessageId),
        providerStatus: String(r.status),
        ...(Number.isInteger(r.costMinor) ? { costMinor: r.costMinor! } : {}),
      };
    }
    if (
      row.channel === 'email' &&
      p?.kind === 'email' &&
      Array.isArray(p.to) &&
      p.to.length &&
      typeof p.subject === 'string' &&
      typeof p.text === 'string'
    ) {
      const email = providers.email;
      if (!email) return { kind: 'error', retryable: true, message: 'no e-mail transport is configured' };
      const attachments = (p.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: new Uint8Array(Buffer.from(a.base64, 'base64')),
      }));
      const { to, subject, text } = p;
      const r = await withTimeout(
        () =>
          email.send({
            to,
            subject,
            text,
            ...(p.html ? { html: p.html } : {}),
            ...(attachments.length ? { attachments } : {}),
            reference: row.id,
          }),
        timeoutMs,
      );
      return { kind: 'sent', provider: email.name, providerMessageId: String(r.messageId), providerStatus: 'accepted' };
    }
    return { kind: 'error', retryable: false, message: `malformed ${row.channel} payload: it cannot be sent as it is` };
  } catch (error) {
    return outcomeOf(error);
  }
}
