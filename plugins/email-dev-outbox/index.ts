/**
 * @module email-dev-outbox
 * The development e-mail transport as a plugin: `emailTransports.dev-outbox`. The plugin object
 * also exposes `messages()` for the intranet's dev view.
 */
import { definePlugin, type CrmPlugin } from 'broker-crm/plugin';
import {
  createDevEmailOutbox,
  type DevEmailOutbox,
  type DevEmailOutboxOptions,
  type OutboxEmail,
} from './dev-email-outbox.ts';

export {
  createDevEmailOutbox,
  EmailSendError,
  type DevEmailOutbox,
  type DevEmailOutboxOptions,
  type OutboxEmail,
} from './dev-email-outbox.ts';

export interface EmailDevOutboxPlugin extends CrmPlugin {
  /** Messages recorded by every transport this plugin created, oldest first. */
  messages(): OutboxEmail[];
}

function parseOptions(options: Record<string, unknown>): DevEmailOutboxOptions {
  const result: DevEmailOutboxOptions = {};
  for (const key of ['from', 'directory'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !value)
      throw new Error(`email-dev-outbox: option "${key}" must be a non-empty string`);
    result[key] = value;
  }
  if (options.keep !== undefined) {
    if (!(Number.isInteger(options.keep) && (options.keep as number) > 0))
      throw new Error('email-dev-outbox: option "keep" must be a positive integer');
    result.keep = options.keep as number;
  }
  return result;
}

/**
 * @example
 * const outbox = emailDevOutbox();
 * const crm = await createCrm({ config, plugins: [outbox] }); // config: email.transport = "dev-outbox"
 * outbox.messages(); // what would have been e-mailed
 */
export default function emailDevOutbox(): EmailDevOutboxPlugin {
  const transports: DevEmailOutbox[] = [];
  return definePlugin({
    name: 'email-dev-outbox',
    emailTransports: {
      'dev-outbox': (options) => {
        const transport = createDevEmailOutbox(parseOptions(options));
        transports.push(transport);
        return transport;
      },
    },
    messages: () => transports.flatMap((t) => t.messages()).sort((a, b) => a.sentAt.localeCompare(b.sentAt)),
  });
}
