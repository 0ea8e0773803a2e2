import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleSetProblems } from '../rules/load.ts';
import type { ClawbackRule } from '../rules/clawback-schema.ts';
import type { CommissionRuleSet } from '../rules/schema.ts';
import { clawbackTerms, fullMonths } from './clawback-terms.ts';

const demo = JSON.parse(
  readFileSync(new URL('../../../examples/demo-firm/commission-rules.json', import.meta.url), 'utf8'),
) as CommissionRuleSet;
const mortgage = {
  date: '2026-01-10',
  provider: 'bank-aurora',
  product: 'aurora-mortgage',
  productCategory: 'mortgage',
};
const lease = {
  date: '2026-01-10',
  provider: 'leasing-mazowsze',
  product: 'mazowsze-car-lease',
  productCategory: 'leasing',
};
const life = { date: '2026-01-10', provider: 'tu-tarcza', product: 'tarcza-life', productCategory: 'insurance' };
const share = (sale: typeof mortgage, kind: Parameters<typeof clawbackTerms>[2], date: string) => {
  const t = clawbackTerms(demo, sale, kind, date);
  return [t.rule.id, `${t.fraction.numerator}/${t.fraction.denominator}`];
};

describe('clawback terms from the rule set (demo firm)', () => {
  it('full months: the day of the month decides', () => {
    // 10.01 → 09.06 is 4 full months (the 5th ends on 10.06); → 10.06 is 5.
    expect([fullMonths('2026-01-10', '2026-06-09'), fullMonths('2026-01-10', '2026-06-10')]).toEqual([4, 5]);
  });

  it('early repayment of a mortgage reverses (12 − full months)/12 within 12 months, 422 after', () => {
    // 5 full months → (12 − 5)/12 = 7/12; 4 → 8/12.
    expect(share(mortgage, 'early-repayment', '2026-06-10')).toEqual(['consumer-credit-early-repayment', '7/12']);
    expect(share(mortgage, 'early-repayment', '2026-06-09')).toEqual(['consumer-credit-early-repayment', '8/12']);
    expect(() => clawbackTerms(demo, mortgage, 'early-repayment', '2027-01-10')).toThrow(/12 months/);
  });

  it('withdrawal within 14 days reverses all; on day 15 it is refused naming /date', () => {
    expect(share(mortgage, 'withdrawal', '2026-01-24')).toEqual(['consumer-credit-withdrawal', '1/1']);
    let error: unknown;
    try {
      clawbackTerms(demo, mortgage, 'withdrawal', '2026-01-25');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid', details: { problems: [{ path: '/date' }] } });
  });

  it('leasing: an early buyout reverses nothing; a withdrawal is not allowed (422 naming /kind)', () => {
    expect(share(lease, 'early-repayment', '2026-06-10')).toEqual(['leasing-early-buyout', '0/1']);
    expect(share(lease, 'rejection', '2026-06-10')).toEqual(['provider-rejection', '1/1']);
    let error: unknown;
    try {
      clawbackTerms(demo, lease, 'withdrawal', '2026-01-12');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'invalid',
      details: {
        problems: [
          { path: '/kind', message: 'not allowed for this product (allowed: early-repayment, rejection, other)' },
        ],
      },
    });
  });

  it('a table: life insurance ended after 4 full months reverses 1/2, after 6 reverses 1/4', () => {
    expect(share(life, 'early-repayment', '2026-05-10')).toEqual(['insurance-early-termination', '1/2']);
    expect(share(life, 'early-repayment', '2026-07-15')).toEqual(['insurance-early-termination', '1/4']);
    expect(share(life, 'early-repayment', '2026-02-09')).toEqual(['insurance-early-termination', '1/1']);
  });

  it('a rule set without clawbacks refuses every kind, saying so', () => {
    expect(() => clawbackTerms({ clawbacks: [] }, mortgage, 'rejection', '2026-02-01')).toThrow(/not allowed/);
  });
});

describe('clawback rule checks', () => {
  const rule = (id: string, extra: Partial<ClawbackRule> = {}): ClawbackRule => ({
    id,
    validFrom: '2026-01-01',
    kinds: ['early-repayment'],
    fraction: { unexpiredMonths: 12 },
    ...extra,
  });
  const problems = (clawbacks: unknown[]) =>
    ruleSetProblems({ version: 1, rules: [], clawbacks }).map((p) => `${p.path}  ${p.message}`);

  it('reports overlaps, gaps, tables out of order, shares over the whole, duplicate ids', () => {
    expect(
      problems([
        rule('a', { validTo: '2026-03-01' }),
        rule('b', { validFrom: '2026-04-01' }),
        rule('a', {
          kinds: ['early-repayment', 'other'],
          when: { productCategory: ['leasing'] },
          fraction: 'none',
          validTo: '2026-02-01',
        }),
        rule('t', {
          kinds: ['withdrawal'],
          fraction: {
            table: [
              { fromMonth: 1, numerator: 1, denominator: 1 },
              { fromMonth: 1, numerator: 3, denominator: 2 },
            ],
          },
        }),
      ]),
    ).toEqual([
      '/clawbacks/2/id  the id "a" is already used by /clawbacks/0',
      '/clawbacks/3/fraction/table/0/fromMonth  the first row must start at month 0, not 1',
      '/clawbacks/3/fraction/table/1/numerator  a share cannot exceed the whole: 3/2',
      '/clawbacks/3/fraction/table/1/fromMonth  rows out of order: month 1 does not come after month 1',
      '/clawbacks/2  overlaps clawback rule "a" (/clawbacks/0): both would govern a cancellation of kind ' +
        'early-repayment of the same sale made from 2026-01-01 until 2026-02-01; narrow the conditions or ' +
        'dates, or give the intended one a higher priority',
      '/clawbacks/1/validFrom  gap in the clawback rules for kind "early-repayment": no rule governs sales made ' +
        'from 2026-03-01 until 2026-04-01, though rules exist before and after',
    ]);
  });

  it('the schema refuses an unknown kind and a fraction that is none of the forms', () => {
    const found = problems([rule('x', { kinds: ['refund' as never], fraction: { percent: 50 } as never })]);
    expect(found).toContain(
      '/clawbacks/0/kinds/0  must be one of: "withdrawal", "rejection", "early-repayment", "other"',
    );
    expect(found).toContain('/clawbacks/0/fraction  must match a schema in anyOf');
  });
});
