import { smsProviderContract } from '../../tests/contracts/sms-provider.contract.ts';
import { startSmsapiFake } from '../../tests/fakes/smsapi-server.ts';
import { createSmsapiProvider } from './smsapi-provider.ts';

smsProviderContract('sms-smsapi (local SMSAPI server)', async () => {
  const fake = await startSmsapiFake();
  return {
    provider: createSmsapiProvider({ token: fake.token, baseUrl: fake.url }),
    invalidNumber: '+48-not-a-number',
    delivered: (reference) =>
      fake.messages.filter((m) => m.idx === reference).map((m) => ({ to: `+${m.number}`, text: m.message })),
    failNextSend: () => fake.failNext({ kind: 'status', status: 500 }),
    hangNextSend: () => {
      fake.failNext({ kind: 'hang' });
      return createSmsapiProvider({ token: fake.token, baseUrl: fake.url, timeoutMs: 200 });
    },
    duplicates: 'deduplicated',
    close: fake.close,
  };
});
