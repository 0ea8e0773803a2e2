import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRate, applyRateBp, divRoundHalfUp } from './rate.ts';

/** Reference: half up away from zero as floor((2|x| + d) / 2d), with the sign put back. */
function reference(baseMinor: number, rateBp: number): number {
  const x = BigInt(baseMinor) * BigInt(rateBp);
  const abs = x < 0n ? -x : x;
  const r = (2n * abs + 10_000n) / 20_000n;
  return Number(x < 0n ? -r : r);
}

const amount = fc.integer({ min: -1e13, max: 1e13 });
const bp = fc.integer({ min: -10_000, max: 10_000 });

describe('applyRateBp', () => {
  it('rounds half up, away from zero', () => {
    expect(applyRateBp(12345, 50)).toBe(62); // 61.725 gr
    expect(applyRateBp(-12345, 50)).toBe(-62);
    expect(applyRateBp(100, 50)).toBe(1); // exactly 0.5 gr
    expect(applyRateBp(-100, 50)).toBe(-1);
    expect(applyRateBp(99, 50)).toBe(0); // 0.495 gr
    expect(applyRateBp(30_000_000, 125)).toBe(375_000);
  });

  it('matches a BigInt reference', () => {
    fc.assert(
      fc.property(amount, bp, (base, rate) => {
        expect(applyRateBp(base, rate)).toBe(reference(base, rate));
      }),
    );
  });

  it('gives a clawback the exact negation of the original commission', () => {
    fc.assert(
      fc.property(amount, bp, (base, rate) => {
        expect(applyRateBp(-base, rate) + applyRateBp(base, rate)).toBe(0);
      }),
    );
    // Exact halves are where half-up rules differ: k × 200 gr at 25 bp is k/2 gr, k odd.
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => {
        const k = 2 * n + 1;
        expect(applyRateBp(k * 200, 25)).toBe((Math.sign(k) * (Math.abs(k) + 1)) / 2);
        expect(applyRateBp(-k * 200, 25)).toBe(-applyRateBp(k * 200, 25));
      }),
    );
  });

  it('refuses floats and results it cannot hold exactly', () => {
    expect(() => applyRateBp(100.5, 50)).toThrow(/whole number of grosze/);
    expect(() => applyRateBp(100, 12.5)).toThrow(/basis points/);
    expect(() => applyRateBp(Number.MAX_SAFE_INTEGER, 20_000)).toThrow(/too large/);
  });
});

describe('applyRate', () => {
  it('applies an exact decimal rate', () => {
    expect(applyRate(30_000_000, '0.0125')).toBe(375_000);
    expect(applyRate(999, '0.00875')).toBe(9); // 8.74125
    expect(applyRate(-999, '0.00875')).toBe(-9);
    expect(applyRate(200, '0.0025')).toBe(1); // exactly 0.5
    expect(applyRate(12345, '1')).toBe(12345);
  });

  it('agrees with applyRateBp for whole basis points, and negates exactly', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 10_000 }), (base, rate) => {
        const decimal = (rate / 10_000).toFixed(4);
        expect(applyRate(base, decimal)).toBe(applyRateBp(base, rate));
        expect(applyRate(-base, decimal) + applyRate(base, decimal)).toBe(0);
      }),
    );
  });

  it('refuses rates that are not exact decimal strings', () => {
    for (const bad of ['1.25%', '', '.5', '1e-3', 'abc'])
      expect(() => applyRate(100, bad), bad).toThrow(/decimal string/);
    expect(() => applyRate(100, 0.0125 as unknown as string)).toThrow(/decimal string/);
  });
});

describe('divRoundHalfUp', () => {
  it('is symmetric around zero', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n, max: 10n ** 20n }), (n, d) => {
        expect(divRoundHalfUp(-n, d)).toBe(-divRoundHalfUp(n, d));
      }),
    );
  });
});
