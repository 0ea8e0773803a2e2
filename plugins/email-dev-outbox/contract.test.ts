import { emailTransportContract } from '../../tests/contracts/email-transport.contract.ts';
import { parseEmail } from '../../tests/fakes/smtp-server.ts';
import { createDevEmailOutbox } from './dev-email-outbox.ts';

emailTransportContract('email-dev-outbox', async () => {
  const transport = createDevEmailOutbox({ from: 'Biuro Kredytowe <biuro@kredyty.example.test>' });
  return {
    transport,
    from: 'biuro@kredyty.example.test',
    received: () => Promise.all(transport.messages().map((m) => parseEmail(m.raw))),
    refusedRecipient: 'bez-malpy.example.test',
    failNextSend: () => transport.simulateOutage(1),
    close: async () => {},
  };
});
