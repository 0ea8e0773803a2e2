import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from '../core/clients/create-client.ts';
import { createHttpApi } from '../core/http/app.ts';
import { receiveLead } from '../core/leads/intake.ts';
import { createOutboxWorker } from '../core/notifications/worker.ts';
import { createPartner, type Partner } from '../core/partners/partners.ts';
import { addPartnerPerson, createPartnerLogin } from '../core/partners/people.ts';
import { buildPartnerReport, sendDuePartnerReports } from '../core/partners/report.ts';
import { subscribePartnerReport } from '../core/partners/subscriptions.ts';
import { recordActivity } from '../core/workflow/activities.ts';
import { transition } from '../core/workflow/transition.ts';
import { createSmtpTransport } from '../plugins/email-smtp/index.ts';
import { describeEngines } from './engines.ts';
import { startTestSmtpServer, type TestSmtpServer } from './fakes/smtp-server.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

type App = ReturnType<typeof createHttpApi>;
/** Canary personal and financial data planted in every client: none of it may reach a partner. */
const CANARY = {
  firstName: 'Kanarek',
  lastName: 'Żółtodziobski',
  pesel: '44051401359',
  idCardNumber: 'KNR 123456',
  phone: '+48 607 123 987',
  email: 'kanarek.tajny@poczta.example',
  street: 'ul. Ptasia 13/7',
  postalCode: '80-123',
  netMonthlyIncomeMinor: 987654321,
};
const needles = [
  'Kanarek',
  'Żółtodziobski',
  'Zoltodziobski',
  '44051401359',
  'KNR 123456',
  '607123987',
  '607 123 987',
  'kanarek.tajny',
  'Ptasia',
  '80-123',
  '987654321',
  '9876543,21',
  '9 876 543,21',
];
const leaks = (text: string) => needles.filter((n) => text.includes(n));

describeEngines('partner portal and reports', (database) => {
  let f: SmallFirm;
  let app: App;
  let agency: Partner;
  let other: Partner;
  let smtp: TestSmtpServer;
  const referred: string[] = [];
  const foreign: string[] = [];
  let partnerEmail = '';

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    const admin = await f.crm.asUser(f.users.admin.id);
    agency = await createPartner(admin, {
      name: 'Bursztyn Nieruchomości',
      type: 'real-estate-agency',
      contactEmails: ['raporty@bursztyn.example'],
    });
    other = await createPartner(admin, { name: 'Inny Deweloper', type: 'developer' });
    const jola = await addPartnerPerson(admin, agency.id, { name: 'Jolanta Agentka', email: 'jola@bursztyn.example' });
    partnerEmail = (await createPartnerLogin(admin, agency.id, jola.id, { password: PASSWORD })).email;
    const anna = await f.crm.asUser(f.users.anna.id);
    const plant = async (partnerId: string | null, i: number) => {
      const c = await createClient(anna, {
        kind: 'person',
        type: partnerId ? 'partner-referred' : 'private',
        source: partnerId ? 'real-estate-agency' : null,
        partnerId,
        data: {
          ...CANARY,
          pesel: i === 0 ? CANARY.pesel : undefined,
          phone: `+48 607 123 98${i}`,
          email: `kanarek.tajny${i}@poczta.example`,
        } as Record<string, unknown>,
      });
      await recordActivity(anna, c.id, { type: 'call', outcome: 'reached' });
      return c.id;
    };
    for (let i = 0; i < 2; i++) referred.push(await plant(agency.id, i));
    foreign.push(await plant(other.id, 2), await plant(null, 3));
    f.clock.advance(86_400_000);
    await transition(anna, referred[0]!, { to: 'contact' });
    const lead = await receiveLead(
      f.crm.runtime,
      { kind: 'actor', actor: admin.actor },
      {
        clientType: 'partner-referred',
        source: 'real-estate-agency',
        partner: { id: agency.id, personId: jola.id, reference: 'BN-2026-042' },
        data: {
          firstName: CANARY.firstName,
          lastName: CANARY.lastName,
          phone: '+48 607 123 989',
          email: 'kanarek.tajny9@poczta.example',
        },
        consents: [{ purpose: 'contact', version: '2026-01' }],
      },
    );
    const [row] = await database()
      .db.select()
      .from(database().t.leads)
      .where(eq(database().t.leads.id, String(lead.body.id)));
    referred.push(row!.clientId);
  });
  afterAll(async () => {
    await smtp.close();
  });

  async function partnerSession() {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: partnerEmail, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
      csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
    };
  }

  it('shows a partner its referred clients: reference, status, dates, advisor, branch; no personal data', async () => {
    const { cookie } = await partnerSession();
    const res = await app.request('/api/partner-portal/clients', { headers: { cookie } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(leaks(text)).toEqual([]);
    const items = (JSON.parse(text) as { items: Array<Record<string, unknown>> }).items;
    expect(items.map((i) => i.id).sort()).toEqual([...referred].sort());
    const moved = items.find((i) => i.id === referred[0])!;
    expect(moved).toMatchObject({
      status: 'contact',
      advisor: { name: 'Anna Nowak' },
      branch: { name: 'Gdańsk Wrzeszcz' },
    });
    expect((moved.statusChanges as unknown[]).length).toBe(2);
    expect(items.find((i) => i.id === referred[2])!.reference).toBe('BN-2026-042');
    expect(Object.keys(moved).sort()).toEqual([
      'advisor',
      'branch',
      'code',
      'id',
      'partnerReference',
      'reference',
      'referredAt',
      'status',
      'statusChanges',
      'statusLabel',
    ]);
  });

  it('answers 404 for a client the partner did not refer, the same as for one that does not exist', async () => {
    const { cookie } = await partnerSession();
    for (const path of ['/api/partner-portal/clients/', '/api/clients/']) {
      const a = await app.request(`${path}${foreign[0]}`, { headers: { cookie } });
      const b = await app.request(`${path}01900000-0000-7000-8000-000000000000`, { headers: { cookie } });
      expect([a.status, b.status]).toEqual([404, 404]);
      const strip = (s: string) => s.replace(/[0-9a-f-]{36}/g, 'ID');
      expect(strip(await a.text())).toBe(strip(await b.text()));
    }
  });

  it('crawls every API route as the partner, finds no planted personal or financial data in any response', async () => {
    const { cookie, csrf } = await partnerSession();
    const doc = (await (await app.request('/api/openapi.json', { headers: { cookie } })).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const ids = [referred[0]!, foreign[0]!, agency.id, other.id];
    let calls = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (path === '/api/auth/logout') continue;
      const params = path.match(/\{[^}]+\}/g) ?? [];
      const urls = params.length ? ids.map((id) => path.replace(/\{[^}]+\}/g, id)) : [path];
      for (const method of Object.keys(ops)) {
        for (const url of urls) {
          const write = method !== 'get' && method !== 'options';
          const res = await app.request(url, {
            method: method.toUpperCase(),
            headers: { cookie, ...(write ? { 'content-type': 'application/json', 'x-csrf-token': csrf } : {}) },
            ...(write ? { body: '{}' } : {}),
          });
          calls++;
          const body = await res.text();
          expect(leaks(body), `${method.toUpperCase()} ${url} → ${res.status}`).toEqual([]);
          expect(res.status, `${method.toUpperCase()} ${url}`).toBeLessThan(500);
        }
      }
    }
    expect(calls).toBeGreaterThan(60);
  });

  it('e-mails a monthly partner report PDF through the outbox to a real SMTP server, no personal data', async () => {
    const admin = await f.crm.asUser(f.users.admin.id);
    await subscribePartnerReport(admin, agency.id, { frequency: 'monthly', emails: ['raporty@bursztyn.example'] });
    f.clock.set('2026-04-02T06:00:00Z');
    expect(await sendDuePartnerReports(f.crm.runtime)).toBe(1);
    expect(await sendDuePartnerReports(f.crm.runtime)).toBe(0); // once per period
    const report = await buildPartnerReport(f.crm.system(), agency.id, {
      from: new Date('2026-02-28T23:00:00Z'),
      to: new Date('2026-03-31T22:00:00Z'),
    });
    expect(report.counts).toMatchObject({ referred: 3, newReferrals: 3, statusChanges: 1 });
    expect(leaks(JSON.stringify(report))).toEqual([]);
    const worker = createOutboxWorker(f.crm.runtime, {
      email: createSmtpTransport({ host: smtp.host, port: smtp.port, from: 'Kredyt-Dom <raporty@kredyt-dom.example>' }),
      log: () => {},
    });
    expect((await worker.runOnce()).sent).toBeGreaterThanOrEqual(1);
    const mail = (await smtp.received()).find((m) => m.to.includes('raporty@bursztyn.example'))!;
    expect(mail.subject).toContain('Raport partnera');
    expect(mail.text).toContain('BN-2026-042');
    expect(mail.attachments).toEqual([expect.objectContaining({ contentType: 'application/pdf' })]);
    expect(Buffer.from(mail.attachments[0]!.content).subarray(0, 5).toString()).toBe('%PDF-');
    const raw = smtp.raw.map((b) => b.toString('utf8')).join('\n');
    expect(leaks(`${mail.subject}\n${mail.text}\n${raw}`)).toEqual([]);
  });
});
