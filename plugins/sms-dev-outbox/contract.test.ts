import { smsProviderContract } from '../../tests/contracts/sms-provider.contract.ts';
import { createDevOutboxProvider } from './dev-outbox-provider.ts';

smsProviderContract('sms-dev-outbox', async () => {
  const provider = createDevOutboxProvider();
  return {
    provider,
    invalidNumber: '600 100 200',
    delivered: (reference) =>
      provider
        .messages()
        .filter((m) => m.reference === reference)
        .map(({ to, text }) => ({ to, text })),
    failNextSend: () => provider.simulateOutage(1),
    // Nothing in memory can hang, so the time-out case does not apply.
    duplicates: 'deduplicated',
    close: async () => {},
  };
});
