/**
 * Commissions at month-end, on both engines, with figures computed by hand in the comments: an
 * internal referrer (another advisor) earns on the partner ledger and finds the line on their own
 * statement.
 */
import { beforeAll, expect, it } from 'vitest';
import { approveLines } from '../core/commissions/ledger/approve.ts';
import { listLines } from '../core/commissions/ledger/lines.ts';
import { cancelSale } from '../core/commissions/sales/cancel-sale.ts';
import { recordSale } from '../core/commissions/sales/record-sale.ts';
import { listSales } from '../core/commissions/sales/queries.ts';
import { listStatements } from '../core/commissions/statements/queries.ts';
import { changeCommissionGroup, commissionGroupOn, listCommissionGroups } from '../core/org/commission-groups.ts';
import { getUser } from '../core/org/users.ts';
import type { Ctx } from '../core/context.ts';
import { newId } from '../core/ids/id.ts';
import { transition } from '../core/workflow/transition.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('commissions at month-end: referrers, clawbacks as data, dated groups', (database) => {
  let f: SmallFirm;
  let sys: Ctx;
  const as = (id: string) => f.crm.asUser(id);

  /** A client of `owner` at the sale's doorstep; `referrer` makes it an internal referral. */
  async function client(owner: keyof SmallFirm['users'], extra: { referrer?: keyof SmallFirm['users'] } = {}) {
    const { db, t } = database();
    const id = newId();
    const now = f.clock.now();
    await db.insert(t.clients).values({
      id,
      kind: 'person',
      type: extra.referrer ? 'partner-referred' : 'private',
      source: extra.referrer ? 'internal-partner' : null,
      displayName: 'Zażółć Gęślą',
      ownerId: f.users[owner].id,
      unitId: f.users[owner].unitId,
      partnerId: null,
      referrerId: extra.referrer ? f.users[extra.referrer].id : null,
      status: 'agreement-signed',
      data: {},
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  }
  /** `acknowledgeUncovered`: the seller confirmed that no commission rule covers the sale (else a 422). */
  async function sell(
    owner: keyof SmallFirm['users'],
    clientId: string,
    fields: Record<string, unknown>,
    acknowledgeUncovered = false,
  ) {
    await transition(await as(f.users[owner].id), clientId, { to: 'disbursed', fields, acknowledgeUncovered });
    const [sale] = await listSales(sys, { clientId });
    return { sale: sale!, lines: await listLines(sys, { saleId: sale!.id }) };
  }
  const row = (l: { ledger: string; beneficiaryKind: string; beneficiaryId: string; amountMinor: number }) => [
    l.ledger,
    l.beneficiaryKind,
    l.beneficiaryId,
    l.amountMinor,
  ];

  beforeAll(async () => {
    f = await smallFirm(database());
    f.clock.set('2026-04-20T10:00:00Z');
    sys = f.crm.system('test');
    await seedCommissions(sys);
  });

  it("an internal referrer's share is a partner-ledger line paid to that advisor, on their statement", async () => {
    // Anna (junior, Gdańsk own branch) sells a client Ewa passed on: Aurora mortgage 450 000 zł, 10.03.2026.
    const { lines } = await sell('anna', await client('anna', { referrer: 'ewa' }), {
      provider: 'bank-aurora',
      product: 'aurora-mortgage',
      amountMinor: 45_000_000,
      saleDate: '2026-03-10',
    });
    // firm: 1.50% × 450 000,00 = 6 750,00 zł; Anna: 40% × 6 750,00 = 2 700,00 zł;
    // Ewa (internal-referrer-share): 10% × 6 750,00 = 675,00 zł.
    expect(lines.map(row)).toEqual([
      ['firm', 'provider', 'bank-aurora', 675_000],
      ['advisor', 'advisor', f.users.anna.id, 270_000],
      ['partner', 'advisor', f.users.ewa.id, 67_500],
    ]);
    const referral = lines.find((l) => l.ledger === 'partner')!;
    expect([referral.ruleId, referral.missing, referral.ownerId, referral.partnerId]).toEqual([
      'internal-referrer-share',
      false,
      f.users.ewa.id,
      null,
    ]);
    // Ewa sees the line that pays her; Anna does not see Ewa's line.
    const ewa = await as(f.users.ewa.id);
    expect((await listLines(ewa, { saleId: referral.saleId })).map((l) => l.id)).toEqual([referral.id]);
    expect((await listLines(await as(f.users.anna.id), { saleId: referral.saleId })).map((l) => l.ledger)).toEqual([
      'advisor',
    ]);
    // Approving the partner ledger's March makes Ewa's statement: 675,00 zł.
    const march = await listLines(sys, { period: '2026-03', ledger: 'partner' });
    const res = await approveLines(
      sys,
      march.map((l) => l.id),
    );
    expect(res.statements.map((s) => [s.recipientKind, s.recipientId, s.totalMinor])).toEqual([
      ['advisor', f.users.ewa.id, 67_500],
    ]);
    expect((await listStatements(ewa, { mine: true })).map((s) => [s.number, s.totalMinor])).toEqual([
      [expect.stringMatching(/^PR\/2026\/03\/P\/\d{4}$/), 67_500],
    ]);
  });

  it('an internal referral no rule covers is flagged missing on the partner ledger, like a partner line', async () => {
    // Before 2026-01-01 no demo rule is in force: the firm line and the referrer's line are missing.
    const { lines } = await sell(
      'anna',
      await client('anna', { referrer: 'senior' }),
      { provider: 'bank-aurora', product: 'aurora-mortgage', amountMinor: 10_000_000, saleDate: '2025-12-15' },
      true, // Anna confirms that no rule covers the sale
    );
    expect(lines.map((l) => [...row(l), l.missing])).toEqual([
      ['firm', 'provider', 'bank-aurora', 0, true],
      ['partner', 'advisor', f.users.senior.id, 0, true],
    ]);
    // A client who referred themself (referrer = seller) earns no referral line.
    const self = await sell('anna', await client('anna', { referrer: 'anna' }), {
      provider: 'bank-aurora',
      product: 'aurora-mortgage',
      amountMinor: 10_000_000,
      saleDate: '2026-03-11',
    });
    expect(self.lines.map((l) => l.ledger)).toEqual(['firm', 'advisor']);
  });

  it('clawbacks are data: leasing allows no withdrawal (422); an early buyout reverses nothing', async () => {
    // Leasing 150 000 zł on 12.01.2026: firm 1.00% = 1 500,00 zł; Anna (junior) 40% = 600,00 zł.
    const { sale, lines } = await sell('anna', await client('anna'), {
      provider: 'leasing-mazowsze',
      product: 'mazowsze-car-lease',
      amountMinor: 15_000_000,
      saleDate: '2026-01-12',
    });
    expect(lines.map((l) => l.amountMinor)).toEqual([150_000, 60_000]);
    await expect(cancelSale(sys, sale.id, { kind: 'withdrawal', date: '2026-01-15' })).rejects.toMatchObject({
      code: 'invalid',
      details: { problems: [{ path: '/kind', message: expect.stringContaining('early-repayment, rejection, other') }] },
    });
    expect((await listSales(sys, { clientId: sale.clientId }))[0]!.status).toBe('active');
    // The rule leasing-early-buyout has the share "none": the sale is cancelled, no line is reversed.
    const r = await cancelSale(sys, sale.id, { kind: 'early-repayment', date: '2026-06-20' });
    expect([r.sale.status, r.lines.length, r.sale.cancellation]).toEqual([
      'cancelled',
      0,
      expect.objectContaining({ rule: 'leasing-early-buyout', fraction: { numerator: 0, denominator: 1 } }),
    ]);
  });

  /** The admin moves the client out of the sale status, carrying the cancellation's kind and date. */
  const unsell = async (clientId: string, fields: Record<string, unknown>) =>
    transition(await as(f.users.admin.id), clientId, { to: 'agreement-signed', note: 'Storno', fields });
  const statusOf = async (clientId: string) =>
    (await database().db.select().from(database().t.clients)).find((c) => c.id === clientId)!.status;

  it('the move carries the kind: early repayment after 5 full months reverses 7/12 of every line', async () => {
    f.clock.set('2026-06-12T10:00:00Z');
    const id = await client('anna', { referrer: 'ewa' });
    // Aurora mortgage 123 456,00 zł on 10.01.2026 (Q1 rate 1.50%):
    //   firm 1.50% × 123 456,00 = 1 851,84 zł; Anna 40% × 1 851,84 = 740,736 → 740,74 zł;
    //   Ewa (referrer) 10% × 1 851,84 = 185,184 → 185,18 zł.
    const { sale, lines } = await sell('anna', id, {
      provider: 'bank-aurora',
      product: 'aurora-mortgage',
      amountMinor: 12_345_600,
      saleDate: '2026-01-10',
    });
    expect(lines.map((l) => l.amountMinor)).toEqual([185_184, 74_074, 18_518]);
    // The move requires the kind and the date, like any required field.
    await expect(unsell(id, {})).rejects.toMatchObject({
      code: 'invalid',
      details: { problems: expect.arrayContaining([expect.objectContaining({ path: '/fields/cancellationKind' })]) },
    });
    await unsell(id, { cancellationKind: 'early-repayment', cancellationDate: '2026-06-10' });
    // 10.01 → 10.06 is 5 full months: (12 − 5)/12 = 7/12 of each line, split by largest remainder:
    //   firm 185 184 × 7/12 = 108 024 exactly;
    //   Anna 74 074 × 7/12 = 43 209,83 (kept 30 864,17): floors 43 209 + 30 864 = 74 073, the spare grosz to
    //     the larger remainder (,83) → 43 210 reversed;
    //   Ewa 18 518 × 7/12 = 10 802,17 (kept 7 715,83): floors 10 802 + 7 715, the spare grosz to ,83 → 10 802.
    const claw = (await listLines(sys, { saleId: sale.id, kind: 'clawback' })).map((l) => [
      l.ledger,
      l.beneficiaryId,
      l.amountMinor,
      l.period,
    ]);
    expect(claw).toEqual([
      ['firm', 'bank-aurora', -108_024, '2026-06'],
      ['advisor', f.users.anna.id, -43_210, '2026-06'],
      ['partner', f.users.ewa.id, -10_802, '2026-06'],
    ]);
    const [after] = await listSales(sys, { clientId: id });
    expect([after!.status, after!.cancellation]).toEqual([
      'cancelled',
      expect.objectContaining({ kind: 'early-repayment', date: '2026-06-10', rule: 'consumer-credit-early-repayment' }),
    ]);
  });

  it('early repayment of a product whose rules claw nothing back reverses nothing; a bad kind is 422', async () => {
    f.clock.set('2026-06-12T10:00:00Z');
    const id = await client('anna');
    // Leasing 80 000 zł on 15.01.2026: firm 1.00% = 800,00 zł; Anna 40% = 320,00 zł.
    const { sale, lines } = await sell('anna', id, {
      provider: 'leasing-mazowsze',
      product: 'mazowsze-car-lease',
      amountMinor: 8_000_000,
      saleDate: '2026-01-15',
    });
    expect(lines.map((l) => l.amountMinor)).toEqual([80_000, 32_000]);
    // Leasing allows no consumer withdrawal: 422 on the move's field, and the move does not happen.
    await expect(unsell(id, { cancellationKind: 'withdrawal', cancellationDate: '2026-01-20' })).rejects.toMatchObject({
      code: 'invalid',
      details: { problems: [expect.objectContaining({ path: '/fields/cancellationKind' })] },
    });
    expect(await statusOf(id)).toBe('disbursed');
    await unsell(id, { cancellationKind: 'early-repayment', cancellationDate: '2026-06-01' });
    expect(await statusOf(id)).toBe('agreement-signed');
    const all = await listLines(sys, { saleId: sale.id });
    expect(all.map((l) => [l.kind, l.amountMinor])).toEqual([
      ['proposal', 80_000],
      ['proposal', 32_000],
    ]);
    expect((await listSales(sys, { clientId: id }))[0]!.status).toBe('cancelled');
  });

  it('dated groups: junior → senior from 1 April; a later-recorded March sale pays the junior rate', async () => {
    f.clock.set('2026-04-20T10:00:00Z');
    const anna = f.users.anna.id;
    // Anna joined on 2026-03-02 (the fixture's day) as a junior: a change dated before that is refused.
    await expect(
      changeCommissionGroup(sys, anna, { group: 'advisor-senior', from: '2026-02-15' }),
    ).rejects.toMatchObject({
      code: 'invalid',
      details: { problems: [{ path: '/from', message: expect.stringContaining('2026-03-02') }] },
    });
    await expect(
      changeCommissionGroup(sys, anna, { group: 'partner-standard', from: '2026-04-01' }),
    ).rejects.toMatchObject({
      details: { problems: [{ path: '/group' }] },
    });
    await changeCommissionGroup(sys, anna, { group: 'advisor-senior', from: '2026-04-01', note: 'Awans' });
    expect((await listCommissionGroups(sys, anna)).map((m) => [m.groupId, m.validFrom, m.validTo])).toEqual([
      ['advisor-junior', '2026-03-02', '2026-04-01'],
      ['advisor-senior', '2026-04-01', null],
    ]);
    expect((await getUser(sys, anna)).commissionGroup).toBe('advisor-senior');
    expect(await commissionGroupOn(sys, anna, '2026-03-31')).toBe('advisor-junior');
    // Recorded on 20.04, dated 20.03: Aurora mortgage 200 000 zł, Q1 1.50% = 3 000,00 zł;
    // Anna was a junior that day: 40% × 3 000,00 = 1 200,00 zł.
    const march = await sell('anna', await client('anna'), {
      provider: 'bank-aurora',
      product: 'aurora-mortgage',
      amountMinor: 20_000_000,
      saleDate: '2026-03-20',
    });
    expect(march.lines.map((l) => [l.ledger, l.amountMinor, l.ruleId])).toEqual([
      ['firm', 300_000, 'aurora-mortgage-2026q1'],
      ['advisor', 120_000, 'advisor-junior-share'],
    ]);
    // Dated 10.04: Q2 1.35% × 200 000,00 = 2 700,00 zł; senior, no April volume before it: 50% = 1 350,00 zł.
    const april = await sell('anna', await client('anna'), {
      provider: 'bank-aurora',
      product: 'aurora-mortgage',
      amountMinor: 20_000_000,
      saleDate: '2026-04-10',
    });
    expect(april.lines.map((l) => [l.ledger, l.amountMinor, l.ruleId])).toEqual([
      ['firm', 270_000, 'aurora-mortgage-2026q2'],
      ['advisor', 135_000, 'advisor-senior-share'],
    ]);
  });

  it('a fixed fee per policy needs no amount; a rule that needs one is flagged missing, not zero', async () => {
    f.clock.set('2026-04-20T10:00:00Z');
    const base = { advisorId: f.users.anna.id, unitId: f.users.anna.unitId, partnerId: null, clientType: 'private' };
    // Life policy, no amount, 25.03 (Anna still a junior then): firm fixed 250,00 zł per policy;
    // Anna 40% × 250,00 = 100,00 zł.
    const life = await recordSale(sys, {
      ...base,
      clientId: await client('anna'),
      provider: 'tu-tarcza',
      product: 'tarcza-life',
      amountMinor: undefined,
      saleDate: '2026-03-25',
      source: null,
    });
    expect(life.lines.map((l) => [l.ledger, l.amountMinor, l.missing])).toEqual([
      ['firm', 25_000, false],
      ['advisor', 10_000, false],
    ]);
    // Property policy, 20% of the premium: without the premium both lines wait for a person.
    const property = await recordSale(sys, {
      ...base,
      clientId: await client('anna'),
      provider: 'tu-tarcza',
      product: 'tarcza-property',
      amountMinor: null,
      saleDate: '2026-03-25',
      source: null,
    });
    expect(property.lines.map((l) => [l.ledger, l.amountMinor, l.missing])).toEqual([
      ['firm', 0, true],
      ['advisor', 0, true],
    ]);
  });
});
