/**
 * @module notifications
 * The transactional outbox for SMS and e-mail: enqueue in the caller's transaction, a worker that
 * claims, re-checks, sends and records, and the lists people see. See docs/notifications.md.
 */
export {
  enqueue,
  cancel,
  reschedule,
  MAX_ATTACHMENT_BYTES,
  type OutboxMessage,
  type SmsOutboxMessage,
  type EmailOutboxMessage,
  type SubjectFilter,
} from './enqueue.ts';
export {
  createOutboxWorker,
  type OutboxWorker,
  type OutboxWorkerOptions,
  type Recheck,
  type RecheckResult,
  type RunSummary,
} from './worker.ts';
export { createNotifier, type NotifierOptions, type ProviderChoice } from './notifier.ts';
export {
  listOutbox,
  listDeadLetters,
  retryMessage,
  cancelMessage,
  type OutboxView,
  type OutboxStatus,
  type ListOutboxOptions,
} from './queries.ts';
export { retryDelayMs, defaultBackoff, type BackoffOptions } from './backoff.ts';
export type { OutboxRow } from './claim.ts';
export { smsSegments, isGsm7, toGsm7Transliteration } from './sms-text.ts';
export { OPEN_STATUSES } from './enqueue.ts';
export type { SmsSegments } from './sms-text.ts';
export { openRecipient, sealRecipient } from './sealed-recipient.ts';
export {
  recordDeliveryReport,
  smsapiDeliveryStatus,
  twilioDeliveryStatus,
  twilioSignature,
  sameSecret,
  type DeliveryReport,
  type DeliveryStatus,
} from './delivery-reports.ts';
