import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../money/index.ts';
import { AmountTexts, moneyEn, moneyPl, moneyPlain } from './explain-format.ts';

/** Amounts around every group boundary as well as anywhere in the safe range. */
const amount = fc.oneof(
  fc.maxSafeInteger(),
  fc.integer({ min: -200_000, max: 200_000 }),
  fc
    .tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: -3, max: 3 }))
    .map(([e, d]) => Math.min(Number.MAX_SAFE_INTEGER, 10 ** e + d)),
);
const plain = (m: number) =>
  `${m < 0 ? '-' : ''}${(BigInt(Math.abs(m)) / 100n).toString()}.${String(Math.abs(m) % 100).padStart(2, '0')}`;

describe('explanation money texts', () => {
  it('write every amount exactly as formatMoney (Intl) does, and the plain notation digit for digit', () => {
    fc.assert(
      fc.property(amount, (m) => {
        expect(moneyPl(m)).toBe(formatMoney(m));
        expect(moneyEn(m)).toBe(formatMoney(m, { locale: 'en-GB' }));
        expect(moneyPlain(m)).toBe(plain(m));
      }),
      { numRuns: 500 },
    );
  });

  it('AmountTexts gives the same three texts, also when amounts repeat and slots are reused', () => {
    const texts = new AmountTexts();
    fc.assert(
      fc.property(fc.array(fc.oneof(amount, fc.constantFrom(0, 405_000, -1, 99_999_999)), { maxLength: 12 }), (ms) => {
        for (const m of ms) {
          const i = texts.at(m);
          expect([texts.pl[i], texts.en[i], texts.plain[i]]).toEqual([
            formatMoney(m),
            formatMoney(m, { locale: 'en-GB' }),
            plain(m),
          ]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
