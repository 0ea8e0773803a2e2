import { smsProviderContract } from '../../tests/contracts/sms-provider.contract.ts';
import { startTwilioFake } from '../../tests/fakes/twilio-server.ts';
import { createTwilioProvider } from './twilio-provider.ts';

smsProviderContract('sms-twilio (local Twilio server)', async () => {
  const fake = await startTwilioFake();
  const options = {
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    from: '+48732100100',
    statusCallbackUrl: 'https://crm.example.test/hooks/twilio/status',
    baseUrl: fake.url,
  };
  return {
    provider: createTwilioProvider(options),
    invalidNumber: '+48-not-a-number',
    delivered: (reference) =>
      fake.messages.filter((m) => m.reference === reference).map((m) => ({ to: m.to, text: m.body })),
    failNextSend: () => fake.failNext({ kind: 'status', status: 503 }),
    hangNextSend: () => {
      fake.failNext({ kind: 'hang' });
      return createTwilioProvider({ ...options, timeoutMs: 200 });
    },
    // Twilio has no idempotency key: a second send is a second SMS (README, "Duplicates").
    duplicates: 'delivered-again',
    close: fake.close,
  };
});
