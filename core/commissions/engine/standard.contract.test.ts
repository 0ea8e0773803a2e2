import { commissionRuleContract } from '../../../tests/contracts/commission-rule.contract.ts';
import type { CommissionRuleSet } from '../rules/schema.ts';
import { standardRuleType } from './rule-types.ts';

const ruleSet: CommissionRuleSet = {
  version: 1,
  rules: [
    { id: 'firm-mortgage', ledger: 'firm', validFrom: '2026-01-01', when: { product: ['mortgage'] }, rate: { bp: 90 } },
    {
      id: 'firm-cash',
      ledger: 'firm',
      validFrom: '2026-01-01',
      when: { product: ['cash-loan'] },
      rate: { decimal: '0.045' },
      minMinor: 20_000,
    },
    {
      id: 'advisor-share',
      ledger: 'advisor',
      validFrom: '2026-01-01',
      base: { of: 'ledger', ledger: 'firm' },
      rate: {
        tiers: [
          { fromMinor: 0, bp: 5000 },
          { fromMinor: 100_000_000, bp: 6000 },
        ],
        by: 'periodVolume',
        mode: 'whole',
      },
    },
    {
      id: 'partner-share',
      ledger: 'partner',
      validFrom: '2026-01-01',
      rate: {
        tiers: [
          { fromMinor: 0, bp: 50 },
          { fromMinor: 30_000_000, decimal: '0.00333' },
        ],
      },
      maxMinor: 150_000,
    },
    { id: 'unit-fixed', ledger: 'unit', validFrom: '2026-01-01', rate: { fixedMinor: 10_000 } },
  ],
};

commissionRuleContract('standard (built in)', () => ({
  type: 'standard',
  ruleType: standardRuleType,
  validOptions: [
    { rate: { bp: 90 } },
    { rate: { decimal: '0.0125' } },
    { rate: { fixedMinor: 25_000 } },
    {
      rate: {
        tiers: [
          { fromMinor: 0, bp: 50 },
          { fromMinor: 30_000_000, bp: 70 },
        ],
        by: 'saleAmount',
        mode: 'marginal',
      },
    },
    {
      rate: {
        tiers: [
          { fromMinor: 0, decimal: '0.5' },
          { fromMinor: 100_000_000, bp: 6000 },
        ],
        by: 'periodVolume',
        mode: 'whole',
      },
    },
  ],
  invalidOptions: [{}, { rate: { bp: '90' } }, { rate: { percent: 1 } }, { rate: { bp: 1.5 } }],
  ruleSet,
  ruleTypes: {},
  sales: [
    {
      sale: {
        id: 's-1',
        date: '2026-03-10',
        amountMinor: 45_000_000,
        provider: 'bank-a',
        product: 'mortgage',
        advisorId: 'a-1',
        partnerId: 'p-1',
        unitId: 'u-1',
      },
      context: { periodVolumeMinor: { advisor: 80_000_000 } },
    },
    {
      sale: {
        id: 's-2',
        date: '2026-03-11',
        amountMinor: 1_234_567,
        provider: 'bank-a',
        product: 'cash-loan',
        advisorId: 'a-2',
      },
      context: {},
    },
    {
      sale: {
        id: 's-3',
        date: '2026-03-12',
        amountMinor: 99_999,
        provider: 'bank-b',
        product: 'leasing',
        partnerId: 'p-2',
      },
      context: {},
    },
  ],
}));
