/**
 * @module sms-twilio/twilio-errors
 * Twilio's error codes for creating a Message, sorted into "try again later" and "give up".
 * Unknown 4xx codes are permanent (the request itself is wrong); 5xx and rate limits are retryable.
 */

const RETRYABLE = new Set([20429, 14107, 20500, 20503]);

const REASONS: Record<number, string> = {
  20003: 'authentication failed (check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)',
  20429: 'too many requests',
  14107: 'message rate limit exceeded',
  21211: "invalid 'To' phone number",
  21212: "invalid 'From' phone number",
  21408: 'sending to this region is not enabled on the account',
  21602: 'message body is empty',
  21603: "no 'From' number or Messaging Service",
  21606: "the 'From' number cannot send SMS",
  21610: 'the recipient replied STOP (unsubscribed)',
  21612: 'Twilio cannot route to this number',
  21614: "'To' is not a mobile number",
  21617: 'message body longer than 1600 characters',
};

/**
 * @example
 * classifyTwilioError(21211, 400); // { retryable: false, reason: "invalid 'To' phone number" }
 * classifyTwilioError(20500, 500); // { retryable: true, reason: 'Twilio error 20500' }
 */
export function classifyTwilioError(
  code: number | undefined,
  httpStatus: number,
): { retryable: boolean; reason: string } {
  const retryable = httpStatus >= 500 || httpStatus === 429 || (code !== undefined && RETRYABLE.has(code));
  const reason =
    (code !== undefined && REASONS[code]) || (code !== undefined ? `Twilio error ${code}` : `HTTP ${httpStatus}`);
  return { retryable, reason };
}
