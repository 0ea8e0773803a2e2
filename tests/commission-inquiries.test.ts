/**
 * Inquiries on commission statements, on both engines: an advisor asks about her approved line; the
 * line shows the open inquiry and the month's statement says it has one; the back office answers
 * with a correction (45% instead of 40% of the firm's 7 500,00 zł: 3 375,00 zł, so +375,00 zł), which
 * is an adjustment line on the NEXT month's statement, the March statement unchanged; every step is in
 * the line's history.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { newId } from '../core/ids/id.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { describeEngines } from './engines.ts';
import { httpCaller } from './fixtures/http-caller.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('commission inquiries', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  const call = httpCaller(() => app);
  const admin = 'admin@kredyt-dom.pl';
  const anna = 'anna.nowak@kredyt-dom.pl';

  beforeAll(async () => {
    f = await smallFirm(database());
    await seedCommissions(f.crm.system('seed'));
    app = createHttpApi(f.crm, { log: () => {} });
  });

  it("an advisor's inquiry answered with a correction changes the next statement and keeps the history", async () => {
    const client = newId();
    const now = f.clock.now();
    await database().db.insert(database().t.clients).values({
      id: client,
      kind: 'person',
      type: 'private',
      source: null,
      displayName: 'Klient',
      ownerId: f.users.anna.id,
      unitId: f.units.gdansk.id,
      partnerId: null,
      status: 'agreement-signed',
      data: {},
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    const sold = await call(anna, 'POST', `/api/clients/${client}/transitions`, {
      to: 'disbursed',
      fields: { provider: 'bank-aurora', product: 'aurora-mortgage', amountMinor: 50_000_000, saleDate: '2026-03-02' },
    });
    expect(sold.status).toBe(201);
    const sale = (await call(admin, 'GET', `/api/sales?clientId=${client}`)).body.items[0].id as string;
    const lines = (await call(admin, 'GET', `/api/commission-lines?saleId=${sale}`)).body.items;
    // By hand: firm 1,50% × 500 000,00 zł = 7 500,00 zł; junior advisor 40% of it = 3 000,00 zł.
    const advisorLine = lines.find((l: { ledger: string }) => l.ledger === 'advisor');
    expect(advisorLine.amountMinor).toBe(300_000);
    const approved = await call(admin, 'POST', '/api/commission-lines/approve', {
      ids: lines.map((l: { id: string }) => l.id),
    });
    expect(approved.status).toBe(200);
    const march = async () =>
      (await call(anna, 'GET', '/api/statements?period=2026-03&ledger=advisor')).body.items as Array<{
        id: string;
        totalMinor: number;
        openInquiries: number;
      }>;
    expect((await march()).map((s) => [s.totalMinor, s.openInquiries])).toEqual([[300_000, 0]]);

    // Another advisor does not see the line; Anna asks about hers.
    const body = { reasonCode: 'rate', text: 'Aneks do umowy: 45% prowizji firmy, nie 40%' };
    expect(
      (await call('ewa.dabrowska@kredyt-dom.pl', 'POST', `/api/commission-lines/${advisorLine.id}/inquiries`, body))
        .status,
    ).toBe(404);
    const raised = await call(anna, 'POST', `/api/commission-lines/${advisorLine.id}/inquiries`, {
      ...body,
      attachment: {
        name: 'aneks.txt',
        contentType: 'text/plain',
        base64: Buffer.from('Aneks nr 2').toString('base64'),
      },
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      status: 'open',
      reasonCode: 'rate',
      attachment: { name: 'aneks.txt', bytes: 10 },
    });
    expect((await call(anna, 'POST', `/api/commission-lines/${advisorLine.id}/inquiries`, body)).status).toBe(409);
    const mine = (await call(anna, 'GET', '/api/commission-lines?mine=true&period=2026-03')).body.items;
    expect(mine.find((l: { id: string }) => l.id === advisorLine.id).openInquiry).toMatchObject({
      id: raised.body.id,
      reasonCode: 'rate',
    });
    expect((await march()).map((s) => [s.totalMinor, s.openInquiries])).toEqual([[300_000, 1]]);

    // The advisor may not resolve her own inquiry; the back office corrects it in April.
    const fix = { amountMinor: 337_500, reason: 'Aneks nr 2: 45% prowizji firmy' };
    expect((await call(anna, 'POST', `/api/commission-inquiries/${raised.body.id}/correct`, fix)).status).toBe(403);
    f.clock.set('2026-04-03T09:00:00Z');
    call.forgetSessions(); // a month later: sign in again
    const corrected = await call(admin, 'POST', `/api/commission-inquiries/${raised.body.id}/correct`, fix);
    expect(corrected.status).toBe(200);
    expect(corrected.body.status).toBe('corrected');
    expect(corrected.body.events.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'corrected']);
    expect(
      (await call(admin, 'POST', `/api/commission-inquiries/${raised.body.id}/reject`, { text: 'x' })).status,
    ).toBe(409);
    const adjustment = (await call(admin, 'GET', `/api/commission-lines?saleId=${sale}&kind=adjustment`)).body.items;
    // 3 375,00 zł − 3 000,00 zł = +375,00 zł, booked in April.
    expect(adjustment.map((l: { amountMinor: number; period: string }) => [l.amountMinor, l.period])).toEqual([
      [37_500, '2026-04'],
    ]);
    expect((await call(admin, 'POST', '/api/commission-lines/approve', { ids: [adjustment[0].id] })).status).toBe(200);
    const april = (await call(anna, 'GET', '/api/statements?period=2026-04&ledger=advisor')).body.items;
    expect(april.map((s: { totalMinor: number }) => s.totalMinor)).toEqual([37_500]);
    expect((await march()).map((s) => [s.totalMinor, s.openInquiries])).toEqual([[300_000, 0]]);

    const history = (await call(anna, 'GET', `/api/commission-lines/${advisorLine.id}/history`)).body.items;
    expect(history.map((h: { kind: string }) => h.kind)).toEqual([
      'proposed',
      'approved',
      'inquiry-raised',
      'adjustment',
      'inquiry-corrected',
    ]);
    expect(history.find((h: { kind: string }) => h.kind === 'adjustment')).toMatchObject({
      amountMinor: 37_500,
      text: 'Aneks nr 2: 45% prowizji firmy',
    });
    expect(history.find((h: { kind: string }) => h.kind === 'inquiry-raised').text).toContain('45%');
  });
});
