import { describe, expect, it } from 'vitest';
import { createPluginRegistry } from 'broker-crm/plugin';
import { startTestSmtpServer } from '../../tests/fakes/smtp-server.ts';
import smtp, { EmailSendError, messageIdFor, parseSmtpOptions } from './index.ts';
import { createSmtpTransport } from './smtp-transport.ts';

const from = 'Biuro <biuro@kredyty.example.test>';
const mail = { to: ['klient@example.test'], subject: 'Umowa', text: 'W załączniku.', reference: 'r-1' };

async function failure(promise: Promise<unknown>): Promise<EmailSendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmailSendError);
  return error as EmailSendError;
}

describe('email-smtp transport', () => {
  it('logs in, and gives up on a wrong password (535)', async () => {
    const server = await startTestSmtpServer({ auth: { user: 'crm', pass: 'sekret' } });
    try {
      const good = createSmtpTransport({
        host: server.host,
        port: server.port,
        from,
        auth: { user: 'crm', pass: 'sekret' },
      });
      await good.send(mail);
      await good.close();
      const bad = createSmtpTransport({
        host: server.host,
        port: server.port,
        from,
        auth: { user: 'crm', pass: 'zle' },
      });
      expect(await failure(bad.send(mail))).toMatchObject({ retryable: false, providerCode: '535' });
      await bad.close();
      expect(await server.received()).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('sends to the recipients the server accepts and reports the refused ones, without failing', async () => {
    const server = await startTestSmtpServer({ refuse: ['stary@example.test'] });
    try {
      const transport = createSmtpTransport({ host: server.host, port: server.port, from });
      const result = await transport.send({ ...mail, to: ['klient@example.test', 'stary@example.test'] });
      expect(result.rejected).toEqual(['stary@example.test']);
      expect(server.raw).toHaveLength(1);
      await transport.close();
    } finally {
      await server.close();
    }
  });

  it('asks to retry when no server answers', async () => {
    const server = await startTestSmtpServer();
    await server.close();
    const transport = createSmtpTransport({ host: server.host, port: server.port, from, timeoutMs: 2000 });
    const error = await failure(transport.send(mail));
    expect(error.retryable).toBe(true);
    expect(error.providerCode).toMatch(/^E(SOCKET|CONNECTION)$/); // connection refused
  });
});

describe('messageIdFor', () => {
  it('keeps uuids as they are and escapes anything else reversibly', () => {
    expect(messageIdFor('0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b', 'x.pl')).toBe(
      '<0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b@x.pl>',
    );
    expect(messageIdFor('a.b', 'x.pl')).toBe('<a=2Eb@x.pl>');
    expect(messageIdFor('a=2Eb', 'x.pl')).toBe('<a=3D2Eb@x.pl>');
    expect(messageIdFor('ż <x>', 'x.pl')).toBe('<=C5=BC=20=3Cx=3E@x.pl>');
  });
});

describe('email-smtp plugin', () => {
  it('registers "smtp" and takes the login from SMTP_USER / SMTP_PASS', () => {
    expect(createPluginRegistry([smtp()]).names('emailTransports')).toEqual(['smtp']);
    expect(
      parseSmtpOptions({ host: 'smtp.example.pl', from, port: 465, secure: true }, { SMTP_USER: 'u', SMTP_PASS: 'p' }),
    ).toEqual({ host: 'smtp.example.pl', from, port: 465, secure: true, auth: { user: 'u', pass: 'p' } });
  });

  it('names the plugin and the fix for missing or wrong options', () => {
    expect(() => parseSmtpOptions({ from }, {})).toThrow(/email-smtp.*SMTP_HOST/);
    expect(() => parseSmtpOptions({ host: 'h' }, {})).toThrow(/email-smtp.*"from"/);
    expect(() => parseSmtpOptions({ host: 'h', from, user: 'u' }, {})).toThrow(/email-smtp.*"pass"/);
    expect(() => parseSmtpOptions({ host: 'h', from, port: 'smtp' }, {})).toThrow(/email-smtp.*port/);
  });
});
