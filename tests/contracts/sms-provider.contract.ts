/**
 * @module contracts/sms-provider
 * The behaviour every SMS provider plugin must show, run against each one (dev outbox, SMSAPI and
 * Twilio through local servers speaking their APIs). The outbox worker relies on exactly this:
 * a message id on success, `retryable: false` only when retrying cannot help, `retryable: true`
 * when the gateway may come back, and a stated answer to "what if the same reference is sent twice".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SmsSendError, type SmsProvider } from 'broker-crm/plugin';

export interface SmsContractHarness {
  provider: SmsProvider;
  /** A recipient this gateway refuses for good (malformed or non-existent number). */
  invalidNumber: string;
  /** What the gateway accepted for delivery under this reference, in order. */
  delivered(reference: string): Array<{ to: string; text: string }>;
  /** Make the next send fail the way an unavailable gateway fails (HTTP 5xx, an outage). */
  failNextSend(): void;
  /**
   * Make the next send hang, and return a provider for the same gateway with a short time-out to
   * send it with (the main `provider` keeps a generous one so a busy machine cannot fail the other
   * cases). Omit where nothing can hang.
   */
  hangNextSend?: () => SmsProvider;
  /**
   * What a second send with an already-sent reference does: `deduplicated` gateways accept the call
   * and deliver nothing new; `delivered-again` gateways have no idempotency key and send it again
   * (the outbox must then record before sending and reconcile; see the plugin's README).
   */
  duplicates: 'deduplicated' | 'delivered-again';
  close(): Promise<void>;
}

const POLISH_TEXT =
  'Przypomnienie: spotkanie jutro o 10:00, ul. Świętokrzyska 12, Łódź. Zażółć gęślą jaźń — do zobaczenia!';

async function sendError(promise: Promise<unknown>): Promise<SmsSendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SmsSendError);
    return error as SmsSendError;
  }
  throw new Error('expected the send to fail');
}

/**
 * @example
 * smsProviderContract('sms-smsapi', async () => ({ provider, invalidNumber: '+48123', ... }));
 */
export function smsProviderContract(name: string, setup: () => Promise<SmsContractHarness>): void {
  describe(`SMS provider contract: ${name}`, () => {
    let h: SmsContractHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    it('sends a Polish (UCS-2) text intact and returns the provider message id', async () => {
      const result = await h.provider.send({ to: '+48600100200', text: POLISH_TEXT, reference: 'ref-polish' });
      expect(result.providerMessageId).toMatch(/\S/);
      expect(result.status).toMatch(/\S/);
      expect(h.delivered('ref-polish')).toEqual([{ to: '+48600100200', text: POLISH_TEXT }]);
    });

    it('gives up (retryable: false) on an invalid number, and delivers nothing', async () => {
      const error = await sendError(h.provider.send({ to: h.invalidNumber, text: 'Test', reference: 'ref-invalid' }));
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/\S/);
      expect(h.delivered('ref-invalid')).toEqual([]);
    });

    it('asks to retry (retryable: true) when the gateway is down, and the retry goes through once', async () => {
      h.failNextSend();
      const error = await sendError(h.provider.send({ to: '+48600100201', text: 'Test', reference: 'ref-outage' }));
      expect(error.retryable).toBe(true);
      await h.provider.send({ to: '+48600100201', text: 'Test', reference: 'ref-outage' });
      expect(h.delivered('ref-outage')).toHaveLength(1);
    });

    it('asks to retry (retryable: true) when the gateway does not answer in time', async (ctx) => {
      if (!h.hangNextSend) return ctx.skip();
      const impatient = h.hangNextSend();
      const error = await sendError(impatient.send({ to: '+48600100202', text: 'Test', reference: 'ref-hang' }));
      expect(error.retryable).toBe(true);
    });

    it('reports what happens when the same reference is sent twice', async () => {
      const message = { to: '+48600100203', text: 'Jedno przypomnienie', reference: 'ref-twice' };
      const first = await h.provider.send(message);
      const second = await h.provider.send(message);
      expect(second.providerMessageId).toMatch(/\S/);
      if (h.duplicates === 'deduplicated') {
        expect(h.delivered('ref-twice')).toHaveLength(1);
      } else {
        expect(h.delivered('ref-twice')).toHaveLength(2);
        expect(second.providerMessageId).not.toBe(first.providerMessageId);
      }
    });
  });
}
