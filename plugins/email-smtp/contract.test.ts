import { emailTransportContract } from '../../tests/contracts/email-transport.contract.ts';
import { startTestSmtpServer } from '../../tests/fakes/smtp-server.ts';
import { createSmtpTransport } from './smtp-transport.ts';

emailTransportContract('email-smtp (real local SMTP server)', async () => {
  const server = await startTestSmtpServer({ refuse: ['nie-istnieje@example.test'] });
  return {
    transport: createSmtpTransport({
      host: server.host,
      port: server.port,
      from: 'Biuro Kredytowe <biuro@kredyty.example.test>',
    }),
    from: 'biuro@kredyty.example.test',
    received: server.received,
    refusedRecipient: 'nie-istnieje@example.test',
    failNextSend: server.failNext,
    close: server.close,
  };
});
