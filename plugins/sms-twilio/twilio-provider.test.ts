import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPluginRegistry, SmsSendError } from 'broker-crm/plugin';
import { startTwilioFake, type TwilioFake } from '../../tests/fakes/twilio-server.ts';
import twilio, { parseTwilioOptions } from './index.ts';
import { createTwilioProvider, type TwilioOptions } from './twilio-provider.ts';

let fake: TwilioFake;
beforeEach(async () => {
  fake = await startTwilioFake();
});
afterEach(async () => {
  await fake.close();
});

const provider = (extra: Partial<TwilioOptions> = {}) =>
  createTwilioProvider({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    from: '+48732100100',
    baseUrl: fake.url,
    ...extra,
  });

async function failure(promise: Promise<unknown>): Promise<SmsSendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

describe('sms-twilio provider', () => {
  it('returns the Message SID, status and segments', async () => {
    const result = await provider().send({ to: '+48600100200', text: 'ż'.repeat(71), reference: 'r' });
    expect(result).toEqual({ providerMessageId: fake.messages[0]!.sid, status: 'queued', parts: 2 });
    expect(result.costMinor).toBeUndefined();
  });

  it('can send through a Messaging Service instead of a From number', async () => {
    const result = await provider({ from: undefined, messagingServiceSid: 'MG0123' }).send({
      to: '+48600100200',
      text: 'x',
      reference: 'r',
    });
    expect(result.status).toBe('accepted');
    expect(fake.messages[0]).toMatchObject({ from: null, messagingServiceSid: 'MG0123' });
  });

  it("puts our reference in the StatusCallback URL, keeping the URL's own query", async () => {
    await provider({ statusCallbackUrl: 'https://crm.example.test/hooks/twilio?firm=acme' }).send({
      to: '+48600100200',
      text: 'x',
      reference: 'row-7',
    });
    expect(fake.messages[0]!.statusCallback).toBe('https://crm.example.test/hooks/twilio?firm=acme&crmReference=row-7');
    await provider().send({ to: '+48600100200', text: 'x', reference: 'row-8' });
    expect(fake.messages[1]!.statusCallback).toBeNull();
  });

  it('after a lost answer the retry is a second SMS: Twilio cannot deduplicate (documented)', async () => {
    fake.failNext({ kind: 'accept-then-hang' });
    const sms = provider({ statusCallbackUrl: 'https://crm.example.test/hooks/twilio' });
    const message = { to: '+48600100200', text: 'Przypomnienie', reference: 'meeting-1' };
    const controller = new AbortController();
    const first = sms.send(message, { signal: controller.signal });
    await fake.nextAccepted();
    controller.abort();
    expect((await failure(first)).retryable).toBe(true);
    await sms.send(message);
    expect(fake.sentCount('meeting-1')).toBe(2);
  });

  it('gives up on wrong credentials', async () => {
    const error = await failure(
      provider({ authToken: 'wrong' }).send({ to: '+48600100200', text: 'x', reference: 'r' }),
    );
    expect(error).toMatchObject({ retryable: false, providerCode: '20003' });
    expect(error.message).toMatch(/TWILIO_AUTH_TOKEN/);
  });

  it('retries after a rate limit, passing on Retry-After', async () => {
    fake.failNext({ kind: 'rate-limit', retryAfterSeconds: 3 });
    const error = await failure(provider().send({ to: '+48600100200', text: 'x', reference: 'r' }));
    expect(error).toMatchObject({ retryable: true, providerCode: '20429', retryAfterMs: 3000 });
  });

  it('retries an unreadable success answer', async () => {
    fake.failNext({ kind: 'malformed-json' });
    expect(await failure(provider().send({ to: '+48600100200', text: 'x', reference: 'r' }))).toMatchObject({
      retryable: true,
      providerCode: 'malformed-response',
    });
  });

  it.each([
    [21610, 400, false],
    [21614, 400, false],
    [21408, 400, false],
    [21606, 400, false],
    [14107, 429, true],
    [20500, 500, true],
  ])('maps Twilio error %i (HTTP %i) to retryable=%s', async (code, status, retryable) => {
    fake.failNext({ kind: 'error', code, status });
    expect(await failure(provider().send({ to: '+48600100200', text: 'x', reference: 'r' }))).toMatchObject({
      retryable,
      providerCode: String(code),
    });
  });
});

describe('sms-twilio plugin', () => {
  it('registers "twilio" and reads credentials from the environment', () => {
    expect(createPluginRegistry([twilio()]).names('smsProviders')).toEqual(['twilio']);
    expect(parseTwilioOptions({ from: '+48732100100' }, { TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' })).toEqual(
      { accountSid: 'AC1', authToken: 't', from: '+48732100100' },
    );
  });

  it('names the plugin and the fix for missing or wrong options', () => {
    expect(() => parseTwilioOptions({ from: '+48732100100' }, {})).toThrow(/sms-twilio.*TWILIO_ACCOUNT_SID/);
    expect(() => parseTwilioOptions({ accountSid: 'AC1', authToken: 't' }, {})).toThrow(
      /sms-twilio.*messagingServiceSid/,
    );
    expect(() =>
      parseTwilioOptions({ accountSid: 'AC1', authToken: 't', from: '+1', statusCallbackUrl: '/hooks' }, {}),
    ).toThrow(/statusCallbackUrl/);
  });
});
