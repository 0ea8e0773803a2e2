/**
 * @module email-smtp/email-send-error
 * A failed e-mail send, shaped like the core's SmsSendError: `retryable` tells the worker whether
 * to try again later (connection trouble, 4xx replies) or give up (5xx replies, bad login).
 */
export class EmailSendError extends Error {
  readonly retryable: boolean;
  /** The SMTP reply code (`550`) or Nodemailer's error code (`ECONNECTION`). */
  readonly providerCode: string | undefined;
  constructor(message: string, options: { retryable: boolean; providerCode?: string | number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'EmailSendError';
    this.retryable = options.retryable;
    this.providerCode = options.providerCode === undefined ? undefined : String(options.providerCode);
  }
}
