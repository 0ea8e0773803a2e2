/**
 * @module notifications/notifier
 * `createNotifier(runtime, options)`: the outbox worker wired to the providers the firm chose by
 * name from its plugins (`smsProviders`, `emailTransports`), so an app says "smsapi" and an
 * options object instead of constructing a provider itself. Providers given as objects are used
 * as they are (tests, custom code).
 */
import type { Runtime } from '../context.ts';
import type { EmailTransport, SmsProvider } from '../plugin/index.ts';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from './worker.ts';

/** A provider by plugin entry name with its options, or a ready object. */
export type ProviderChoice<P> = P | { provider: string; options?: Record<string, unknown> };

export interface NotifierOptions extends Omit<OutboxWorkerOptions, 'sms' | 'email'> {
  sms?: ProviderChoice<SmsProvider>;
  email?: ProviderChoice<EmailTransport>;
}

function isChoice<P>(c: ProviderChoice<P>): c is { provider: string; options?: Record<string, unknown> } {
  return (
    typeof (c as { provider?: unknown }).provider === 'string' && typeof (c as { send?: unknown }).send !== 'function'
  );
}

/**
 * @example
 * const notifier = createNotifier(crm.runtime, { sms: { provider: 'smsapi', options: { sender: 'MojBroker' } },
 *   email: { provider: 'smtp', options: { host, from } } });
 * notifier.start();
 */
export function createNotifier(runtime: Runtime, options: NotifierOptions = {}): OutboxWorker {
  const pick = <S extends 'smsProviders' | 'emailTransports'>(
    slot: S,
    choice: ProviderChoice<SmsProvider | EmailTransport> | undefined,
  ) => {
    if (!choice || !isChoice(choice)) return choice;
    const entry = runtime.plugins.get(slot, choice.provider);
    if (!entry) {
      const known = runtime.plugins.names(slot);
      throw new Error(
        `No plugin provides ${slot} "${choice.provider}"` +
          (known.length ? ` (known: ${known.join(', ')})` : ' (no plugin provides any)'),
      );
    }
    return (entry.value as (o: Record<string, unknown>) => SmsProvider | EmailTransport)(choice.options ?? {});
  };
  const sms = pick('smsProviders', options.sms) as SmsProvider | undefined;
  const email = pick('emailTransports', options.email) as EmailTransport | undefined;
  return createOutboxWorker(runtime, {
    ...options,
    ...(sms ? { sms } : {}),
    ...(email ? { email } : {}),
  } as OutboxWorkerOptions);
}
