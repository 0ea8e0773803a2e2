import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertRuleSet } from '../rules/load.ts';
import type { CommissionRule } from '../rules/schema.ts';
import { moneyEn, moneyPl, moneyPlain } from './explain-format.ts';
import { plainExplanation } from './lazy-explanation.ts';
import { proposeCommissions } from './propose.ts';
import { fromBp, percentText } from './rate-math.ts';
import type { LineExplanation } from './types.ts';

const sale = (amountMinor: number) => ({
  id: 's-1',
  date: '2026-03-10',
  amountMinor,
  provider: 'bank-a',
  product: 'mortgage',
  advisorId: 'adv-1',
});

describe('explanations written when first read', () => {
  it('give, for a bp rule with caps and a share of it, the texts the formula spells out', () => {
    const capped = fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        capped,
        capped,
        fc.integer({ min: 0, max: 2_000_000_000 }),
        (firmBp, shareBp, min, max, amount) => {
          const firm: CommissionRule = { id: 'firm-1', ledger: 'firm', validFrom: '2026-01-01', rate: { bp: firmBp } };
          if (min !== undefined) firm.minMinor = min;
          if (max !== undefined && (min === undefined || max >= min)) firm.maxMinor = max;
          const share: CommissionRule = {
            id: 'adv-1',
            ledger: 'advisor',
            validFrom: '2026-01-01',
            base: { of: 'ledger', ledger: 'firm' },
            rate: { bp: shareBp },
          };
          const rs = assertRuleSet({ version: 4, rules: [firm, share] });
          const [f, a] = proposeCommissions(sale(amount), {}, rs);
          const uncapped = Math.floor((amount * firmBp + 5_000) / 10_000); // half up, exact in doubles here
          const expectLine = (
            e: LineExplanation,
            bp: number,
            base: number,
            raw: number,
            ledgerPl: string,
            ledgerEn: string,
            tag: string,
          ) => {
            const pct = fromBp(bp);
            let pl = `${percentText(pct, ',')} × ${moneyPl(base)}${ledgerPl} = ${moneyPl(raw)}`;
            let en = `${percentText(pct, '.')} × ${moneyEn(base)}${ledgerEn} = ${moneyEn(raw)}`;
            let plain = `${moneyPlain(base)} × ${percentText(pct, '.')} = ${moneyPlain(raw)}`;
            const c = e.capApplied;
            if (c?.kind === 'min') {
              pl += ` → minimum ${moneyPl(c.limitMinor)}`;
              en += ` → raised to the minimum ${moneyEn(c.limitMinor)}`;
              plain += ` → min ${moneyPlain(c.limitMinor)}`;
            } else if (c?.kind === 'max') {
              pl += ` → maksimum ${moneyPl(c.limitMinor)}`;
              en += ` → capped at ${moneyEn(c.limitMinor)}`;
              plain += ` → max ${moneyPlain(c.limitMinor)}`;
            }
            expect(JSON.parse(JSON.stringify(e))).toEqual({
              ...JSON.parse(JSON.stringify({ base: e.base, rate: e.rate, capApplied: e.capApplied })),
              pl: `${pl} (reguła ${tag}, wersja 4)`,
              en: `${en} (rule ${tag}, version 4)`,
              arithmetic: plain,
            });
          };
          expect(f!.explanation.capApplied?.uncappedMinor ?? uncapped).toBe(uncapped);
          expectLine(f!.explanation, firmBp, amount, uncapped, '', '', 'firm-1');
          expectLine(
            a!.explanation,
            shareBp,
            f!.amountMinor,
            a!.amountMinor,
            ' (prowizja firmy)',
            " (the firm's commission)",
            'adv-1',
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('are stored as the same plain object, keep a text set by hand, and copy with plainExplanation', () => {
    const rs = assertRuleSet({
      version: 1,
      rules: [
        { id: 'fixed', ledger: 'firm', validFrom: '2026-01-01', rate: { fixedMinor: 250_00 }, maxMinor: 200_00 },
        {
          id: 'tiers',
          ledger: 'advisor',
          validFrom: '2026-01-01',
          base: { of: 'ledger', ledger: 'firm' },
          rate: { tiers: [{ fromMinor: 0, bp: 4000 }], by: 'saleAmount', mode: 'whole' },
        },
      ],
    });
    const [firm, adv] = proposeCommissions(sale(1_000_00), {}, rs);
    const stored = JSON.parse(JSON.stringify(firm!.explanation));
    expect(Object.keys(stored)).toEqual(['base', 'rate', 'arithmetic', 'pl', 'en', 'capApplied']);
    expect(stored.pl).toBe('kwota stała = 250,00\u00a0zł → maksimum 200,00\u00a0zł (reguła fixed, wersja 1)');
    expect(stored.arithmetic).toBe('fixed = 250.00 → max 200.00');
    expect(plainExplanation(firm!.explanation)).toEqual(stored);
    // A spread copies only the numbers: what plainExplanation is for.
    expect({ ...firm!.explanation }).not.toHaveProperty('pl');
    expect(Object.keys(JSON.parse(JSON.stringify(adv!.explanation)))).toEqual([
      'base',
      'rate',
      'arithmetic',
      'pl',
      'en',
      'tier',
    ]);
    expect(adv!.explanation.en).toBe(
      "40.00% × PLN\u00a0200.00 (the firm's commission) [tier from PLN\u00a00.00 by sale amount PLN\u00a01,000.00]" +
        ' = PLN\u00a080.00 (rule tiers, version 1)',
    );
    adv!.explanation.pl = 'poprawione';
    expect(adv!.explanation.pl).toBe('poprawione');
    expect(JSON.parse(JSON.stringify(adv!.explanation)).pl).toBe('poprawione');
    expect(adv!.explanation.arithmetic).toBe('200.00 × 40.00% [tier 1] = 80.00');
  });
});
