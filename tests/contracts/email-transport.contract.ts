/**
 * @module contracts/email-transport
 * The behaviour every e-mail transport plugin must show (SMTP against a real local SMTP server,
 * the dev outbox in memory). The outbox worker relies on it: what arrives is what was sent
 * (Polish letters, attachments byte for byte), the Message-ID comes from our reference so a resend
 * is recognisable, and a failure says whether retrying can help (`retryable` on the error).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmailMessage, EmailTransport } from 'broker-crm/plugin';
import type { ReceivedEmail } from '../fakes/smtp-server.ts';

export interface EmailContractHarness {
  transport: EmailTransport;
  /** The sender address the transport was configured with. */
  from: string;
  /** Everything that arrived, parsed as a mail client would show it. */
  received(): Promise<ReceivedEmail[]>;
  /** An address the receiving side refuses for good. */
  refusedRecipient: string;
  /** Make the next send fail in a way that may pass later (a 4xx reply, an outage). */
  failNextSend(): void;
  close(): Promise<void>;
}

/** A small but real PDF, so the attachment check compares meaningful bytes. */
const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);

const message = (reference: string, extra: Partial<EmailMessage> = {}): EmailMessage => ({
  to: ['klient@example.test'],
  subject: 'Zestawienie prowizji — październik',
  text: 'Dzień dobry,\nw załączniku zestawienie. Zażółć gęślą jaźń.\nPozdrawiamy',
  reference,
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<Error & { retryable?: unknown }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error & { retryable?: unknown };
}

/**
 * @example
 * emailTransportContract('email-smtp', async () => ({ transport, from, received, ... }));
 */
export function emailTransportContract(name: string, setup: () => Promise<EmailContractHarness>): void {
  describe(`e-mail transport contract: ${name}`, () => {
    let h: EmailContractHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.transport.close?.();
      await h.close();
    });

    it('delivers subject, recipients, Polish text, HTML and a PDF attachment intact', async () => {
      const result = await h.transport.send(
        message('ref-1', {
          to: ['klient@example.test', 'doradca@example.test'],
          html: '<p>Dzień dobry, <b>Łódź</b></p>',
          attachments: [{ filename: 'zestawienie-październik.pdf', content: PDF, contentType: 'application/pdf' }],
        }),
      );
      const [mail] = await h.received();
      expect(mail).toBeDefined();
      expect(mail!.messageId).toBe(result.messageId);
      expect(mail!.from).toBe(h.from);
      expect(mail!.to).toEqual(['klient@example.test', 'doradca@example.test']);
      expect(mail!.subject).toBe('Zestawienie prowizji — październik');
      expect(mail!.text?.trim()).toBe('Dzień dobry,\nw załączniku zestawienie. Zażółć gęślą jaźń.\nPozdrawiamy');
      expect(mail!.html).toContain('<b>Łódź</b>');
      expect(mail!.attachments).toHaveLength(1);
      expect(mail!.attachments[0]).toMatchObject({
        filename: 'zestawienie-październik.pdf',
        contentType: 'application/pdf',
      });
      expect(Buffer.from(mail!.attachments[0]!.content).equals(Buffer.from(PDF))).toBe(true);
    });

    it('derives the Message-ID from the reference, so a resend carries the same one', async () => {
      const first = await h.transport.send(message('0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b'));
      const again = await h.transport.send(message('0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b'));
      const other = await h.transport.send(message('0193a1b2-7c3d-7e4f-8a9b-ffffffffffff'));
      expect(first.messageId).toMatch(/^<0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b@[^>]+>$/);
      expect(again.messageId).toBe(first.messageId);
      expect(other.messageId).not.toBe(first.messageId);
      const ids = (await h.received()).map((m) => m.messageId);
      expect(ids).toEqual([first.messageId, first.messageId, other.messageId]);
    });

    it('gives up (retryable: false) when the only recipient is refused, and nothing arrives', async () => {
      const error = await failure(h.transport.send(message('ref-refused', { to: [h.refusedRecipient] })));
      expect(error.retryable).toBe(false);
      expect(await h.received()).toEqual([]);
    });

    it('asks to retry (retryable: true) after a transient failure, and the retry arrives once', async () => {
      h.failNextSend();
      const error = await failure(h.transport.send(message('ref-transient')));
      expect(error.retryable).toBe(true);
      await h.transport.send(message('ref-transient'));
      expect(await h.received()).toHaveLength(1);
    });
  });
}
