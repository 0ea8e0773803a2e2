/**
 * @module sms-smsapi/smsapi-errors
 * SMSAPI.pl's error codes sorted into "try again later" and "give up". Anything not listed as
 * retryable is permanent: retrying a bad number, a bad token or rejected content only burns points.
 */

/** "Not unique idx": a message with this idx was already accepted, so this one is a duplicate. */
export const SMSAPI_DUPLICATE_IDX = 53;

const RETRYABLE: Record<number, { reason: string; retryAfterMs?: number }> = {
  52: { reason: 'too many messages to one number within 60 s', retryAfterMs: 60_000 },
  // No credit is a billing problem someone fixes within hours; dead-lettering every reminder meanwhile is worse.
  103: { reason: 'insufficient credits on the account', retryAfterMs: 10 * 60_000 },
  200: { reason: 'unsuccessful message submission' },
  201: { reason: 'SMSAPI internal error' },
  202: { reason: 'too many simultaneous requests' },
  203: { reason: 'too many requests' },
  999: { reason: 'SMSAPI internal error' },
};

const PERMANENT_REASONS: Record<number, string> = {
  8: 'error in request',
  11: 'message too long, empty, or has characters nounicode forbids',
  13: 'no valid phone number (invalid or blacklisted)',
  14: 'sender name not registered on the account',
  57: 'number blacklisted for this account',
  59: 'number on the opt-out list',
  101: 'invalid authorization (check the token)',
  102: 'invalid username or password',
  105: 'request from an IP address the account does not allow',
  112: 'sending to this country is restricted on the account',
};

export interface SmsapiErrorClass {
  retryable: boolean;
  retryAfterMs?: number;
  reason: string;
}

/**
 * @example
 * classifySmsapiError(13);  // { retryable: false, reason: 'no valid phone number (invalid or blacklisted)' }
 * classifySmsapiError(201); // { retryable: true, reason: 'SMSAPI internal error' }
 */
export function classifySmsapiError(code: unknown): SmsapiErrorClass {
  const n = Number(code);
  const retryable = RETRYABLE[n];
  if (retryable) return { retryable: true, ...retryable };
  return { retryable: false, reason: PERMANENT_REASONS[n] ?? 'rejected by SMSAPI' };
}
