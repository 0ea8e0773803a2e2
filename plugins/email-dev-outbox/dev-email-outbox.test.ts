import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../tests/fakes/smtp-server.ts';
import emailDevOutbox from './index.ts';

describe('email-dev-outbox', () => {
  it('writes each message as an .eml file a mail program can open', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'mail-outbox-'));
    try {
      const transport = emailDevOutbox().emailTransports!['dev-outbox']!({ directory });
      await transport.send({
        to: ['klient@example.test'],
        subject: 'Spotkanie w Łodzi',
        text: 'Zapraszamy.',
        reference: 'r/1',
      });
      const files = await readdir(directory);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d+-r%2F1\.eml$/);
      const parsed = await parseEmail(await readFile(join(directory, files[0]!)));
      expect(parsed).toMatchObject({
        subject: 'Spotkanie w Łodzi',
        to: ['klient@example.test'],
        from: 'crm@localhost',
      });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('shows the dev view every message from every transport it created', async () => {
    const plugin = emailDevOutbox();
    await plugin.emailTransports!['dev-outbox']!({}).send({
      to: ['a@example.test'],
      subject: 'Jeden',
      text: '.',
      reference: '1',
    });
    await plugin.emailTransports!['dev-outbox']!({}).send({
      to: ['b@example.test'],
      subject: 'Dwa',
      text: '.',
      reference: '2',
    });
    expect(plugin.messages().map((m) => m.subject)).toEqual(['Jeden', 'Dwa']);
  });

  it('names the plugin in an error about its options', () => {
    expect(() => emailDevOutbox().emailTransports!['dev-outbox']!({ directory: 5 })).toThrow(
      /email-dev-outbox.*directory/,
    );
  });
});
