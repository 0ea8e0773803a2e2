/**
 * @module sms-dev-outbox
 * The development SMS provider as a plugin: `smsProviders.dev-outbox`. The plugin object also
 * exposes `messages()` (everything its providers recorded) for the intranet's dev view.
 */
import { definePlugin, type CrmPlugin } from 'broker-crm/plugin';
import {
  createDevOutboxProvider,
  type DevOutboxOptions,
  type DevOutboxProvider,
  type OutboxSms,
} from './dev-outbox-provider.ts';

export {
  createDevOutboxProvider,
  type DevOutboxOptions,
  type DevOutboxProvider,
  type OutboxSms,
} from './dev-outbox-provider.ts';

export interface SmsDevOutboxPlugin extends CrmPlugin {
  /** Messages recorded by every provider this plugin created, oldest first. */
  messages(): OutboxSms[];
}

function parseOptions(options: Record<string, unknown>): DevOutboxOptions {
  const { filePath, keep } = options;
  if (filePath !== undefined && typeof filePath !== 'string')
    throw new Error('sms-dev-outbox: option "filePath" must be a string');
  if (keep !== undefined && !(Number.isInteger(keep) && (keep as number) > 0))
    throw new Error('sms-dev-outbox: option "keep" must be a positive integer');
  return { ...(filePath === undefined ? {} : { filePath }), ...(keep === undefined ? {} : { keep: keep as number }) };
}

/**
 * @example
 * const outbox = smsDevOutbox();
 * const crm = await createCrm({ config, plugins: [outbox] }); // config: sms.provider = "dev-outbox"
 * outbox.messages(); // what clients would have received
 */
export default function smsDevOutbox(): SmsDevOutboxPlugin {
  const providers: DevOutboxProvider[] = [];
  return definePlugin({
    name: 'sms-dev-outbox',
    smsProviders: {
      'dev-outbox': (options) => {
        const provider = createDevOutboxProvider(parseOptions(options));
        providers.push(provider);
        return provider;
      },
    },
    messages: () => providers.flatMap((p) => p.messages()).sort((a, b) => a.sentAt.localeCompare(b.sentAt)),
  });
}
