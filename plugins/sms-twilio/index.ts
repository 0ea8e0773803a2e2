/**
 * @module sms-twilio
 * Twilio as a plugin: `smsProviders.twilio`. Credentials may come from `TWILIO_ACCOUNT_SID` and
 * `TWILIO_AUTH_TOKEN` so they never sit in a config file.
 */
import { definePlugin, type CrmPlugin } from 'broker-crm/plugin';
import { createTwilioProvider, type TwilioOptions } from './twilio-provider.ts';

export { createTwilioProvider, type TwilioOptions } from './twilio-provider.ts';
export { classifyTwilioError } from './twilio-errors.ts';

function optionalString(options: Record<string, unknown>, key: string): string | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value) throw new Error(`sms-twilio: option "${key}" must be a non-empty string`);
  return value;
}

/** Reads the plugin's options; `env` is a parameter so tests need not touch `process.env`. */
export function parseTwilioOptions(
  options: Record<string, unknown>,
  env: Record<string, string | undefined> = process.env,
): TwilioOptions {
  const accountSid = optionalString(options, 'accountSid') ?? env.TWILIO_ACCOUNT_SID;
  const authToken = optionalString(options, 'authToken') ?? env.TWILIO_AUTH_TOKEN;
  if (!accountSid || !authToken) {
    throw new Error(
      'sms-twilio: set options "accountSid" and "authToken", or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN',
    );
  }
  const result: TwilioOptions = { accountSid, authToken };
  for (const key of ['from', 'messagingServiceSid', 'statusCallbackUrl', 'baseUrl'] as const) {
    const value = optionalString(options, key);
    if (value !== undefined) result[key] = value;
  }
  if (!result.from && !result.messagingServiceSid)
    throw new Error('sms-twilio: set option "from" (a Twilio number) or "messagingServiceSid"');
  if (result.statusCallbackUrl && !URL.canParse(result.statusCallbackUrl))
    throw new Error('sms-twilio: option "statusCallbackUrl" must be an absolute URL');
  const timeoutMs = options.timeoutMs;
  if (timeoutMs !== undefined) {
    if (!(Number.isInteger(timeoutMs) && (timeoutMs as number) > 0))
      throw new Error('sms-twilio: option "timeoutMs" must be a positive integer (milliseconds)');
    result.timeoutMs = timeoutMs as number;
  }
  return result;
}

/**
 * @example
 * // crm.config.json: "sms": { "provider": "twilio", "options": { "from": "+48732100100" } }
 * createCrm({ config, plugins: [twilio()] });
 */
export default function twilio(): CrmPlugin {
  return definePlugin({
    name: 'sms-twilio',
    smsProviders: { twilio: (options) => createTwilioProvider(parseTwilioOptions(options)) },
  });
}
