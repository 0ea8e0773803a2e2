import { describe, expect, it } from 'vitest';
import { commissionRuleContract } from '../../tests/contracts/commission-rule.contract.ts';
import {
  assertRuleSet,
  proposeCommissions,
  ruleTypesOf,
  RuleSetError,
  type CommissionRuleSet,
} from '../../core/commissions/index.ts';
import { createPluginRegistry } from 'broker-crm/plugin';
import { volumeBonus, volumeBonusPlugin } from './index.ts';

const ruleTypes = ruleTypesOf(createPluginRegistry([volumeBonusPlugin()]));

const ruleSet: CommissionRuleSet = {
  version: 1,
  rules: [
    { id: 'firm-mortgage', ledger: 'firm', validFrom: '2026-01-01', rate: { bp: 150 } },
    {
      id: 'advisor-share',
      ledger: 'advisor',
      validFrom: '2026-01-01',
      base: { of: 'ledger', ledger: 'firm' },
      rate: { bp: 5000 },
    },
    {
      id: 'advisor-volume-bonus',
      ledger: 'advisor',
      component: 'volume-bonus',
      validFrom: '2026-01-01',
      type: 'volume-bonus',
      options: { thresholdMinor: 100_000_000, bonusBp: 10 },
    },
  ],
};
const sale = {
  id: 's-1',
  date: '2026-03-20',
  amountMinor: 10_000_000,
  provider: 'bank-a',
  product: 'mortgage',
  advisorId: 'a-1',
};

commissionRuleContract('volume-bonus (examples/custom-commission-plugin)', () => ({
  type: 'volume-bonus',
  ruleType: volumeBonus,
  validOptions: [
    { thresholdMinor: 100_000_000, bonusBp: 10 },
    { thresholdMinor: 0, bonusBp: 25 },
  ],
  invalidOptions: [
    {},
    { thresholdMinor: -1, bonusBp: 10 },
    { thresholdMinor: 100, bonusBp: 0.5 },
    { thresholdMinor: 100, bonusBp: 10, extra: true },
  ],
  ruleSet,
  ruleTypes,
  sales: [
    { sale, context: { periodVolumeMinor: { advisor: 95_000_000 } } },
    { sale: { ...sale, id: 's-2', amountMinor: 333_333 }, context: { periodVolumeMinor: { advisor: 150_000_000 } } },
    { sale: { ...sale, id: 's-3' }, context: {} },
  ],
}));

describe('volume bonus: worked examples', () => {
  const bonusOf = (volumeBeforeMinor: number, amountMinor = sale.amountMinor) =>
    proposeCommissions(
      { ...sale, amountMinor },
      { periodVolumeMinor: { advisor: volumeBeforeMinor } },
      ruleSet,
      ruleTypes,
    ).find((l) => l.component === 'volume-bonus')!;

  it('pays nothing below the threshold, and says so', () => {
    const line = bonusOf(50_000_000);
    expect(line.amountMinor).toBe(0);
    expect(line.explanation.pl).toContain('nie przekracza progu');
  });

  it('pays only on the part of a sale that crosses 1 000 000 zł', () => {
    // 950 000 zł before + 100 000 zł sale: 50 000 zł above the threshold × 0.10 % = 50 zł.
    const line = bonusOf(95_000_000);
    expect(line.amountMinor).toBe(5_000);
    expect(line.beneficiary).toEqual({ kind: 'advisor', id: 'a-1' });
    expect(line.explanation.pl).toContain('0,10% × 50\u00a0000,00\u00a0zł');
    expect(line.explanation.pl).toContain('(reguła advisor-volume-bonus, wersja 1)');
  });

  it('pays on the whole sale once above the threshold, rounding half up', () => {
    // 3 333,33 zł × 0.10 % = 3.33333 zł → 3.33 zł
    expect(bonusOf(150_000_000, 333_333).amountMinor).toBe(333);
    // 5,00 zł × 0.10 % = 0.005 zł → 0.01 zł
    expect(bonusOf(150_000_000, 500).amountMinor).toBe(1);
  });

  it('sits beside the ordinary advisor commission, not instead of it', () => {
    const lines = proposeCommissions(sale, { periodVolumeMinor: { advisor: 95_000_000 } }, ruleSet, ruleTypes);
    expect(lines.map((l) => [l.ledger, l.component, l.amountMinor])).toEqual([
      ['firm', 'commission', 150_000],
      ['advisor', 'commission', 75_000],
      ['advisor', 'volume-bonus', 5_000],
    ]);
  });

  it('has its options checked when a rule set is loaded, with the path of the bad option', () => {
    const bad = {
      ...ruleSet,
      rules: [ruleSet.rules[0]!, { ...ruleSet.rules[2]!, options: { thresholdMinor: 100, bonusBp: -5 } }],
    };
    expect(() => assertRuleSet(bad, { ruleTypes })).toThrow(RuleSetError);
    try {
      assertRuleSet(bad, { ruleTypes });
    } catch (e) {
      expect((e as RuleSetError).problems).toEqual([
        { path: '/rules/1/options/bonusBp', message: 'must be at least 0, not -5' },
      ]);
    }
    expect(() => assertRuleSet(ruleSet)).toThrow(/unknown rule type "volume-bonus"/);
  });
});
