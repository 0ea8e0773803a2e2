import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate.ts';

const total = fc.integer({ min: -1e12, max: 1e12 });
const weights = fc
  .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 })
  .filter((w) => w.some((x) => x > 0));

describe('allocate', () => {
  it('splits so that the parts sum to the total', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(1000, [7000, 2000, 1000])).toEqual([700, 200, 100]);
    expect(allocate(5, [0, 1, 0, 1])).toEqual([0, 3, 0, 2]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });

  it('gives leftover grosze to the largest remainders', () => {
    // exact shares 3.3, 3.6, 3.1 → 3, 4, 3
    expect(allocate(10, [33, 36, 31])).toEqual([3, 4, 3]);
  });

  it('always sums to the total, each part within 1 grosz of its exact share', () => {
    fc.assert(
      fc.property(total, weights, (t, w) => {
        const parts = allocate(t, w);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(t);
        const sum = w.reduce((a, b) => a + b, 0);
        parts.forEach((p, i) => expect(Math.abs(p - (t * w[i]!) / sum)).toBeLessThan(1 + 1e-6));
      }),
    );
  });

  it('splits a clawback as the exact negation of the original split', () => {
    fc.assert(
      fc.property(total, weights, (t, w) => {
        expect(allocate(-t, w)).toEqual(allocate(t, w).map((p) => -p || 0));
      }),
    );
  });

  it('refuses weights it cannot split by', () => {
    expect(() => allocate(100, [])).toThrow(/at least one weight/);
    expect(() => allocate(100, [0, 0])).toThrow(/positive/);
    expect(() => allocate(100, [1, -1])).toThrow(/non-negative/);
    expect(() => allocate(100, [0.5, 0.5])).toThrow(/whole numbers/);
    expect(() => allocate(1.5, [1])).toThrow(/whole number of grosze/);
  });
});
