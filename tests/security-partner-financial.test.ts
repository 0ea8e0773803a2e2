/**
 * Regression (issue 11, item 5): a partner sees statuses and dates of its referrals, never their
 * financial or internal data — not the loan amount or bank through /api/sales or
 * /api/commission-lines (its own commission amount only), not company names, NIPs, revenue,
 * income source or household size through /api/clients.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from './engines.ts';
import { CANARY, partnerSaleFirm, type PartnerSaleFirm } from './fixtures/partner-sale.ts';

const needles = [
  CANARY.companyName,
  CANARY.nip,
  String(CANARY.amountMinor),
  CANARY.bank,
  'aurora-cash-loan',
  String(CANARY.revenue),
  'annualRevenueMinor',
  'explanation',
];
const leaks = (text: string) => needles.filter((n) => text.includes(n));

describeEngines('security: partners get no financial or internal data', (database) => {
  let p: PartnerSaleFirm;
  beforeAll(async () => {
    p = await partnerSaleFirm(database());
  });

  it('the firm itself sees the canaries (so the sweep below can fail)', async () => {
    const sales = await p.get('admin@kredyt-dom.pl', '/api/sales');
    expect(leaks(sales.text)).toContain(String(CANARY.amountMinor));
    const client = await p.get('admin@kredyt-dom.pl', `/api/clients/${p.referredClientId}`);
    expect(leaks(client.text)).toContain(CANARY.nip);
  });

  it('/api/sales and /api/sales/:id give the partner status and dates only', async () => {
    const list = await p.get(p.partnerEmail, '/api/sales');
    expect(list.status).toBe(200);
    const items = JSON.parse(list.text).items as Array<Record<string, unknown>>;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ clientId: p.referredClientId, status: 'active', saleDate: '2026-03-02' });
    expect(leaks(list.text)).toEqual([]);
    const one = await p.get(p.partnerEmail, `/api/sales/${items[0]!.id}`);
    expect(one.status).toBe(200);
    expect(leaks(one.text)).toEqual([]);
  });

  it('/api/commission-lines shows the partner its own commission, not the loan behind it', async () => {
    const res = await p.get(p.partnerEmail, '/api/commission-lines');
    expect(res.status).toBe(200);
    const items = JSON.parse(res.text).items as Array<{ beneficiaryId: string; amountMinor: number; sale: object }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((l) => l.beneficiaryId === p.partnerId)).toBe(true);
    expect(items.every((l) => l.amountMinor > 0)).toBe(true);
    expect(items[0]!.sale).toEqual({
      saleDate: '2026-03-02',
      clientId: p.referredClientId,
      status: 'active',
      advisorId: p.f.users.anna.id,
    });
    expect(leaks(res.text)).toEqual([]);
  });

  it('/api/clients gives the partner no field of the record: no company name, NIP, revenue', async () => {
    const list = await p.get(p.partnerEmail, '/api/clients');
    expect(list.status).toBe(200);
    expect(leaks(list.text)).toEqual([]);
    const items = JSON.parse(list.text).items as Array<{ id: string; data: object; status: string }>;
    const mine = items.find((c) => c.id === p.referredClientId)!;
    expect(mine).toMatchObject({ status: 'disbursed', data: {} });
    expect(mine).not.toHaveProperty('displayName');
    const one = await p.get(p.partnerEmail, `/api/clients/${p.referredClientId}`);
    expect(one.status).toBe(200);
    expect(leaks(one.text)).toEqual([]);
    const person = await p.get(p.partnerEmail, '/api/clients?kind=person');
    expect(person.text).not.toContain('householdSize');
  });
});
