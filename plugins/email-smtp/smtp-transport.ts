/**
 * @module email-smtp/smtp-transport
 * Sends `EmailMessage`s over SMTP with Nodemailer. The Message-ID comes from our reference;
 * failures become `EmailSendError`s whose `retryable` follows the SMTP reply class (RFC 5321:
 * 4xx try again, 5xx give up) and treats a lost connection as worth another try.
 */
import { createTransport, type NodemailerError } from 'nodemailer';
import type { EmailMessage, EmailTransport } from 'broker-crm/plugin';
import { EmailSendError } from './email-send-error.ts';
import { domainOf, messageIdFor } from './message-id.ts';

export interface SmtpOptions {
  host: string;
  /** Default 587 (submission with STARTTLS), or 465 when `secure`. */
  port?: number;
  /** TLS from the first byte (port 465). With `false`, STARTTLS is used when the server offers it. */
  secure?: boolean;
  auth?: { user: string; pass: string };
  /** The sender, e.g. `Biuro Kredytowe <biuro@kredyty.example.pl>`. */
  from: string;
  /** Domain for Message-IDs; default the domain of `from`. */
  messageIdDomain?: string;
  /** Connection, greeting and socket time-out (default 10 000 ms). */
  timeoutMs?: number;
}

export interface SmtpEmailTransport extends EmailTransport {
  /** `rejected`: recipients the server refused while it accepted the others (the message went out). */
  send(message: EmailMessage): Promise<{ messageId: string; rejected: string[] }>;
  close(): Promise<void>;
}

/** Errors without an SMTP reply that retrying cannot fix. */
const PERMANENT_CODES = new Set(['EAUTH', 'ECONFIG', 'EENVELOPE', 'EMESSAGE', 'ENOAUTH', 'EOAUTH2']);

function toSendError(error: unknown): EmailSendError {
  const e = error as NodemailerError;
  if (typeof e.responseCode === 'number') {
    const retryable = e.permanent === undefined ? !(e.responseCode >= 500 && e.responseCode !== 503) : !e.permanent;
    return new EmailSendError(`smtp: ${e.response ?? e.message}`, {
      retryable,
      providerCode: e.responseCode,
      cause: error,
    });
  }
  const code = typeof e.code === 'string' ? e.code : 'unknown';
  return new EmailSendError(`smtp: ${e.message ?? String(error)}`, {
    retryable: !PERMANENT_CODES.has(code),
    providerCode: code,
    cause: error,
  });
}

/**
 * @example
 * const mail = createSmtpTransport({ host: 'smtp.example.pl', auth: { user, pass },
 *   from: 'Biuro <biuro@example.pl>' });
 * await mail.send({ to: ['klient@example.pl'], subject: 'Umowa', text: 'W załączniku.', reference: outboxRowId });
 */
export function createSmtpTransport(options: SmtpOptions): SmtpEmailTransport {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const domain = options.messageIdDomain ?? domainOf(options.from) ?? 'localhost';
  const transporter = createTransport({
    host: options.host,
    port: options.port ?? (options.secure ? 465 : 587),
    secure: options.secure ?? false,
    ...(options.auth ? { auth: options.auth } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });

  return {
    name: 'smtp',

    async send(message) {
      try {
        const info = await transporter.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
          attachments: (message.attachments ?? []).map((a) => ({
            filename: a.filename,
            content: Buffer.from(a.content),
            contentType: a.contentType,
          })),
          messageId: messageIdFor(message.reference, domain),
        });
        return { messageId: info.messageId, rejected: info.rejected.map(String) };
      } catch (error) {
        throw toSendError(error);
      }
    },

    async close() {
      transporter.close();
    },
  };
}
