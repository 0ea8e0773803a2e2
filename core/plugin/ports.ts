/**
 * @module plugin/ports
 * The small interfaces ("ports") that plugins implement. Each has a first-party second
 * implementation and one contract suite.
 */

/** An SMS to send. `to` is E.164 (`+48600100200`). */
export interface SmsMessage {
  to: string;
  text: string;
  /**
   * Our unique reference for this message (the outbox row id). Providers that support it use it as
   * an idempotency key, so a resend after a crash cannot deliver twice.
   */
  reference: string;
  /** Sender name registered with the gateway, if any. */
  sender?: string;
}

export interface SmsSendResult {
  providerMessageId: string;
  /** The provider's own status word, e.g. `QUEUE`, `queued`, `SENT`. */
  status: string;
  /** What the provider charged, in minor units of its currency, when it says. */
  costMinor?: number;
  parts?: number;
}

/**
 * A failed send. `retryable` tells the worker whether to try again later (timeouts, 5xx, rate
 * limits) or give up and dead-letter the message (bad number, bad credentials, rejected content).
 */
export class SmsSendError extends Error {
  readonly retryable: boolean;
  readonly providerCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    options: { retryable: boolean; providerCode?: string | number; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'SmsSendError';
    this.retryable = options.retryable;
    this.providerCode = options.providerCode === undefined ? undefined : String(options.providerCode);
    this.retryAfterMs = options.retryAfterMs;
  }
}

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage, options?: { signal?: AbortSignal }): Promise<SmsSendResult>;
}

export type SmsProviderFactory = (options: Record<string, unknown>) => SmsProvider;

export interface EmailAttachment {
  filename: string;
  content: Uint8Array;
  contentType: string;
}

export interface EmailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: EmailAttachment[];
  /** Our unique reference (outbox row id); sent as the Message-ID's local part where possible. */
  reference: string;
}

export interface EmailTransport {
  readonly name: string;
  send(message: EmailMessage): Promise<{ messageId: string }>;
  close?(): Promise<void>;
}

export type EmailTransportFactory = (options: Record<string, unknown>) => EmailTransport;
