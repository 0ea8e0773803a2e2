/**
 * @module email-smtp
 * SMTP as a plugin: `emailTransports.smtp`. The login may come from `SMTP_USER` and `SMTP_PASS`
 * so it never sits in a config file.
 */
import { definePlugin, type CrmPlugin } from 'broker-crm/plugin';
import { createSmtpTransport, type SmtpOptions } from './smtp-transport.ts';

export { createSmtpTransport, type SmtpEmailTransport, type SmtpOptions } from './smtp-transport.ts';
export { EmailSendError } from './email-send-error.ts';
export { messageIdFor } from './message-id.ts';

function fail(problem: string): never {
  throw new Error(`email-smtp: ${problem}`);
}

function optionalString(options: Record<string, unknown>, key: string): string | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  return typeof value === 'string' && value ? value : fail(`option "${key}" must be a non-empty string`);
}

/** Reads the plugin's options; `env` is a parameter so tests need not touch `process.env`. */
export function parseSmtpOptions(
  options: Record<string, unknown>,
  env: Record<string, string | undefined> = process.env,
): SmtpOptions {
  const host = optionalString(options, 'host') ?? env.SMTP_HOST ?? fail('set option "host" or SMTP_HOST');
  const from = optionalString(options, 'from') ?? fail('set option "from", e.g. "Biuro <biuro@example.pl>"');
  const { port, secure, timeoutMs } = options;
  if (port !== undefined && !(Number.isInteger(port) && (port as number) > 0 && (port as number) < 65536))
    fail('option "port" must be a port number');
  if (secure !== undefined && typeof secure !== 'boolean') fail('option "secure" must be true or false');
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && (timeoutMs as number) > 0))
    fail('option "timeoutMs" must be a positive integer (milliseconds)');
  const user = optionalString(options, 'user') ?? env.SMTP_USER;
  const pass = optionalString(options, 'pass') ?? env.SMTP_PASS;
  if (Boolean(user) !== Boolean(pass)) fail('set both "user" and "pass" (or SMTP_USER and SMTP_PASS), or neither');
  const messageIdDomain = optionalString(options, 'messageIdDomain');
  return {
    host,
    from,
    ...(port === undefined ? {} : { port: port as number }),
    ...(secure === undefined ? {} : { secure }),
    ...(user && pass ? { auth: { user, pass } } : {}),
    ...(messageIdDomain === undefined ? {} : { messageIdDomain }),
    ...(timeoutMs === undefined ? {} : { timeoutMs: timeoutMs as number }),
  };
}

/**
 * @example
 * // crm.config.json:
 * // "email": { "transport": "smtp", "options": { "host": "smtp.example.pl", "from": "Biuro <biuro@example.pl>" } }
 * createCrm({ config, plugins: [smtp()] }); // login from SMTP_USER / SMTP_PASS
 */
export default function smtp(): CrmPlugin {
  return definePlugin({
    name: 'email-smtp',
    emailTransports: { smtp: (options) => createSmtpTransport(parseSmtpOptions(options)) },
  });
}
