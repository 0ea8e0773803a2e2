/**
 * The widgets' money input and the server's parseMoney are one parser (issue 11, item 12): the same
 * table, and random input, give the same grosze or the same refusal. The widget mirrors the code
 * because bundles load no core code; this test is what keeps the two the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMoney } from '../core/money/index.ts';
import { moneyInputText, parseMoneyInput } from '../widgets/base/money-input.ts';

const server = (s: string) => {
  const r = parseMoney(s);
  return r.ok ? r.value : null;
};

/** Input → grosze (null: refused). */
const table: Array<[string, number | null]> = [
  ['1 234,56', 123456],
  ['1\u00a0234,5', 123450],
  ['450000', 45000000],
  ['0.07', 7],
  [' 12 zł ', 1200],
  ['1 234,56 zł', 123456],
  ['1.234.567,89 PLN', 123456789],
  ['1,234,567.89', 123456789],
  ['1,234.56', 123456],
  ['PLN 12', 1200],
  ['-5', -500],
  ['−12,50', -1250],
  ['-PLN 5', -500],
  ['PLN -5', -500],
  ['+5', 500],
  ['-0,00', 0],
  ['90 071 992 547 409,91', Number.MAX_SAFE_INTEGER],
  ['90 071 992 547 409,92', null],
  ['1 2 3 4', null],
  ['12 34', null],
  ['', null],
  ['12,345', null],
  ['12.500', null],
  ['abc', null],
  ['1e6', null],
  ['--5', null],
  ['12,', null],
  ['NaN', null],
  ['1 2345,00', null],
  ['12 zł zł', null],
];

describe('parseMoneyInput is the server parser', () => {
  it.each(table)('%j → %s, as the server reads it', (input, expected) => {
    expect(parseMoneyInput(input)).toBe(expected);
    expect(server(input)).toBe(expected);
  });

  it('agrees with the server on random amount-like text', () => {
    const piece = fc.constantFrom(
      '1',
      '2',
      '0',
      '9',
      ' ',
      ',',
      '.',
      '-',
      '−',
      '+',
      'zł',
      'PLN',
      '\u00a0',
      '123',
      '000',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(parseMoneyInput(s)).toBe(server(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips through the input text, negatives included', () => {
    for (const minor of [123456, 45000000, -50, -123456, 0, 7])
      expect(parseMoneyInput(moneyInputText(minor))).toBe(minor);
    expect(moneyInputText(-50)).toBe('-0,50');
  });
});
