/**
 * @module tests/consents-ledger
 * Issue 16 item 1, on both engines: the consent ledger per purpose (recorded by phone or on paper with
 * the SHA-256 of the exact text, withdrawn, its state derived from the latest row), the HTTP routes
 * scoped like every client route, the 409 for withdrawing a consent never given (naming the purpose),
 * lead intake writing the ledger, and the send-time check: an SMS reminder to a client who withdrew
 * consent is not sent (the outbox row says why), while a consenting client's goes out.
 */
import { createHash } from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { recheckMeetingReminder } from '../core/calendar/index.ts';
import { createItem } from '../core/calendar/items.ts';
import { updateClient } from '../core/clients/index.ts';
import { getConsents, recordConsent, sendVerdict } from '../core/consents/index.ts';
import { createHttpApi } from '../core/http/index.ts';
import { receiveLead } from '../core/leads/index.ts';
import { createOutboxWorker } from '../core/notifications/index.ts';
import { recheckPartnerReport, sendPartnerReportNow } from '../core/partners/index.ts';
import { buildPartnerReport } from '../core/partners/report.ts';
import type { SmsMessage, SmsProvider } from '../core/plugin/index.ts';
import { describeEngines } from './engines.ts';
import { httpCaller } from './fixtures/http-caller.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const SMS_TEXT_PL =
  'Zgadzam się na otrzymywanie SMS-ów z przypomnieniami o umówionych spotkaniach z doradcą Kredyt-Dom na podany ' +
  'numer telefonu.';

describeEngines('consent ledger', (database) => {
  let f: SmallFirm;
  let call: ReturnType<typeof httpCaller>;
  let mine: string[];
  beforeAll(async () => {
    f = await smallFirm(database());
    const app = createHttpApi(f.crm, { log: () => {} });
    call = httpCaller(() => app);
    mine = f.clients.filter((c) => c.owner === f.users.anna.id && !c.partnerId).map((c) => c.id);
  });

  it('records a consent given by phone with the hash of the exact text, then its withdrawal', async () => {
    const anna = await f.crm.asUser(f.users.anna.id);
    const given = await recordConsent(anna, mine[0]!, {
      purpose: 'sms-reminders',
      action: 'given',
      method: 'phone',
      note: 'Zgoda w rozmowie telefonicznej',
    });
    expect(given).toMatchObject({ state: 'given', version: '1', source: 'ledger', allowsSending: true });
    expect(given.purpose.sha256?.pl).toBe(sha(SMS_TEXT_PL));
    expect(given.history).toEqual([
      expect.objectContaining({
        action: 'given',
        method: 'phone',
        version: '1',
        textHash: sha(SMS_TEXT_PL),
        language: 'pl',
        recordedBy: { id: f.users.anna.id, name: 'Anna Nowak' },
        note: 'Zgoda w rozmowie telefonicznej',
      }),
    ]);
    f.clock.set('2026-03-02T10:00:00Z');
    const withdrawn = await recordConsent(anna, mine[0]!, {
      purpose: 'sms-reminders',
      action: 'withdrawn',
      method: 'email',
    });
    expect(withdrawn).toMatchObject({ state: 'withdrawn', allowsSending: false });
    expect(withdrawn.history.map((e) => e.action)).toEqual(['given', 'withdrawn']);
    const all = await getConsents(anna, mine[0]!);
    const states = Object.fromEntries(all.purposes.map((p) => [p.purpose.id, p.state]));
    expect(states).toMatchObject({
      'credit-intermediation': 'not-needed',
      'legal-obligations': 'not-needed',
      'sms-reminders': 'withdrawn',
      contact: 'none',
      'partner-status-reports': 'not-needed',
    });
  });

  it('over HTTP: state and history in scope, 404 out of scope, 409 naming a purpose never given', async () => {
    const ok = await call('anna.nowak@kredyt-dom.pl', 'GET', `/api/clients/${mine[0]}/consents`);
    expect(ok.status).toBe(200);
    const sms = ok.body.purposes.find((p: { purpose: { id: string } }) => p.purpose.id === 'sms-reminders');
    expect(sms).toMatchObject({ state: 'withdrawn', purpose: { basis: 'consent', current: '1' } });
    expect(sms.history).toHaveLength(2);

    const ewasClient = f.clients.find((c) => c.owner === f.users.ewa.id)!.id;
    const hidden = await call('anna.nowak@kredyt-dom.pl', 'GET', `/api/clients/${ewasClient}/consents`);
    expect(hidden.status).toBe(404);

    const never = await call('anna.nowak@kredyt-dom.pl', 'POST', `/api/clients/${mine[1]}/consents`, {
      purpose: 'marketing',
      action: 'withdrawn',
      method: 'phone',
    });
    expect(never.status).toBe(409);
    expect(never.body.error.message).toContain('"marketing"');
    expect(never.body.error.message).toContain('never given');

    const contract = await call('anna.nowak@kredyt-dom.pl', 'POST', `/api/clients/${mine[1]}/consents`, {
      purpose: 'credit-intermediation',
      action: 'withdrawn',
      method: 'phone',
    });
    expect(contract.status).toBe(422);
    expect(contract.body.error.details.problems[0].path).toBe('/purpose');

    const paper = await call('anna.nowak@kredyt-dom.pl', 'POST', `/api/clients/${mine[1]}/consents`, {
      purpose: 'marketing',
      action: 'given',
      method: 'paper',
      language: 'en',
    });
    expect(paper.status).toBe(201);
    expect(paper.body).toMatchObject({ state: 'given', version: '2026-01' });
    expect(paper.body.history[0].textHash).toBe(sha('I want to hear about loan promotions.'));
  });

  it('a lead writes its consents into the ledger with the version, the text hash and how it came', async () => {
    const admin = await f.crm.asUser(f.users.admin.id);
    const r = await receiveLead(
      f.crm.runtime,
      { kind: 'actor', actor: admin.actor },
      {
        source: 'website-form',
        data: { firstName: 'Lena', lastName: 'Leadowa', phone: '600 700 800' },
        consents: [{ purpose: 'contact', version: '2026-01' }],
      },
    );
    expect(r.status).toBe(201);
    const { db, t } = database();
    const [lead] = await db
      .select()
      .from(t.leads)
      .where(eq(t.leads.id, (r.body as { id: string }).id));
    const rows = await db.select().from(t.leadConsents).where(eq(t.leadConsents.clientId, lead!.clientId));
    expect(rows).toEqual([
      expect.objectContaining({
        purpose: 'contact',
        version: '2026-01',
        action: 'given',
        method: 'import',
        textHash: sha(
          'Zgadzam się na kontakt telefoniczny lub e-mailowy Kredyt-Dom w sprawie mojego zapytania o kredyt.',
        ),
      }),
    ]);
    const consents = await getConsents(admin, lead!.clientId);
    expect(consents.purposes.find((p) => p.purpose.id === 'contact')).toMatchObject({
      state: 'given',
      outdated: false,
    });
  });

  it('an SMS reminder to a client who withdrew consent is not sent; a consenting client gets theirs', async () => {
    const { db, t } = database();
    f.clock.set('2026-03-02T09:00:00Z');
    const sys = f.crm.system('test');
    const [a, b] = [mine[1]!, mine[2]!];
    for (const [id, phone] of [
      [a, '600 100 200'],
      [b, '600 100 300'],
    ] as const)
      await updateClient(sys, id, { version: 1, data: { firstName: 'Jan', lastName: 'Zgodny', phone } });
    const anna = await f.crm.asUser(f.users.anna.id);
    // Both consent in the ledger (no legacy field): reminders are planned for both.
    for (const id of [a, b])
      await recordConsent(anna, id, { purpose: 'sms-reminders', action: 'given', method: 'paper' });
    const meeting = (clientId: string, start: string) =>
      createItem(anna, {
        kind: 'meeting',
        title: 'Spotkanie',
        start,
        end: start.replace('T12', 'T13').replace('T14', 'T15'),
        clientId,
        place: 'ul. Długa 5, Gdańsk',
      });
    const kept = await meeting(a, '2026-03-03T12:00');
    const withdrawn = await meeting(b, '2026-03-03T14:00');
    const planned = await db
      .select()
      .from(t.outbox)
      .where(like(t.outbox.subject, `meeting:${withdrawn.item.id}:%`));
    expect(planned.map((r) => r.status)).toEqual(['pending', 'pending']);
    // After booking, the client withdraws: the queued reminders stay queued until the send-time check.
    f.clock.set('2026-03-02T10:00:00Z');
    await recordConsent(anna, b, { purpose: 'sms-reminders', action: 'withdrawn', method: 'phone' });

    const sent: SmsMessage[] = [];
    const sms: SmsProvider = {
      name: 'test-gateway',
      async send(m) {
        sent.push(m);
        return { providerMessageId: `m${sent.length}`, status: 'QUEUE' };
      },
    };
    f.clock.set('2026-03-02T13:30:00Z'); // both 24 h reminders due
    const worker = createOutboxWorker(f.crm.runtime, {
      sms,
      recheck: { 'meeting-reminder': recheckMeetingReminder },
      log: () => {},
    });
    await worker.runOnce();
    expect(sent.map((m) => m.to)).toEqual(['+48600100200']);
    const rows = async (id: string) =>
      db
        .select({ subject: t.outbox.subject, status: t.outbox.status, skipReason: t.outbox.skipReason })
        .from(t.outbox)
        .where(like(t.outbox.subject, `meeting:${id}:24h`));
    expect(await rows(kept.item.id)).toEqual([expect.objectContaining({ status: 'sent', skipReason: null })]);
    expect(await rows(withdrawn.item.id)).toEqual([
      expect.objectContaining({
        status: 'skipped',
        skipReason: 'the client withdrew consent "sms-reminders" (SMS reminders of meetings) on 2026-03-02',
      }),
    ]);
    // The outbox list shows the reason to people with notifications:read.
    const list = await call(
      'kierownik.gdansk@kredyt-dom.pl',
      'GET',
      `/api/notifications?subject=meeting:${withdrawn.item.id}:24h`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      status: 'skipped',
      skipReason: expect.stringContaining('sms-reminders'),
    });
  });

  it('partner reports: an objection leaves the client out, a queued one skips; a restriction stops all', async () => {
    const { db, t } = database();
    f.clock.set('2026-03-10T09:00:00Z');
    const period = { from: new Date('2026-03-01T00:00:00+01:00'), to: new Date('2026-03-09T00:00:00+01:00') };
    const sys = f.crm.system('test');
    const referred = f.clients.filter((c) => c.partnerId === f.partnerId).map((c) => c.id);
    expect((await buildPartnerReport(sys, f.partnerId, period)).counts.referred).toBe(3);
    const admin = await f.crm.asUser(f.users.admin.id);
    const id = await sendPartnerReportNow(admin, f.partnerId, { ...period, emails: ['biuro@bursztyn.pl'] });
    const [row] = await db.select().from(t.outbox).where(eq(t.outbox.id, id));
    expect(await recheckPartnerReport(sys, row!)).toEqual({ ok: true });
    // Anna's referred client objects to the status reports (a legitimate interest): left out from now on.
    const anna = await f.crm.asUser(f.users.anna.id);
    const objecting = referred.find((c) => f.clients.find((x) => x.id === c)!.owner === f.users.anna.id)!;
    await recordConsent(anna, objecting, { purpose: 'partner-status-reports', action: 'withdrawn', method: 'email' });
    const after = await buildPartnerReport(sys, f.partnerId, period);
    expect(after).toMatchObject({ counts: { referred: 2 }, withheld: 1 });
    const verdict = await recheckPartnerReport(sys, row!);
    expect(verdict).toMatchObject({
      ok: false,
      reason: expect.stringContaining('the client objected to "partner-status-reports"'),
    });
    // A restriction of processing (Art. 18, recorded by the data-subject requests) stops every message.
    const restricted = referred.find((c) => c !== objecting)!;
    await db.insert(t.clientRestrictions).values({ clientId: restricted, kind: 'restriction', since: f.clock.now() });
    expect(await buildPartnerReport(sys, f.partnerId, period)).toMatchObject({ counts: { referred: 1 }, withheld: 2 });
    expect(await sendVerdict(sys, restricted, 'meeting-reminder')).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('restricted (GDPR Art. 18)'),
    });
  });
});
