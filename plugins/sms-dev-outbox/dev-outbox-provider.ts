/**
 * @module sms-dev-outbox/dev-outbox-provider
 * An SMS "gateway" that delivers nothing: it records each message in memory (and optionally as a
 * JSON line in a file) so a developer can see what clients would have received. It behaves like a
 * careful real gateway: it refuses numbers that are not E.164, sends each reference at most once,
 * and can be told to be "down" so the worker's retries can be watched.
 */
import { appendFile } from 'node:fs/promises';
import { SmsSendError, type SmsMessage, type SmsProvider, type SmsSendResult } from 'broker-crm/plugin';

export interface DevOutboxOptions {
  /** Append every recorded message as one JSON line to this file (e.g. `./var/sms-outbox.jsonl`). */
  filePath?: string;
  /** How many messages to keep in memory, newest last (default 1000). */
  keep?: number;
}

/** One message as the dev view shows it. */
export interface OutboxSms {
  providerMessageId: string;
  reference: string;
  to: string;
  text: string;
  sender?: string;
  /** ISO instant at which it was recorded. */
  sentAt: string;
}

export interface DevOutboxProvider extends SmsProvider {
  /** What was "sent", oldest first. */
  messages(): readonly OutboxSms[];
  /** Fail the next `sends` sends as a gateway outage would (retryable), to exercise retries. */
  simulateOutage(sends?: number): void;
  clear(): void;
}

const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * @example
 * const sms = createDevOutboxProvider({ filePath: './sms-outbox.jsonl' });
 * await sms.send({ to: '+48600100200', text: 'Spotkanie jutro o 10:00', reference: 'r1' });
 * sms.messages(); // [{ to: '+48600100200', text: 'Spotkanie jutro o 10:00', reference: 'r1', ... }]
 */
export function createDevOutboxProvider(options: DevOutboxOptions = {}): DevOutboxProvider {
  const keep = options.keep ?? 1000;
  const records: OutboxSms[] = [];
  let outageSends = 0;
  let counter = 0;

  return {
    name: 'dev-outbox',

    async send(message: SmsMessage, { signal } = {}): Promise<SmsSendResult> {
      if (signal?.aborted)
        throw new SmsSendError('dev-outbox: send aborted', { retryable: true, providerCode: 'aborted' });
      if (outageSends > 0) {
        outageSends -= 1;
        throw new SmsSendError('dev-outbox: simulated gateway outage', {
          retryable: true,
          providerCode: 'simulated-outage',
        });
      }
      if (!E164.test(message.to)) {
        throw new SmsSendError(`dev-outbox: "${message.to}" is not an E.164 number (+48600100200)`, {
          retryable: false,
          providerCode: 'invalid-number',
        });
      }
      // Like SMSAPI with check_idx: a reference already sent is acknowledged, not sent again.
      const earlier = records.find((r) => r.reference === message.reference);
      if (earlier) return { providerMessageId: earlier.providerMessageId, status: 'duplicate', costMinor: 0 };

      counter += 1;
      const record: OutboxSms = {
        providerMessageId: `dev-${Date.now().toString(36)}-${counter}`,
        reference: message.reference,
        to: message.to,
        text: message.text,
        ...(message.sender === undefined ? {} : { sender: message.sender }),
        sentAt: new Date().toISOString(),
      };
      if (options.filePath) {
        try {
          await appendFile(options.filePath, JSON.stringify(record) + '\n', 'utf8');
        } catch (cause) {
          throw new SmsSendError(`dev-outbox: cannot append to ${options.filePath}`, {
            retryable: true,
            providerCode: 'file',
            cause,
          });
        }
      }
      records.push(record);
      if (records.length > keep) records.splice(0, records.length - keep);
      return { providerMessageId: record.providerMessageId, status: 'recorded', costMinor: 0 };
    },

    messages: () => records.slice(),
    simulateOutage(sends = 1) {
      outageSends = sends;
    },
    clear() {
      records.length = 0;
    },
  };
}
