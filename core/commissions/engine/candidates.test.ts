import { describe, expect, it } from 'vitest';
import type { CommissionRuleSet } from '../rules/schema.ts';
import { proposeCommissions } from './propose.ts';
import type { CommissionSale } from './types.ts';

// The engine narrows candidates by the most selective condition (here partnerGroup); rules that do
// not look at that condition must still compete, in priority order, for every value and for none.
const rules: CommissionRuleSet = {
  version: 1,
  rules: [
    { id: 'firm', ledger: 'firm', validFrom: '2026-01-01', rate: { bp: 100 } },
    { id: 'p-std', ledger: 'partner', validFrom: '2026-01-01', when: { partnerGroup: ['std'] }, rate: { bp: 30 } },
    {
      id: 'p-std-portal',
      ledger: 'partner',
      validFrom: '2026-01-01',
      priority: 10,
      when: { partnerGroup: ['std'], source: ['portal'] },
      rate: { bp: 20 },
    },
    {
      id: 'p-gold',
      ledger: 'partner',
      validFrom: '2026-01-01',
      when: { partnerGroup: ['gold', 'platinum'] },
      rate: { bp: 50 },
    },
    {
      id: 'p-any-portal',
      ledger: 'partner',
      validFrom: '2026-01-01',
      priority: 5,
      when: { source: ['portal'] },
      rate: { bp: 10 },
    },
    { id: 'p-fallback', ledger: 'partner', validFrom: '2026-01-01', priority: -1, rate: { bp: 1 } },
  ],
};
const sale: CommissionSale = {
  id: 's',
  date: '2026-02-01',
  amountMinor: 100_000_00,
  provider: 'bank',
  product: 'mortgage',
  partnerId: 'p-1',
};
const partnerRule = (extra: Partial<CommissionSale>) =>
  proposeCommissions({ ...sale, ...extra }, {}, rules).find((l) => l.ledger === 'partner')!.ruleId;

describe('choosing the winning rule among candidates', () => {
  it('picks the highest priority rule that applies, whichever group the sale has or lacks', () => {
    expect(partnerRule({ partnerGroup: 'std' })).toBe('p-std');
    expect(partnerRule({ partnerGroup: 'std', source: 'portal' })).toBe('p-std-portal');
    expect(partnerRule({ partnerGroup: 'platinum' })).toBe('p-gold');
    expect(partnerRule({ partnerGroup: 'gold', source: 'portal' })).toBe('p-any-portal');
    expect(partnerRule({ partnerGroup: 'unknown', source: 'portal' })).toBe('p-any-portal');
    expect(partnerRule({ partnerGroup: 'unknown' })).toBe('p-fallback');
    expect(partnerRule({})).toBe('p-fallback');
  });
});
