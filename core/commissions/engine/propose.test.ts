import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRuleSet } from '../rules/load.ts';
import type { CommissionRuleSet } from '../rules/schema.ts';
import { proposeCommissions } from './propose.ts';
import { saleDateOf } from './sale-date.ts';
import type { CommissionSale } from './types.ts';

const config = JSON.parse(
  readFileSync(new URL('../../../examples/demo-firm/crm.config.json', import.meta.url), 'utf8'),
);
const demo = parseRuleSet(
  readFileSync(new URL('../../../examples/demo-firm/commission-rules.json', import.meta.url), 'utf8'),
  { commissionGroups: config.commissionGroups },
);
const nb = (s: string) => s.replace(/(?<=\d) (?=\d{3}(?:[ ,]|$))/g, '\u00a0').replace(/ zł/g, '\u00a0zł');

const mortgage: CommissionSale = {
  id: 'sale-1',
  date: '2026-03-10',
  amountMinor: 500_000_00,
  provider: 'bank-aurora',
  product: 'aurora-mortgage',
  productCategory: 'mortgage',
  unitId: 'unit-waw',
  unitType: 'own-branch',
  advisorId: 'adv-1',
  advisorGroup: 'advisor-junior',
  partnerId: 'par-1',
  partnerGroup: 'partner-standard',
};
const amounts = (sale: CommissionSale, rules: CommissionRuleSet = demo, volume = 0) =>
  Object.fromEntries(
    proposeCommissions(sale, { periodVolumeMinor: { advisor: volume } }, rules).map((l) => [
      `${l.ledger}/${l.component}`,
      l.amountMinor,
    ]),
  );

describe('proposeCommissions on the demo firm rules (PLN)', () => {
  it('uses the rule in force on the sale date: the old rate before a quarterly change, the new from day 1', () => {
    // Bank Aurora mortgage: 1.50 % in Q1 2026, 1.35 % from 1 April.
    expect(amounts({ ...mortgage, date: '2026-03-31' })['firm/commission']).toBe(7_500_00);
    expect(amounts({ ...mortgage, date: '2026-04-01' })['firm/commission']).toBe(6_750_00);
    // 00:30 on 1 April in Warsaw is still 31 March in UTC: the local date decides.
    expect(saleDateOf(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
  });

  it("pays advisors by their group: junior 40 %, senior 50 % of the firm's commission", () => {
    expect(amounts(mortgage)['advisor/commission']).toBe(3_000_00);
    expect(amounts({ ...mortgage, advisorGroup: 'advisor-senior' })['advisor/commission']).toBe(3_750_00);
    // A senior past 1 000 000 zł of volume this month gets 60 % (whole tier by period volume).
    expect(amounts({ ...mortgage, advisorGroup: 'advisor-senior' }, demo, 60_000_000)['advisor/commission']).toBe(
      4_500_00,
    );
  });

  it('pays partners per source: leads from the loan portal earn 0.20 % instead of 0.30 %, each capped', () => {
    expect(amounts(mortgage)['partner/commission']).toBe(1_500_00); // 0.30 % × 500 000 = 1 500 (= the cap)
    expect(amounts({ ...mortgage, amountMinor: 200_000_00 })['partner/commission']).toBe(600_00);
    expect(amounts({ ...mortgage, amountMinor: 200_000_00, source: 'portal-kredytowy' })['partner/commission']).toBe(
      400_00,
    );
    // 0.20 % × 500 000 = 1 000
    expect(amounts({ ...mortgage, source: 'portal-kredytowy' })['partner/commission']).toBe(1_000_00);
    expect(amounts({ ...mortgage, amountMinor: 800_000_00, source: 'portal-kredytowy' })['partner/commission']).toBe(
      1_000_00,
    ); // 1 600 → cap 1 000
  });

  it('pays the unit ledger only to a unit whose branch type is a franchise (branchTypes.franchise)', () => {
    // A unit rule with no conditions: 10% of the firm line. Firm 1.50% × 500 000 zł = 7 500 zł → 750 zł.
    const rules: CommissionRuleSet = {
      version: 1,
      rules: [
        { id: 'firm', ledger: 'firm', validFrom: '2026-01-01', rate: { bp: 150 } },
        {
          id: 'unit',
          ledger: 'unit',
          validFrom: '2026-01-01',
          base: { of: 'ledger', ledger: 'firm' },
          rate: { bp: 1000 },
        },
      ],
    };
    const units = (unitFranchise: boolean) =>
      proposeCommissions({ ...mortgage, unitFranchise }, {}, rules)
        .filter((l) => l.ledger === 'unit')
        .map((l) => [l.beneficiary.id, l.amountMinor]);
    expect(units(true)).toEqual([['unit-waw', 75_000]]);
    expect(units(false)).toEqual([]);
  });

  it('applies minimum and maximum caps and says so', () => {
    // Bank Wiślany cash loan: 5 % with a 200 zł minimum; 3 000 zł × 5 % = 150 zł → 200 zł.
    const [line] = proposeCommissions(
      {
        ...mortgage,
        provider: 'bank-wislany',
        product: 'wislany-cash-loan',
        productCategory: 'cash-loan',
        amountMinor: 3_000_00,
      },
      {},
      demo,
    );
    expect(line).toMatchObject({
      amountMinor: 200_00,
      explanation: { capApplied: { kind: 'min', limitMinor: 200_00, uncappedMinor: 150_00 } },
    });
    expect(line!.explanation.pl).toBe(
      nb('5,00% × 3 000,00 zł = 150,00 zł → minimum 200,00 zł (reguła wislany-cash-loan, wersja 3)'),
    );
    // Bank Północny mortgage Q2: 1.05 % capped at 10 000 zł; 1 200 000 zł × 1.05 % = 12 600 zł → 10 000 zł.
    expect(
      amounts({
        ...mortgage,
        provider: 'bank-polnocny',
        product: 'polnocny-mortgage',
        date: '2026-04-02',
        amountMinor: 1_200_000_00,
      })['firm/commission'],
    ).toBe(10_000_00);
  });

  it('lets a promotion with a higher priority win for its month only', () => {
    const sale = { ...mortgage, provider: 'bank-polnocny', product: 'polnocny-mortgage', amountMinor: 400_000_00 };
    expect(amounts({ ...sale, date: '2026-04-30' })['firm/commission']).toBe(4_200_00);
    expect(amounts({ ...sale, date: '2026-05-01' })['firm/commission']).toBe(6_000_00);
    expect(amounts({ ...sale, date: '2026-06-01' })['firm/commission']).toBe(4_200_00);
  });

  it('pays franchise branches their share of the firm commission, and no own-branch advisor share', () => {
    expect(
      amounts({ ...mortgage, unitType: 'franchise-branch', unitGroup: 'franchise', partnerId: undefined }),
    ).toEqual({ 'firm/commission': 7_500_00, 'unit/commission': 5_250_00 });
  });

  it('explains each line in Polish and English with rule and version', () => {
    const rules: CommissionRuleSet = {
      version: 3,
      rules: [{ id: 'mbank-hipoteka-2026q1', ledger: 'firm', validFrom: '2026-01-01', rate: { bp: 90 } }],
    };
    const [line] = proposeCommissions(
      { id: 's', date: '2026-02-01', amountMinor: 450_000_00, provider: 'mbank', product: 'hipoteka' },
      {},
      rules,
    );
    expect(line).toMatchObject({
      ledger: 'firm',
      beneficiary: { kind: 'provider', id: 'mbank' },
      amountMinor: 4_050_00,
      ruleId: 'mbank-hipoteka-2026q1',
      ruleVersion: 3,
    });
    // As stored and sent (JSON): the texts are written when first read.
    expect(JSON.parse(JSON.stringify(line!.explanation))).toEqual({
      base: { of: 'sale', amountMinor: 450_000_00 },
      rate: { kind: 'bp', text: '0.90%', bp: 90 },
      arithmetic: '450000.00 × 0.90% = 4050.00',
      pl: nb('0,90% × 450 000,00 zł = 4 050,00 zł (reguła mbank-hipoteka-2026q1, wersja 3)'),
      en: '0.90% × PLN\u00a0450,000.00 = PLN\u00a04,050.00 (rule mbank-hipoteka-2026q1, version 3)',
    });
  });

  it('flags a sale no rule covers instead of proposing a silent zero', () => {
    const lines = proposeCommissions(
      { ...mortgage, provider: 'bank-nowy', product: 'nowy-mortgage', partnerGroup: undefined },
      {},
      demo,
    );
    expect(lines.map((l) => [l.ledger, l.amountMinor, l.missing, l.ruleId])).toEqual([
      ['firm', 0, true, null],
      ['advisor', 0, true, 'advisor-junior-share'],
      ['partner', 0, true, null],
    ]);
    expect(lines[0]!.explanation.pl).toContain('Brak reguły prowizji firmy');
    expect(lines[1]!.explanation.en).toContain(
      'share of the firm (receivable from the provider) line, which this sale does not have',
    );
    // No partner on the sale: no partner line is expected.
    expect(proposeCommissions({ ...mortgage, partnerId: undefined }, {}, demo).map((l) => l.ledger)).toEqual([
      'firm',
      'advisor',
    ]);
  });

  it('refuses amounts that are not whole grosze and dates that are not local dates', () => {
    expect(() => proposeCommissions({ ...mortgage, amountMinor: 0.1 + 0.2 }, {}, demo)).toThrow(
      /whole number of grosze/,
    );
    expect(() => proposeCommissions({ ...mortgage, amountMinor: -100 }, {}, demo)).toThrow(/non-negative/);
    expect(() => proposeCommissions({ ...mortgage, date: '2026-03-10T10:00:00Z' }, {}, demo)).toThrow(/YYYY-MM-DD/);
  });
});

describe('tiers (worked examples, 450 000 zł)', () => {
  const tiers = [
    { fromMinor: 0, bp: 50 },
    { fromMinor: 300_000_00, bp: 70 },
  ];
  const one = (
    rate: NonNullable<CommissionRuleSet['rules'][number]['rate']>,
    sale: Partial<CommissionSale> = {},
    volume = 0,
  ) =>
    proposeCommissions(
      { id: 's', date: '2026-03-01', amountMinor: 450_000_00, provider: 'b', product: 'p', advisorId: 'a', ...sale },
      { periodVolumeMinor: { firm: volume } },
      { version: 1, rules: [{ id: 'r', ledger: 'firm', validFrom: '2026-01-01', rate }] },
    )[0]!;

  it('marginal: each slice at its own rate — 300 000 × 0.50 % + 150 000 × 0.70 % = 2 550 zł', () => {
    const line = one({ tiers, mode: 'marginal' });
    expect(line.amountMinor).toBe(2_550_00);
    expect(line.explanation.pl).toBe(
      nb('0,50% × 300 000,00 zł + 0,70% × 150 000,00 zł [progi krańcowe] = 2 550,00 zł (reguła r, wersja 1)'),
    );
    expect(line.explanation.tier?.parts.map((p) => p.portionMinor)).toEqual([300_000_00, 150_000_00]);
  });

  it('whole: the tier reached applies to everything — 450 000 × 0.70 % = 3 150 zł', () => {
    expect(one({ tiers, mode: 'whole' }).amountMinor).toBe(3_150_00);
    // 1 499.99995 → 1 500.00
    expect(one({ tiers, mode: 'whole' }, { amountMinor: 299_999_99 }).amountMinor).toBe(1_500_00);
    expect(one({ tiers, mode: 'whole' }, { amountMinor: 300_000_00 }).amountMinor).toBe(2_100_00);
  });

  it('by period volume: a sale that crosses the tier boundary this month is split at it', () => {
    // 250 000 zł already this month; this 100 000 zł sale: 50 000 at 0.50 % + 50 000 at 0.70 % = 600 zł.
    expect(
      one({ tiers, by: 'periodVolume', mode: 'marginal' }, { amountMinor: 100_000_00 }, 250_000_00).amountMinor,
    ).toBe(600_00);
    expect(one({ tiers, by: 'periodVolume', mode: 'whole' }, { amountMinor: 100_000_00 }, 250_000_00).amountMinor).toBe(
      700_00,
    );
  });

  it('rounds once per line, half up: tiers are summed exactly first', () => {
    // 2,00 zł: 1 zł at 0.50 % (0.5 gr) + 1 zł at 1.50 % (1.5 gr). Rounding each part would give
    // 1 + 2 = 3 gr; the exact sum is 2 gr.
    const line = one(
      {
        tiers: [
          { fromMinor: 0, bp: 50 },
          { fromMinor: 100, bp: 150 },
        ],
      },
      { amountMinor: 200 },
    );
    expect(line.amountMinor).toBe(2);
  });
});
