/**
 * @module sms-smsapi
 * SMSAPI.pl as a plugin: `smsProviders.smsapi`. Options come from the firm's config; the token may
 * instead come from the `SMSAPI_TOKEN` environment variable so it never sits in a config file.
 */
import { definePlugin, type CrmPlugin } from 'broker-crm/plugin';
import { createSmsapiProvider, type SmsapiOptions } from './smsapi-provider.ts';

export { createSmsapiProvider, type SmsapiOptions } from './smsapi-provider.ts';
export { classifySmsapiError } from './smsapi-errors.ts';

function optionalString(options: Record<string, unknown>, key: string): string | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value) throw new Error(`sms-smsapi: option "${key}" must be a non-empty string`);
  return value;
}

/** Reads the plugin's options; `env` is a parameter so tests need not touch `process.env`. */
export function parseSmsapiOptions(
  options: Record<string, unknown>,
  env: Record<string, string | undefined> = process.env,
): SmsapiOptions {
  const token = optionalString(options, 'token') ?? env.SMSAPI_TOKEN;
  if (!token) throw new Error('sms-smsapi: no token: set option "token" or the SMSAPI_TOKEN environment variable');
  const timeoutMs = options.timeoutMs;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && (timeoutMs as number) > 0)) {
    throw new Error('sms-smsapi: option "timeoutMs" must be a positive integer (milliseconds)');
  }
  const baseUrl = optionalString(options, 'baseUrl');
  const sender = optionalString(options, 'sender');
  return {
    token,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(sender === undefined ? {} : { sender }),
    ...(timeoutMs === undefined ? {} : { timeoutMs: timeoutMs as number }),
  };
}

/**
 * @example
 * // crm.config.json: "sms": { "provider": "smsapi", "options": { "sender": "MojBroker" } }
 * createCrm({ config, plugins: [smsapi()] }); // token from SMSAPI_TOKEN
 */
export default function smsapi(): CrmPlugin {
  return definePlugin({
    name: 'sms-smsapi',
    smsProviders: { smsapi: (options) => createSmsapiProvider(parseSmsapiOptions(options)) },
  });
}
