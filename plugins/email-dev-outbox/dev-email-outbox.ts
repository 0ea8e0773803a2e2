/**
 * @module email-dev-outbox/dev-email-outbox
 * An e-mail transport that delivers nothing: it composes each message exactly as SMTP would send
 * it (Nodemailer's stream transport), keeps it in memory, and optionally writes it as an `.eml`
 * file that any mail program opens. The default in development.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { EmailMessage, EmailTransport } from 'broker-crm/plugin';

export interface DevEmailOutboxOptions {
  /** Sender shown in the composed messages (default `CRM <crm@localhost>`). */
  from?: string;
  /** Write each message as `<time>-<reference>.eml` into this directory. */
  directory?: string;
  /** How many messages to keep in memory, newest last (default 200). */
  keep?: number;
}

export interface OutboxEmail {
  reference: string;
  messageId: string;
  to: string[];
  subject: string;
  /** The whole RFC 5322 message, attachments included. */
  raw: Buffer;
  sentAt: string;
}

export interface DevEmailOutbox extends EmailTransport {
  messages(): readonly OutboxEmail[];
  /** Fail the next `sends` sends as an unreachable server would (retryable), to exercise retries. */
  simulateOutage(sends?: number): void;
  clear(): void;
}

/** A failed send, shaped like the core's SmsSendError (`retryable`, `providerCode`). */
export class EmailSendError extends Error {
  readonly retryable: boolean;
  readonly providerCode: string;
  constructor(message: string, retryable: boolean, providerCode: string) {
    super(message);
    this.name = 'EmailSendError';
    this.retryable = retryable;
    this.providerCode = providerCode;
  }
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * @example
 * const mail = createDevEmailOutbox({ directory: './var/mail' });
 * await mail.send({ to: ['klient@example.pl'], subject: 'Umowa', text: 'W załączniku.', reference: 'r1' });
 * mail.messages()[0]?.subject; // 'Umowa'
 */
export function createDevEmailOutbox(options: DevEmailOutboxOptions = {}): DevEmailOutbox {
  const from = options.from ?? 'CRM <crm@localhost>';
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  const keep = options.keep ?? 200;
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const records: OutboxEmail[] = [];
  let outageSends = 0;

  return {
    name: 'dev-outbox',

    async send(message: EmailMessage) {
      if (outageSends > 0) {
        outageSends -= 1;
        throw new EmailSendError('email dev-outbox: simulated outage', true, 'simulated-outage');
      }
      const invalid = message.to.filter((a) => !ADDRESS.test(a));
      if (invalid.length > 0 || message.to.length === 0) {
        throw new EmailSendError(
          `email dev-outbox: not an e-mail address: ${invalid.join(', ') || '(no recipients)'}`,
          false,
          'invalid-address',
        );
      }
      // Same Message-ID scheme as email-smtp, so a resend is recognisable here too.
      const local = message.reference.replace(/[^A-Za-z0-9_-]/gu, (ch) =>
        [...Buffer.from(ch, 'utf8')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
      );
      const info = await composer.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        attachments: (message.attachments ?? []).map((a) => ({
          filename: a.filename,
          content: Buffer.from(a.content),
          contentType: a.contentType,
        })),
        messageId: `<${local}@${domain}>`,
      });
      // `buffer: true` makes the composed message a Buffer rather than a stream.
      if (!Buffer.isBuffer(info.message)) throw new Error('email dev-outbox: Nodemailer returned a stream');
      const record: OutboxEmail = {
        reference: message.reference,
        messageId: info.messageId,
        to: [...message.to],
        subject: message.subject,
        raw: info.message,
        sentAt: new Date().toISOString(),
      };
      if (options.directory) {
        await mkdir(options.directory, { recursive: true });
        await writeFile(
          join(options.directory, `${Date.now()}-${encodeURIComponent(message.reference)}.eml`),
          record.raw,
        );
      }
      records.push(record);
      if (records.length > keep) records.splice(0, records.length - keep);
      return { messageId: record.messageId };
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
