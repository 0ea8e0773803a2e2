/**
 * Advisors' KNF compliance and the pre-contract disclosure, on both engines, through the HTTP API of a
 * firm whose config guards mortgage sales and the "application-filed" status:
 * - a lapsed OC policy blocks a mortgage sale with a 422 naming the policy (nothing recorded), a
 *   valid one lets it through, a cash loan is not guarded;
 * - reminders go once per item and threshold; the manager sees only their unit's advisors lapsing;
 * - the disclosure PDF states the remuneration the engine computes (1,50% × 500 000,00 zł =
 *   7 500,00 zł, by hand) in Polish letters, and the status guard blocks until its delivery is recorded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { sendComplianceReminders } from '../core/compliance/index.ts';
import { createCrm, type Crm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { newId } from '../core/ids/id.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { describeEngines } from './engines.ts';
import { httpCaller } from './fixtures/http-caller.ts';
import { demoConfig, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('compliance: KNF registration, OC insurance, the art. 17 disclosure', (database) => {
  let f: SmallFirm;
  let crm: Crm;
  let app: ReturnType<typeof createHttpApi>;
  const call = httpCaller(() => app);
  const admin = 'admin@kredyt-dom.pl';
  const annaMail = 'anna.nowak@kredyt-dom.pl';
  async function client(owner: 'anna' | 'piotr', status: string): Promise<string> {
    const id = newId();
    const now = f.clock.now();
    const unit = owner === 'anna' ? f.units.gdansk.id : f.units.gdynia.id;
    await database().db.insert(database().t.clients).values({
      id,
      kind: 'person',
      type: 'private',
      source: null,
      displayName: 'Zofia Żółkiewska',
      ownerId: f.users[owner].id,
      unitId: unit,
      partnerId: null,
      status,
      data: {},
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  }
  const mortgage = { provider: 'bank-aurora', product: 'aurora-mortgage', amountMinor: 50_000_000 };

  beforeAll(async () => {
    f = await smallFirm(database());
    await seedCommissions(f.crm.system('seed'));
    crm = await createCrm({
      config: {
        ...demoConfig(),
        compliance: {
          requireRegistrationFor: ['mortgage'],
          remindDaysBefore: [30, 7],
          reminderEmails: [],
          disclosure: { categories: ['mortgage'], requiredBefore: ['application-filed'], activityType: 'note' },
        },
      },
      database: database(),
      clock: f.clock,
    });
    app = createHttpApi(crm, { log: () => {} });
  });

  it('a lapsed OC blocks a mortgage sale (422 naming the policy); a valid one passes; no guard on cash', async () => {
    const anna = f.users.anna.id;
    const reg = await call(admin, 'PUT', `/api/users/${anna}/compliance/registration`, {
      knfNumber: 'RPH000101',
      agentType: 'tied',
      validFrom: '2025-01-02',
    });
    expect(reg.status).toBe(200);
    const lapsed = await call(admin, 'POST', `/api/users/${anna}/compliance/policies`, {
      policyNumber: 'OC/2025/17',
      insurer: 'TU Przykład S.A.',
      validFrom: '2025-03-01',
      validTo: '2026-02-28',
    });
    expect(lapsed.status).toBe(201);
    expect(lapsed.body.today.missing.map((m: { item: string }) => m.item)).toEqual(['policy']);

    const c = await client('anna', 'agreement-signed');
    const sale = { to: 'disbursed', fields: { ...mortgage, saleDate: '2026-03-02' } };
    const refused = await call(annaMail, 'POST', `/api/clients/${c}/transitions`, sale);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('the OC policy OC/2025/17 expired on 2026-02-28');
    expect(refused.body.error.details.missing).toEqual([
      expect.objectContaining({ item: 'policy', status: 'lapsed', reference: 'OC/2025/17', validTo: '2026-02-28' }),
    ]);
    expect((await call(admin, 'GET', `/api/sales?clientId=${c}`)).body.items).toEqual([]);
    expect((await call(admin, 'GET', `/api/clients/${c}`)).body.status).toBe('agreement-signed');

    // A back-dated sale on the old policy's last day is covered by it.
    const renewal = await call(admin, 'POST', `/api/users/${anna}/compliance/policies`, {
      policyNumber: 'OC/2026/18',
      validFrom: '2026-03-01',
      validTo: '2027-02-28',
    });
    expect(renewal.body.today.missing).toEqual([]);
    const ok = await call(annaMail, 'POST', `/api/clients/${c}/transitions`, sale);
    expect(ok.status).toBe(201);
    const sales = (await call(admin, 'GET', `/api/sales?clientId=${c}`)).body.items;
    expect(sales).toHaveLength(1);

    // Piotr has no registration at all: his mortgage sale is refused naming both items, a cash loan is not.
    const p1 = await client('piotr', 'agreement-signed');
    const noReg = await call('piotr.kowalski@kredyt-dom.pl', 'POST', `/api/clients/${p1}/transitions`, sale);
    expect(noReg.status).toBe(422);
    expect(noReg.body.error.details.missing.map((m: { item: string }) => m.item)).toEqual(['registration', 'policy']);
    const cash = await call('piotr.kowalski@kredyt-dom.pl', 'POST', `/api/clients/${p1}/transitions`, {
      to: 'disbursed',
      fields: { provider: 'bank-aurora', product: 'aurora-cash-loan', amountMinor: 2_000_000, saleDate: '2026-03-02' },
    });
    expect(cash.status).toBe(201);
  });

  it('reminders go once per item and threshold; a manager sees the lapsing advisors of their unit only', async () => {
    const senior = f.users.senior.id;
    const ewa = f.users.ewa.id;
    await call(admin, 'PUT', `/api/users/${senior}/compliance/registration`, {
      knfNumber: 'RPH000202',
      agentType: 'independent',
      validFrom: '2024-05-01',
    });
    // Ends in 18 days (2026-03-20): the 30-day threshold is due, the 7-day one not yet.
    await call(admin, 'POST', `/api/users/${senior}/compliance/policies`, {
      policyNumber: 'OC/2025/301',
      validFrom: '2025-03-21',
      validTo: '2026-03-20',
    });
    await call(admin, 'PUT', `/api/users/${ewa}/compliance/registration`, {
      knfNumber: 'RPH000303',
      agentType: 'tied',
      validFrom: '2024-01-01',
      validTo: '2026-03-25',
    });
    const reminders = async () =>
      database().db.select().from(database().t.outbox).where(eq(database().t.outbox.purpose, 'compliance-reminder'));
    expect(await sendComplianceReminders(crm.runtime)).toBe(2); // senior's policy, ewa's registration
    expect(await sendComplianceReminders(crm.runtime)).toBe(0);
    const first = await reminders();
    expect(first.map((r) => r.recipient).sort()).toEqual([
      'ewa.dabrowska@kredyt-dom.pl',
      'senior.gdansk@kredyt-dom.pl',
    ]);
    expect(JSON.stringify(first.find((r) => r.recipient.startsWith('senior'))!.payload)).toContain('OC/2025/301');

    const manager = await call('kierownik.gdansk@kredyt-dom.pl', 'GET', '/api/compliance/lapsing?withinDays=30');
    expect(manager.status).toBe(200);
    expect(manager.body.items).toEqual([
      expect.objectContaining({ userId: senior, item: 'policy', reference: 'OC/2025/301', daysLeft: 18 }),
    ]);
    const all = await call(admin, 'GET', '/api/compliance/lapsing?withinDays=30');
    expect(all.body.items.map((i: { reference: string }) => i.reference)).toEqual(['OC/2025/301', 'RPH000303']);
    expect((await call(annaMail, 'GET', `/api/users/${senior}/compliance`)).status).toBe(404);
    expect(
      (
        await call('kierownik.gdansk@kredyt-dom.pl', 'PUT', `/api/users/${senior}/compliance/registration`, {
          knfNumber: 'X',
          agentType: 'tied',
          validFrom: '2024-01-01',
        })
      ).status,
    ).toBe(403);

    // Six days before the end: the 7-day reminder goes, once.
    const at = f.clock.now();
    f.clock.set('2026-03-14T09:00:00Z');
    try {
      expect(await sendComplianceReminders(crm.runtime)).toBe(1); // senior's policy (ewa: 11 days left)
      expect(await sendComplianceReminders(crm.runtime)).toBe(0);
      expect(await reminders()).toHaveLength(3);
    } finally {
      f.clock.set(at);
    }
  });

  it('the disclosure PDF shows the engine\'s remuneration; "application-filed" waits for its delivery', async () => {
    const c = await client('anna', 'documents');
    const move = { to: 'application-filed', fields: { provider: 'bank-aurora' } };
    const blocked = await call(annaMail, 'POST', `/api/clients/${c}/transitions`, move);
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.message).toContain('pre-contract disclosure (art. 17');
    expect(blocked.body.error.details.missing).toEqual([{ item: 'disclosure' }]);

    const d = await call(annaMail, 'POST', `/api/clients/${c}/disclosures`, mortgage);
    expect(d.status).toBe(201);
    // By hand: rule aurora-mortgage-2026q1, 150 bp × 500 000,00 zł = 7 500,00 zł = 750 000 grosze.
    expect(d.body.remunerationMinor).toBe(750_000);
    expect(d.body.document.advisor).toMatchObject({ knfNumber: 'RPH000101', agentType: 'tied' });
    expect(d.body.document.lenders.length).toBeGreaterThan(0);

    const pdf = await call(annaMail, 'GET', `/api/disclosures/${d.body.id}.pdf`);
    expect(pdf.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'disclosure-'));
    try {
      writeFileSync(join(dir, 'd.pdf'), pdf.body);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }).replace(
        /\u00a0/g,
        ' ',
      );
      expect(text).toContain('7 500,00 zł');
      expect(text).toContain('1,50% × 500 000,00 zł');
      expect(text).toContain('RPH000101');
      expect(text).toContain('RPK000000');
      expect(text).toContain('pośrednik kredytu hipotecznego powiązany');
      expect(text).toContain('Bank Aurora');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    expect((await call(annaMail, 'POST', `/api/clients/${c}/transitions`, move)).status).toBe(422); // not delivered
    const delivered = await call(annaMail, 'POST', `/api/disclosures/${d.body.id}/delivery`, { method: 'email' });
    expect(delivered.status).toBe(200);
    expect(delivered.body.deliveryMethod).toBe('email');
    expect((await call(annaMail, 'POST', `/api/disclosures/${d.body.id}/delivery`, { method: 'paper' })).status).toBe(
      409,
    );
    const timeline = (await call(annaMail, 'GET', `/api/clients/${c}/timeline`)).body.items;
    expect(timeline[0]).toMatchObject({ kind: 'activity', type: 'note' });
    expect(timeline[0].note).toContain('art. 17');
    expect((await call(annaMail, 'POST', `/api/clients/${c}/transitions`, move)).status).toBe(201);
    const stored = await database()
      .db.select()
      .from(database().t.disclosures)
      .where(and(eq(database().t.disclosures.clientId, c)));
    expect(stored).toHaveLength(1);
  });
});
