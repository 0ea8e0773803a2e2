/**
 * @module tests/register-art30
 * Issue 16 item 4, on both engines: the record of processing activities (GDPR Art. 30) generated from
 * the demo firm's config names every configured purpose with its lawful basis, every encrypted field,
 * the partner firms and gateways as recipients and the retention rules (or says they are not
 * configured); over HTTP it needs `config:read`, and its PDF reads back (pdftotext) with the purposes
 * and the encrypted fields in Polish.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { clientFields, clientKinds } from '../core/clients/index.ts';
import { purposesOf } from '../core/consents/index.ts';
import { createHttpApi } from '../core/http/index.ts';
import { buildRegister } from '../core/processing-register/index.ts';
import { describeEngines } from './engines.ts';
import { httpCaller } from './fixtures/http-caller.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const pdfText = (bytes: Uint8Array) => {
  const file = join(mkdtempSync(join(tmpdir(), 'crm-register-')), 'register.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
};

describeEngines('Art. 30 register', (database) => {
  let f: SmallFirm;
  let call: ReturnType<typeof httpCaller>;
  beforeAll(async () => {
    f = await smallFirm(database());
    const app = createHttpApi(f.crm, { log: () => {} });
    call = httpCaller(() => app);
  });

  it('names every configured purpose with its basis, every encrypted field, the recipients and retention', async () => {
    const config = f.crm.config;
    const r = await buildRegister(await f.crm.asUser(f.users.admin.id));
    const configured = purposesOf(config);
    expect(configured.length).toBeGreaterThanOrEqual(6);
    expect(r.purposes.map((p) => [p.id, p.article])).toEqual(
      configured.map((p) => [
        p.id,
        {
          consent: 'Art. 6(1)(a)',
          contract: 'Art. 6(1)(b)',
          'legal-obligation': 'Art. 6(1)(c)',
          'legitimate-interest': 'Art. 6(1)(f)',
        }[p.basis],
      ]),
    );
    expect(r.purposes.find((p) => p.id === 'sms-reminders')).toMatchObject({ gates: ['meeting-reminder'] });
    const encrypted = new Set(
      clientKinds.flatMap((k) =>
        [...clientFields(config)[k].fields.values()].filter((x) => x.encrypted).map((x) => x.name),
      ),
    );
    expect(new Set(r.encryptedFields)).toEqual(encrypted);
    expect([...encrypted]).toEqual(expect.arrayContaining(['pesel', 'phone', 'email', 'netMonthlyIncomeMinor', 'nip']));
    const identifiers = r.dataCategories.find((c) => c.category === 'identifier')!;
    expect(identifiers.fields.map((x) => x.name)).toEqual(
      expect.arrayContaining(['pesel', 'nip', 'regon', 'bankAccount']),
    );
    const contact = r.dataCategories.find((c) => c.category === 'contact')!;
    expect(contact.fields.map((x) => x.name)).toEqual(expect.arrayContaining(['phone', 'email']));
    expect(r.recipients.find((x) => x.category === 'partners')?.names).toEqual(['Biuro Nieruchomości Bursztyn']);
    expect(r.recipients.map((x) => x.category)).toEqual(['providers', 'partners', 'sms-gateway', 'email']);
    const rules = (config as unknown as { retention?: { rules?: Array<{ id: string }> } }).retention?.rules ?? [];
    expect(r.retention.configured).toBe(rules.length > 0);
    expect(r.retention.rules.map((x) => x.id)).toEqual(rules.map((x) => x.id));
    expect(r.controller.name).toBe(config.firm.name);
  });

  it('over HTTP needs config:read; the PDF reads back with the purposes and encrypted fields', async () => {
    expect((await call('anna.nowak@kredyt-dom.pl', 'GET', '/api/gdpr/register')).status).toBe(403);
    const json = await call('admin@kredyt-dom.pl', 'GET', '/api/gdpr/register');
    expect(json.status).toBe(200);
    expect(json.body.purposes).toHaveLength(purposesOf(f.crm.config).length);
    const pdf = await call('admin@kredyt-dom.pl', 'GET', '/api/gdpr/register?format=pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = pdfText(pdf.body as Uint8Array).replace(/\s+/g, ' ');
    expect(text).toContain('Rejestr czynności przetwarzania (art. 30 RODO)');
    for (const p of purposesOf(f.crm.config)) expect(text).toContain(`[${p.id}]`);
    for (const words of ['Art. 6(1)(a)', 'Art. 6(1)(b)', 'Art. 6(1)(c)', 'Art. 6(1)(f)', 'PESEL (szyfrowane)'])
      expect(text).toContain(words);
  });
});
