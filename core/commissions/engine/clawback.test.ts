import { describe, expect, it } from 'vitest';
import type { CommissionRuleSet } from '../rules/schema.ts';
import { clawbackLines } from './clawback.ts';
import { proposeCommissions } from './propose.ts';

const rules: CommissionRuleSet = {
  version: 2,
  rules: [
    { id: 'bank-a-cash', ledger: 'firm', validFrom: '2026-01-01', rate: { decimal: '0.045' } },
    {
      id: 'advisor-share',
      ledger: 'advisor',
      validFrom: '2026-01-01',
      base: { of: 'ledger', ledger: 'firm' },
      rate: { bp: 5500 },
    },
    { id: 'partner-share', ledger: 'partner', validFrom: '2026-01-01', rate: { bp: 100 }, maxMinor: 80_000 },
  ],
};
// 41 234,57 zł cash loan: firm 4.5 % = 1 855,56 zł; advisor 55 % of it = 1 020,56 zł; partner 1 % = 412,35 zł.
const lines = proposeCommissions(
  {
    id: 's-9',
    date: '2026-03-02',
    amountMinor: 4_123_457,
    provider: 'bank-a',
    product: 'cash',
    advisorId: 'a-1',
    partnerId: 'p-1',
  },
  {},
  rules,
);

describe('clawbackLines', () => {
  it('reverses a 14-day withdrawal exactly, line by line, with the cancellation date', () => {
    expect(lines.map((l) => l.amountMinor)).toEqual([185_556, 102_056, 41_235]);
    const back = clawbackLines(lines, { kind: 'withdrawal', date: '2026-03-12' });
    expect(back.map((l) => [l.ledger, l.beneficiary.id, l.amountMinor, l.ruleId])).toEqual([
      ['firm', 'bank-a', -185_556, 'bank-a-cash'],
      ['advisor', 'a-1', -102_056, 'advisor-share'],
      ['partner', 'p-1', -41_235, 'partner-share'],
    ]);
    expect(back[0]!.clawback).toEqual({
      kind: 'withdrawal',
      date: '2026-03-12',
      fraction: { numerator: 1, denominator: 1 },
      reversesMinor: 185_556,
    });
    expect(back[0]!.explanation.pl).toBe(
      'Storno (odstąpienie klienta od umowy, 2026-03-12): −100% × 1\u00a0855,56\u00a0zł = ' +
        '-1\u00a0855,56\u00a0zł, korekta linii (reguła bank-a-cash, wersja 2)',
    );
    expect(back[0]!.explanation.en).toContain('Clawback (withdrawal by the client, 2026-03-12)');
  });

  it('reverses an early repayment proportionally, each line split exactly into kept and reversed parts', () => {
    // Repaid 4 months into a 12-month window: 8/12 of each line comes back.
    const back = clawbackLines(lines, {
      kind: 'early-repayment',
      date: '2026-07-02',
      fraction: { numerator: 8, denominator: 12 },
    });
    expect(back.map((l) => l.amountMinor)).toEqual([-123_704, -68_037, -27_490]);
    expect(back[1]!.explanation.pl).toContain('−8/12 × 1\u00a0020,56\u00a0zł = -680,37\u00a0zł');
  });

  it('reverses nothing for missing lines or a zero fraction, and refuses a fraction above one', () => {
    const missing = proposeCommissions(
      { id: 's', date: '2026-03-02', amountMinor: 100, provider: 'x', product: 'y' },
      {},
      { version: 1, rules: [] },
    );
    expect(missing[0]!.missing).toBe(true);
    expect(clawbackLines(missing, { kind: 'rejection', date: '2026-03-03' })).toEqual([]);
    expect(
      clawbackLines(lines, {
        kind: 'early-repayment',
        date: '2026-07-02',
        fraction: { numerator: 0, denominator: 12 },
      }),
    ).toEqual([]);
    expect(() =>
      clawbackLines(lines, {
        kind: 'early-repayment',
        date: '2026-07-02',
        fraction: { numerator: 13, denominator: 12 },
      }),
    ).toThrow(/numerator ≤ denominator/);
  });
});
