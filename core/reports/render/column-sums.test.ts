import { describe, expect, it } from 'vitest';
import { createColumnSums } from './column-sums.ts';

const columns = [
  { key: 'product', label: 'Produkt' },
  { key: 'fee', label: 'Prowizja', kind: 'money' as const },
];

describe('createColumnSums', () => {
  it('adds money columns in whole grosze and skips empty cells', () => {
    const sums = createColumnSums(columns);
    for (const fee of [10, 20, null, 1]) sums.add({ product: 'x', fee });
    expect(sums.of('fee')).toBe(31);
    expect(() =>
      sums.check([
        ['Razem', 31, 'fee'],
        ['Podatek', 999],
      ]),
    ).not.toThrow();
  });

  it('refuses a total that disagrees with its column or names a non-money column', () => {
    const sums = createColumnSums(columns);
    sums.add({ product: 'x', fee: 100 });
    expect(() => sums.check([['Razem', 101, 'fee']])).toThrow(/adds up to 100/);
    expect(() => sums.check([['Razem', 100, 'product']])).toThrow(/not a money column/);
  });
});
