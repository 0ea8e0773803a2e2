import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPluginRegistry, type SmsProvider } from 'broker-crm/plugin';
import smsDevOutbox, { createDevOutboxProvider } from './index.ts';

describe('sms-dev-outbox', () => {
  it('appends one JSON line per message to the file option, Polish letters intact', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sms-outbox-'));
    try {
      const filePath = join(dir, 'outbox.jsonl');
      const plugin = smsDevOutbox();
      const sms = plugin.smsProviders!['dev-outbox']!({ filePath });
      await sms.send({ to: '+48600100200', text: 'Spotkanie w Łodzi', reference: 'a' });
      await sms.send({ to: '+48600100201', text: 'Drugie', reference: 'b', sender: 'Broker' });
      await sms.send({ to: '+48600100201', text: 'Drugie', reference: 'b' }); // duplicate: not written again
      const lines = (await readFile(filePath, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.reference, l.to, l.text])).toEqual([
        ['a', '+48600100200', 'Spotkanie w Łodzi'],
        ['b', '+48600100201', 'Drugie'],
      ]);
      expect(lines[1].sender).toBe('Broker');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets the dev view read every message through the plugin, via the registry', async () => {
    const plugin = smsDevOutbox();
    const registry = createPluginRegistry([plugin]);
    const factory = registry.get('smsProviders', 'dev-outbox')!.value as (o: Record<string, unknown>) => SmsProvider;
    await factory({}).send({ to: '+48600100200', text: 'Jeden', reference: 'r1' });
    await factory({}).send({ to: '+48600100201', text: 'Dwa', reference: 'r2' });
    expect(plugin.messages().map((m) => m.text)).toEqual(['Jeden', 'Dwa']);
  });

  it('keeps only the newest messages when told to', async () => {
    const sms = createDevOutboxProvider({ keep: 2 });
    for (const ref of ['1', '2', '3']) await sms.send({ to: '+48600100200', text: ref, reference: ref });
    expect(sms.messages().map((m) => m.text)).toEqual(['2', '3']);
  });

  it('names the plugin in an error about its options', () => {
    expect(() => smsDevOutbox().smsProviders!['dev-outbox']!({ keep: -1 })).toThrow(/sms-dev-outbox.*keep/);
  });
});
