import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../context.ts';
import { refuseUncovered, uncoveredLedgers } from './uncovered.ts';

const firmWith = (uncoveredSales?: 'acknowledge' | 'refuse' | 'allow', kind = 'user') =>
  ({ config: { workflow: { uncoveredSales } }, actor: { kind } }) as unknown as Ctx;
const lines = [
  { ledger: 'firm' as const, missing: true, ruleId: null },
  { ledger: 'advisor' as const, missing: true, ruleId: 'advisor-junior-share' }, // needs an amount: not uncovered
  { ledger: 'partner' as const, missing: false, ruleId: 'partner-standard-mortgage' },
];

describe('a sale no commission rule covers', () => {
  it('is uncovered only on ledgers with a missing line that has no rule', () => {
    expect(uncoveredLedgers(lines)).toEqual(['firm']);
    expect(uncoveredLedgers(lines.slice(1))).toEqual([]);
  });
  it('needs the acknowledgement by default, is never recorded under "refuse", always under "allow"', () => {
    expect(() => refuseUncovered(firmWith(), lines, false)).toThrow(/No commission rule covers this sale/);
    expect(() => refuseUncovered(firmWith('acknowledge'), lines, true)).not.toThrow();
    expect(() => refuseUncovered(firmWith('refuse'), lines, true)).toThrow(/ledgers: firm/);
    expect(() => refuseUncovered(firmWith('allow'), lines, false)).not.toThrow();
    expect(() => refuseUncovered(firmWith('refuse'), lines.slice(1), false)).not.toThrow();
    // A seed or an integration's script acting as the system has no person to acknowledge; "refuse" still holds.
    expect(() => refuseUncovered(firmWith('acknowledge', 'system'), lines, false)).not.toThrow();
    expect(() => refuseUncovered(firmWith('refuse', 'system'), lines, false)).toThrow();
  });
  it('names the acknowledgement as the field to fix', () => {
    try {
      refuseUncovered(firmWith(), lines, false);
    } catch (e) {
      expect((e as { details: { problems: { path: string }[] } }).details.problems[0]!.path).toBe(
        '/acknowledgeUncovered',
      );
      return;
    }
    expect.unreachable('refuseUncovered should have thrown');
  });
});
