/**
 * @module sms-twilio/twilio-provider
 * Sends one SMS through Twilio's Messages API. Twilio offers no idempotency key for creating a
 * Message, so a retry after a lost answer can deliver twice; the outbox records each attempt before
 * sending and reconciles (see README). To make reconciliation possible, our reference travels in
 * the StatusCallback URL (`?crmReference=…`), which Twilio calls back with the Message SID.
 */
import {
  fetchWithTimeout,
  NoAnswerError,
  retryAfterMs,
  SmsSendError,
  type SmsMessage,
  type SmsProvider,
  type SmsSendResult,
} from 'broker-crm/plugin';
import { classifyTwilioError } from './twilio-errors.ts';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** A Twilio number or registered alphanumeric sender; or use `messagingServiceSid`. */
  from?: string;
  messagingServiceSid?: string;
  /** Our webhook for delivery reports; the message reference is appended as `crmReference`. */
  statusCallbackUrl?: string;
  /** Default `https://api.twilio.com`. */
  baseUrl?: string;
  /** Give up on one request after this long (default 10 000 ms); the send is then retryable. */
  timeoutMs?: number;
}

interface TwilioBody {
  sid?: unknown;
  status?: unknown;
  num_segments?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * @example
 * const sms = createTwilioProvider({ accountSid: 'AC…', authToken: '…', from: '+48732100100' });
 * await sms.send({ to: '+48600100200', text: 'Spotkanie jutro o 10:00', reference: outboxRowId });
 */
export function createTwilioProvider(options: TwilioOptions): SmsProvider {
  const base = (options.baseUrl ?? 'https://api.twilio.com').replace(/\/$/, '');
  const endpoint = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const timeoutMs = options.timeoutMs ?? 10_000;

  return {
    name: 'twilio',

    async send(message: SmsMessage, { signal } = {}): Promise<SmsSendResult> {
      const form = new URLSearchParams({ To: message.to, Body: message.text });
      const from = message.sender ?? options.from;
      if (from) form.set('From', from);
      if (options.messagingServiceSid) form.set('MessagingServiceSid', options.messagingServiceSid);
      if (options.statusCallbackUrl) {
        const callback = new URL(options.statusCallbackUrl);
        callback.searchParams.set('crmReference', message.reference);
        form.set('StatusCallback', callback.toString());
      }

      let response: Response;
      let text: string;
      try {
        ({ response, text } = await fetchWithTimeout(endpoint, {
          method: 'POST',
          headers: { authorization, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
          timeoutMs,
          ...(signal ? { signal } : {}),
        }));
      } catch (e) {
        if (!(e instanceof NoAnswerError)) throw e;
        // Twilio may have created the Message; a retry can send it twice (see README, "Duplicates").
        throw new SmsSendError(`twilio: ${e.message}`, { retryable: true, providerCode: e.reason, cause: e.cause });
      }

      let body: TwilioBody | undefined;
      try {
        body = JSON.parse(text) as TwilioBody;
      } catch {
        body = undefined;
      }

      if (!response.ok) {
        const code = typeof body?.code === 'number' ? body.code : undefined;
        const { retryable, reason } = classifyTwilioError(code, response.status);
        const after = response.status === 429 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
        const detail = typeof body?.message === 'string' ? `: ${body.message}` : '';
        throw new SmsSendError(`twilio: ${reason} (HTTP ${response.status}${detail})`, {
          retryable,
          providerCode: code ?? `http-${response.status}`,
          ...(after === undefined ? {} : { retryAfterMs: after }),
        });
      }
      if (typeof body?.sid !== 'string') {
        throw new SmsSendError('twilio: unreadable answer; the message may have been created', {
          retryable: true,
          providerCode: 'malformed-response',
        });
      }
      const parts = Number(body.num_segments);
      // No costMinor: `price` is null until Twilio has sent the message, and it is in USD.
      return {
        providerMessageId: body.sid,
        status: String(body.status ?? 'queued'),
        ...(Number.isInteger(parts) && parts > 0 ? { parts } : {}),
      };
    },
  };
}
