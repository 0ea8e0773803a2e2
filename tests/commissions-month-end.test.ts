/**
 * Commissions at month-end, on both engines, with figures computed by hand in the comments: an
 * internal referrer (another advisor) earns on the partner ledger and finds the line on their own
 * statement.
 */
import { beforeAll, expect, it } from 'vitest';
import { approveLines } from '../core/commissions/ledger/approve.ts';
import { listLines } from '../core/commissions/ledger/lines.ts';
import { cancelSale } from '../core/commissions/sales/cancel-sale.ts';
import { listSales } from '../core/commissions/sales/queries.ts';
import { listStatements } from '../core/commissions/statements/queries.ts';
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
  async function sell(owner: keyof SmallFirm['users'], clientId: string, fields: Record<string, unknown>) {
    await transition(await as(f.users[owner].id), clientId, { to: 'disbursed', fields });
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
    const { lines } = await sell('anna', await client('anna', { referrer: 'senior' }), {
      provider: 'bank-aurora',
      product: 'aurora-mortgage',
      amountMinor: 10_000_000,
      saleDate: '2025-12-15',
    });
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
});
