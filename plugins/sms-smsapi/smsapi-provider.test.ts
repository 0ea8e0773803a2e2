import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPluginRegistry, SmsSendError } from 'broker-crm/plugin';
import { startSmsapiFake, type SmsapiFake } from '../../tests/fakes/smsapi-server.ts';
import smsapi, { parseSmsapiOptions } from './index.ts';
import { createSmsapiProvider } from './smsapi-provider.ts';

let fake: SmsapiFake;
beforeEach(async () => {
  fake = await startSmsapiFake({ pointsPerPart: 0.16 });
});
afterEach(async () => {
  await fake.close();
});

const provider = (extra: { token?: string; sender?: string; timeoutMs?: number } = {}) =>
  createSmsapiProvider({ token: fake.token, baseUrl: fake.url, ...extra });

async function failure(promise: Promise<unknown>): Promise<SmsSendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

describe('sms-smsapi provider', () => {
  it('sends the number without "+", our reference as idx, and the sender name', async () => {
    await provider({ sender: 'MojBroker' }).send({ to: '+48600100200', text: 'Hej', reference: 'r-1' });
    await provider({ sender: 'MojBroker' }).send({
      to: '+48600100201',
      text: 'Hej',
      reference: 'r-2',
      sender: 'Oddzial',
    });
    expect(fake.messages.map((m) => [m.number, m.idx, m.from])).toEqual([
      ['48600100200', 'r-1', 'MojBroker'],
      ['48600100201', 'r-2', 'Oddzial'],
    ]);
  });

  it('turns points into grosze and reports parts: a 2-part Polish text at 0.16 per part costs 32 gr', async () => {
    const result = await provider().send({ to: '+48600100200', text: 'ż'.repeat(71), reference: 'r-cost' });
    expect(result).toMatchObject({ status: 'QUEUE', parts: 2, costMinor: 32 });
  });

  it('survives a lost answer: the retry with the same idx is acknowledged and the gateway sent it once', async () => {
    fake.failNext({ kind: 'accept-then-hang' });
    const sms = provider();
    const message = { to: '+48600100200', text: 'Przypomnienie o spotkaniu', reference: 'meeting-42-reminder-1' };
    // The worker gives up (or dies) after SMSAPI has the message but before the answer arrives.
    const controller = new AbortController();
    const first = sms.send(message, { signal: controller.signal });
    await fake.nextAccepted();
    controller.abort();
    expect((await failure(first)).retryable).toBe(true);
    await expect(sms.send(message)).resolves.toMatchObject({
      status: 'DUPLICATE',
      providerMessageId: 'idx:meeting-42-reminder-1',
    });
    expect(fake.sentCount('meeting-42-reminder-1')).toBe(1);
    expect(fake.requests).toBe(2);
  });

  it('gives up on a wrong token', async () => {
    const error = await failure(provider({ token: 'wrong' }).send({ to: '+48600100200', text: 'x', reference: 'r' }));
    expect(error).toMatchObject({ retryable: false, providerCode: '101' });
    expect(error.message).toMatch(/token/);
  });

  it('retries after a rate limit, passing on Retry-After', async () => {
    fake.failNext({ kind: 'rate-limit', retryAfterSeconds: 2 });
    const error = await failure(provider().send({ to: '+48600100200', text: 'x', reference: 'r' }));
    expect(error).toMatchObject({ retryable: true, providerCode: 'http-429', retryAfterMs: 2000 });
  });

  it('retries an unreadable answer (it may have been sent; the idx makes the retry safe)', async () => {
    fake.failNext({ kind: 'malformed-json' });
    const error = await failure(provider().send({ to: '+48600100200', text: 'x', reference: 'r' }));
    expect(error).toMatchObject({ retryable: true, providerCode: 'malformed-response' });
  });

  it.each([
    [13, false, undefined],
    [14, false, undefined],
    [101, false, undefined],
    [11, false, undefined],
    [52, true, 60_000],
    [103, true, 600_000],
    [201, true, undefined],
  ])('maps SMSAPI error %i to retryable=%s', async (code, retryable, retryAfterMs) => {
    fake.failNext({ kind: 'error', code });
    const error = await failure(provider().send({ to: '+48600100200', text: 'x', reference: 'r' }));
    expect(error).toMatchObject({ retryable, providerCode: String(code), retryAfterMs });
  });

  it('stops when the caller aborts, as a retryable failure', async () => {
    fake.failNext({ kind: 'hang' });
    const controller = new AbortController();
    const sending = createSmsapiProvider({ token: fake.token, baseUrl: fake.url }).send(
      { to: '+48600100200', text: 'x', reference: 'r' },
      { signal: controller.signal },
    );
    controller.abort();
    expect(await failure(sending)).toMatchObject({ retryable: true, providerCode: 'aborted' });
  });
});

describe('sms-smsapi plugin', () => {
  it('registers "smsapi" and reads the token from SMSAPI_TOKEN when the option is absent', () => {
    expect(createPluginRegistry([smsapi()]).names('smsProviders')).toEqual(['smsapi']);
    expect(parseSmsapiOptions({ sender: 'X' }, { SMSAPI_TOKEN: 'from-env' })).toEqual({
      token: 'from-env',
      sender: 'X',
    });
    expect(parseSmsapiOptions({ token: 'opt' }, { SMSAPI_TOKEN: 'from-env' }).token).toBe('opt');
  });

  it('names the plugin and the fix when the token is missing or an option is wrong', () => {
    expect(() => parseSmsapiOptions({}, {})).toThrow(/sms-smsapi.*SMSAPI_TOKEN/);
    expect(() => parseSmsapiOptions({ token: 't', timeoutMs: '5s' }, {})).toThrow(/sms-smsapi.*timeoutMs/);
  });
});
