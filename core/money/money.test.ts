import { describe, expect, it } from 'vitest';
import { assertAmountMinor, formatMoney } from './money.ts';

const nbsp = (s: string) => s.replace(/ /g, '\u00a0');

describe('formatMoney', () => {
  it('groups thousands in Polish, also for 4-digit amounts', () => {
    expect(formatMoney(123456)).toBe(nbsp('1 234,56 zł'));
    expect(formatMoney(123456, { locale: 'pl-PL', currency: 'PLN' })).toBe(nbsp('1 234,56 zł'));
    expect(formatMoney(5)).toBe(nbsp('0,05 zł'));
    expect(formatMoney(-3_000_000_00)).toBe(nbsp('-3 000 000,00 zł'));
  });

  it('formats in English with the currency code', () => {
    expect(formatMoney(123456, { locale: 'en-GB' })).toBe(nbsp('PLN 1,234.56'));
    expect(formatMoney(-50, { locale: 'en-GB', currency: 'EUR' })).toBe('-€0.50');
  });

  it('keeps every digit of the largest safe amount', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe(nbsp('90 071 992 547 409,91 zł'));
  });

  it('refuses amounts that are not whole grosze', () => {
    expect(() => formatMoney(12.5)).toThrow(/whole number of grosze/);
    expect(() => assertAmountMinor(Number.NaN)).toThrow(/whole number/);
    expect(() => assertAmountMinor(2 ** 53)).toThrow(/whole number/);
  });
});
