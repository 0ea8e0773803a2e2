/**
 * Regression (issue 11, item 3): GET /api/commission-periods counts only the lines in the caller's
 * settlements:read scope — an advisor their own, a branch manager their unit's, a partner its own
 * lines, a partner login without a partner firm nothing — not the firm-wide totals.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from './engines.ts';
import { partnerSaleFirm, type PartnerSaleFirm } from './fixtures/partner-sale.ts';

type Period = { ledger: string; period: string; lines: number; totalMinor: number };

describeEngines('security: commission periods respect scope', (database) => {
  let p: PartnerSaleFirm;
  const periods = async (email: string) => {
    const r = await p.get(email, '/api/commission-periods');
    expect(r.status).toBe(200);
    return JSON.parse(r.text).items as Period[];
  };
  const lines = async (email: string) => {
    const r = await p.get(email, '/api/commission-lines?limit=2000');
    return JSON.parse(r.text).items as Array<{ ledger: string; period: string; amountMinor: number }>;
  };
  /** What periods should say, computed from the lines the same caller may list. */
  const expected = (ls: Array<{ ledger: string; period: string; amountMinor: number }>) => {
    const m = new Map<string, { lines: number; totalMinor: number }>();
    for (const l of ls) {
      const k = `${l.ledger}|${l.period}`;
      const v = m.get(k) ?? { lines: 0, totalMinor: 0 };
      m.set(k, { lines: v.lines + 1, totalMinor: v.totalMinor + l.amountMinor });
    }
    return [...m.entries()].map(([k, v]) => `${k}|${v.lines}|${v.totalMinor}`).sort();
  };
  const shown = (ps: Period[]) => ps.map((x) => `${x.ledger}|${x.period}|${x.lines}|${x.totalMinor}`).sort();

  beforeAll(async () => {
    p = await partnerSaleFirm(database());
  });

  it('the back office sees firm-wide totals (more than anyone below)', async () => {
    const all = await periods('admin@kredyt-dom.pl');
    const advisor = await periods('anna.nowak@kredyt-dom.pl');
    const sum = (ps: Period[]) => ps.reduce((a, x) => a + x.totalMinor, 0);
    expect(sum(all)).toBeGreaterThan(sum(advisor));
    expect(shown(all)).toEqual(expected(await lines('admin@kredyt-dom.pl')));
  });

  it('an advisor and a branch manager see the totals of exactly the lines they may list', async () => {
    for (const who of ['anna.nowak@kredyt-dom.pl', 'ewa.dabrowska@kredyt-dom.pl', 'kierownik.gdansk@kredyt-dom.pl']) {
      const ps = await periods(who);
      expect(ps.length).toBeGreaterThan(0);
      expect(shown(ps)).toEqual(expected(await lines(who)));
    }
    const ewa = await periods('ewa.dabrowska@kredyt-dom.pl');
    expect(ewa.every((x) => x.ledger === 'advisor')).toBe(true);
  });

  it('a partner sees its own lines only; a partner login with no firm sees nothing', async () => {
    const partner = await periods(p.partnerEmail);
    expect(partner.length).toBeGreaterThan(0);
    expect(partner.every((x) => x.ledger === 'partner')).toBe(true);
    expect(shown(partner)).toEqual(expected(await lines(p.partnerEmail)));
    expect(await periods(p.firmlessPartnerEmail)).toEqual([]);
  });
});
