import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRate, applyRateBp, divRoundHalfUp, formatMoney } from '../../money/index.ts';
import { assertRuleSet } from '../rules/load.ts';
import type { CommissionRule, CommissionRuleSet } from '../rules/schema.ts';
import { clawbackLines } from './clawback.ts';
import { moneyEn, moneyPl } from './explain-format.ts';
import { proposeCommissions } from './propose.ts';
import type { CommissionLine, CommissionSale } from './types.ts';

const providers = ['bank-a', 'bank-b'];
const products = ['mortgage', 'cash-loan'];
const days = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01'];

const rate = fc.oneof(
  fc.record({ bp: fc.integer({ min: 0, max: 10_000 }) }),
  fc.integer({ min: 0, max: 99_999 }).map((n) => ({ decimal: `0.${String(n).padStart(5, '0')}` })),
  fc.record({ fixedMinor: fc.integer({ min: 0, max: 1_000_000 }) }),
  fc.record({
    tiers: fc
      .uniqueArray(fc.integer({ min: 1, max: 100_000_000 }), { maxLength: 3 })
      .chain((starts) =>
        fc.tuple(
          ...[0, ...starts.sort((a, b) => a - b)].map((fromMinor) =>
            fc.integer({ min: 0, max: 5_000 }).map((bp) => ({ fromMinor, bp })),
          ),
        ),
      ),
    by: fc.constantFrom('saleAmount' as const, 'periodVolume' as const),
    mode: fc.constantFrom('marginal' as const, 'whole' as const),
  }),
);
const caps = fc.tuple(
  fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
  fc.option(fc.integer({ min: 200_000, max: 2_000_000 }), { nil: undefined }),
);

/**
 * Random rule sets that pass the checks by construction: one chain of consecutive date ranges per
 * (ledger, provider, product), so nothing overlaps; advisor and unit rules take the firm line as base.
 */
const ruleSetArb: fc.Arbitrary<CommissionRuleSet> = fc
  .record({
    firm: fc.array(fc.tuple(rate, caps), { minLength: 4, maxLength: 4 }),
    cuts: fc.array(fc.integer({ min: 1, max: days.length - 1 }), { minLength: 4, maxLength: 4 }),
    advisor: fc.tuple(rate, caps),
    partner: fc.tuple(rate, caps),
    unit: fc.tuple(rate, caps),
  })
  .map(({ firm, cuts, advisor, partner, unit }) => {
    const rules: CommissionRule[] = [];
    const withCaps = (r: CommissionRule, [min, max]: [number | undefined, number | undefined]): CommissionRule => ({
      ...r,
      ...(min !== undefined ? { minMinor: min } : {}),
      ...(max !== undefined ? { maxMinor: max } : {}),
    });
    let k = 0;
    for (const provider of providers)
      for (const product of products) {
        const [r, c] = firm[k]!;
        const cut = days[cuts[k]!]!;
        k++;
        // The same rule before and after a rate change at `cut`, the later one at 1 bp more.
        const later = 'bp' in r && r.bp !== undefined ? { bp: r.bp + 1 } : r;
        rules.push(
          withCaps(
            {
              id: `f-${provider}-${product}-1`,
              ledger: 'firm',
              validFrom: '2026-01-01',
              validTo: cut,
              when: { provider: [provider], product: [product] },
              rate: r,
            },
            c,
          ),
        );
        rules.push(
          withCaps(
            {
              id: `f-${provider}-${product}-2`,
              ledger: 'firm',
              validFrom: cut,
              when: { provider: [provider], product: [product] },
              rate: later,
              version: 2,
            },
            c,
          ),
        );
      }
    rules.push(
      withCaps(
        {
          id: 'adv',
          ledger: 'advisor',
          validFrom: '2026-01-01',
          base: { of: 'ledger', ledger: 'firm' },
          rate: advisor[0],
        },
        advisor[1],
      ),
    );
    rules.push(withCaps({ id: 'par', ledger: 'partner', validFrom: '2026-01-01', rate: partner[0] }, partner[1]));
    rules.push(
      withCaps(
        { id: 'unit', ledger: 'unit', validFrom: '2026-01-01', base: { of: 'ledger', ledger: 'firm' }, rate: unit[0] },
        unit[1],
      ),
    );
    return assertRuleSet({ version: 1, rules });
  });

const saleArb: fc.Arbitrary<CommissionSale> = fc.record({
  id: fc.constant('s'),
  date: fc.integer({ min: 0, max: 180 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10)),
  amountMinor: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 5_000_000_00 })),
  provider: fc.constantFrom(...providers),
  product: fc.constantFrom(...products),
  advisorId: fc.option(fc.constant('adv-1'), { nil: undefined }),
  partnerId: fc.option(fc.constant('par-1'), { nil: undefined }),
  unitId: fc.option(fc.constant('unit-1'), { nil: undefined }),
});
const volume = fc.integer({ min: 0, max: 300_000_000 });

/** The line by the book: core money functions, tiers summed as exact fractions, caps last. */
function reference(rule: CommissionRule, baseMinor: number, saleMinor: number, volumeBefore: number): number {
  const r = rule.rate!;
  let amount: number;
  if (r.bp !== undefined) amount = applyRateBp(baseMinor, r.bp);
  else if (r.decimal !== undefined) amount = applyRate(baseMinor, r.decimal);
  else if (r.fixedMinor !== undefined) amount = r.fixedMinor;
  else {
    const tiers = r.tiers!;
    const start = r.by === 'periodVolume' ? volumeBefore : 0;
    const end = start + saleMinor;
    if (r.mode === 'whole') {
      const t = [...tiers].reverse().find((x) => x.fromMinor <= end)!;
      amount = applyRateBp(baseMinor, t.bp!);
    } else {
      let bpGrosze = 0n; // Σ portion × bp
      tiers.forEach((t, i) => {
        const hi = Math.min(end, tiers[i + 1]?.fromMinor ?? Infinity);
        const lo = Math.max(start, t.fromMinor);
        if (hi > lo) bpGrosze += BigInt(hi - lo) * BigInt(t.bp!);
      });
      amount = saleMinor === 0 ? 0 : Number(divRoundHalfUp(BigInt(baseMinor) * bpGrosze, BigInt(saleMinor) * 10_000n));
    }
  }
  if (rule.minMinor !== undefined && amount < rule.minMinor) return rule.minMinor;
  if (rule.maxMinor !== undefined && amount > rule.maxMinor) return rule.maxMinor;
  return amount;
}

const sumBy = (lines: readonly { ledger: string; amountMinor: number }[]) => {
  const out: Record<string, number> = {};
  for (const l of lines) out[l.ledger] = (out[l.ledger] ?? 0) + l.amountMinor;
  return out;
};

describe('commission engine properties', () => {
  it("proposes whole grosze, a line's total is the sum of its lines, and the order of rules does not matter", () => {
    fc.assert(
      fc.property(ruleSetArb, saleArb, volume, (rs, sale, v) => {
        const lines = proposeCommissions(sale, { periodVolumeMinor: { firm: v, advisor: v, partner: v, unit: v } }, rs);
        for (const l of lines) expect(Number.isSafeInteger(l.amountMinor)).toBe(true);
        // Each line equals an independent reference computation from its rule and base.
        for (const l of lines)
          expect(l.amountMinor, `${l.ledger} ${l.explanation.arithmetic}`).toBe(
            reference(
              rs.rules.find((r) => r.id === l.ruleId)!,
              l.explanation.base.amountMinor,
              sale.amountMinor,
              v,
            ),
          );
        const reversed = proposeCommissions(
          sale,
          { periodVolumeMinor: { firm: v, advisor: v, partner: v, unit: v } },
          { ...rs, rules: [...rs.rules].reverse() },
        );
        // As stored (JSON): the explanations' texts too, which are written when first read.
        expect(JSON.parse(JSON.stringify(reversed))).toEqual(JSON.parse(JSON.stringify(lines)));
        // Dependent ledgers use the firm's line as their base, to the grosz.
        const firmTotal = sumBy(lines).firm;
        for (const l of lines.filter((x) => x.ledger === 'advisor' && !x.missing))
          expect(l.explanation.base.amountMinor).toBe(firmTotal);
      }),
      { numRuns: 300 },
    );
  });

  it('nets a sale and its full clawback to exactly zero on every ledger', () => {
    fc.assert(
      fc.property(
        ruleSetArb,
        saleArb,
        fc.constantFrom('withdrawal' as const, 'rejection' as const, 'early-repayment' as const),
        (rs, sale, kind) => {
          const lines = proposeCommissions(sale, {}, rs);
          const back = clawbackLines(lines, { kind, date: '2026-07-01' });
          const net = sumBy([...lines, ...back]);
          for (const ledger of Object.keys(net)) expect(net[ledger]).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a proportional clawback never reverses more than the original; kept part + reversed part = original', () => {
    const line = fc.record({ amountMinor: fc.integer({ min: -1e13, max: 1e13 }) });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 120 }).chain((d) => fc.tuple(fc.integer({ min: 0, max: d }), fc.constant(d))),
        (ls, [n, d]) => {
          const originals = ls.map(
            (l, i) =>
              ({
                saleId: 's',
                ledger: 'advisor',
                component: `c${i}`,
                beneficiary: { kind: 'advisor', id: 'a' },
                amountMinor: l.amountMinor,
                ruleId: 'r',
                ruleVersion: 1,
                explanation: {},
              }) as CommissionLine,
          );
          const back = clawbackLines(originals, {
            kind: 'early-repayment',
            date: '2026-07-01',
            fraction: { numerator: n, denominator: d },
          });
          for (const b of back) {
            const o = originals.find((x) => x.component === b.component)!;
            expect(Math.abs(b.amountMinor)).toBeLessThanOrEqual(Math.abs(o.amountMinor));
            expect(Math.sign(b.amountMinor)).toBe(-Math.sign(o.amountMinor));
            // Within a grosz of the exact share.
            expect(Math.abs(-b.amountMinor - (o.amountMinor * n) / d)).toBeLessThan(1 + 1e-6);
          }
        },
      ),
    );
  });

  it('uses the old rate for a sale dated before a rate change and the new one from the change', () => {
    fc.assert(
      fc.property(ruleSetArb, saleArb, (rs, sale) => {
        const firm = proposeCommissions(sale, {}, rs).find((l) => l.ledger === 'firm')!;
        const rule = rs.rules.find((r) => r.id === firm.ruleId)!;
        expect(sale.date >= rule.validFrom && (!rule.validTo || sale.date < rule.validTo)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('writes amounts in explanations exactly as formatMoney does', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (m) => {
        expect(moneyPl(m)).toBe(formatMoney(m));
        expect(moneyEn(m)).toBe(formatMoney(m, { locale: 'en-GB' }));
      }),
    );
  });
});
