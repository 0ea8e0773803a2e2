/**
 * @module sms-smsapi/smsapi-provider
 * Sends one SMS through SMSAPI.pl (`POST /sms.do`). Our reference goes out as `idx` with
 * `check_idx=1`, so SMSAPI itself refuses a second message with the same reference: a worker that
 * crashed after sending and retries cannot deliver the reminder twice. That refusal (error 53)
 * is reported as success.
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
import { classifySmsapiError, SMSAPI_DUPLICATE_IDX } from './smsapi-errors.ts';

export interface SmsapiOptions {
  /** OAuth token from the SMSAPI panel (API tokens), sent as `Authorization: Bearer …`. */
  token: string;
  /** Default `https://api.smsapi.pl`; `https://api.smsapi.com` for accounts outside Poland. */
  baseUrl?: string;
  /** Sender name registered in the SMSAPI panel; a message's own `sender` wins. */
  sender?: string;
  /** Give up on one request after this long (default 10 000 ms); the send is then retryable. */
  timeoutMs?: number;
}

interface SmsapiResponse {
  error?: unknown;
  message?: string;
  list?: Array<{ id?: unknown; points?: unknown; status?: unknown; parts?: unknown; error?: unknown }>;
}

function rejected(code: unknown, message: string | undefined): SmsSendError {
  const c = classifySmsapiError(code);
  return new SmsSendError(`smsapi: ${c.reason} (error ${String(code)}${message ? `: ${message}` : ''})`, {
    retryable: c.retryable,
    providerCode: String(code),
    ...(c.retryAfterMs === undefined ? {} : { retryAfterMs: c.retryAfterMs }),
  });
}

/**
 * @example
 * const sms = createSmsapiProvider({ token: process.env.SMSAPI_TOKEN!, sender: 'MojBroker' });
 * await sms.send({ to: '+48600100200', text: 'Spotkanie jutro o 10:00', reference: outboxRowId });
 */
export function createSmsapiProvider(options: SmsapiOptions): SmsProvider {
  const endpoint = `${(options.baseUrl ?? 'https://api.smsapi.pl').replace(/\/$/, '')}/sms.do`;
  const timeoutMs = options.timeoutMs ?? 10_000;

  return {
    name: 'smsapi',

    async send(message: SmsMessage, { signal } = {}): Promise<SmsSendResult> {
      const form = new URLSearchParams({
        to: message.to.replace(/^\+/, ''),
        message: message.text,
        format: 'json',
        encoding: 'utf-8',
        idx: message.reference,
        check_idx: '1',
      });
      const sender = message.sender ?? options.sender;
      if (sender) form.set('from', sender);

      let response: Response;
      let body: string;
      try {
        ({ response, text: body } = await fetchWithTimeout(endpoint, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.token}`,
            accept: 'application/json',
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: form,
          timeoutMs,
          ...(signal ? { signal } : {}),
        }));
      } catch (e) {
        if (!(e instanceof NoAnswerError)) throw e;
        // The request may have reached SMSAPI; retrying is safe because the idx makes it a no-op.
        throw new SmsSendError(`smsapi: ${e.message}`, { retryable: true, providerCode: e.reason, cause: e.cause });
      }

      let json: SmsapiResponse | undefined;
      try {
        json = JSON.parse(body) as SmsapiResponse;
      } catch {
        json = undefined;
      }

      if (response.status === 429) {
        const after = retryAfterMs(response.headers.get('retry-after'));
        throw new SmsSendError('smsapi: rate limited (HTTP 429)', {
          retryable: true,
          providerCode: 'http-429',
          ...(after === undefined ? {} : { retryAfterMs: after }),
        });
      }
      if (response.status >= 500) {
        throw new SmsSendError(`smsapi: server error (HTTP ${response.status})`, {
          retryable: true,
          providerCode: json?.error === undefined ? `http-${response.status}` : String(json.error),
        });
      }
      const error = json?.error ?? json?.list?.[0]?.error;
      if (error !== undefined && error !== null) {
        if (Number(error) === SMSAPI_DUPLICATE_IDX) {
          // Already accepted earlier under this idx; SMSAPI does not repeat its id, so we name it by idx.
          return { providerMessageId: `idx:${message.reference}`, status: 'DUPLICATE' };
        }
        throw rejected(error, json?.message);
      }
      if (!response.ok) {
        throw new SmsSendError(`smsapi: request refused (HTTP ${response.status})`, {
          retryable: false,
          providerCode: `http-${response.status}`,
        });
      }
      const item = json?.list?.[0];
      if (!item || item.id === undefined || item.id === null) {
        // The message may well have been accepted; a retry with the same idx cannot send it twice.
        throw new SmsSendError('smsapi: unreadable answer', { retryable: true, providerCode: 'malformed-response' });
      }
      const points = Number(item.points);
      return {
        providerMessageId: String(item.id),
        status: String(item.status ?? 'QUEUE'),
        // Points are the account currency (PLN for Polish accounts): 0.16 points = 16 grosze.
        ...(Number.isFinite(points) ? { costMinor: Math.round(points * 100) } : {}),
        ...(Number.isInteger(item.parts) ? { parts: item.parts as number } : {}),
      };
    },
  };
}
