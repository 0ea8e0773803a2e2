import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from './money.ts';
import { moneyMessages, parseMoney } from './parse-money.ts';

const ok = (value: number) => ({ ok: true, value });

describe('parseMoney', () => {
  it('reads Polish and dot notation into grosze', () => {
    expect(parseMoney('1 234,56 zł')).toEqual(ok(123456));
    expect(parseMoney('1234.56')).toEqual(ok(123456));
    expect(parseMoney('1234,5')).toEqual(ok(123450));
    expect(parseMoney('1\u00a0234,56\u00a0zł')).toEqual(ok(123456));
    expect(parseMoney('1.234.567,89 PLN')).toEqual(ok(123456789));
    expect(parseMoney('1,234,567.89')).toEqual(ok(123456789));
    expect(parseMoney('PLN 12')).toEqual(ok(1200));
    expect(parseMoney('  7 ')).toEqual(ok(700));
  });

  it('reads signs, before or after a currency prefix', () => {
    expect(parseMoney('-1 234,56 zł')).toEqual(ok(-123456));
    expect(parseMoney('−12,50')).toEqual(ok(-1250));
    expect(parseMoney('-PLN 5')).toEqual(ok(-500));
    expect(parseMoney('PLN -5')).toEqual(ok(-500));
    expect(parseMoney('+5')).toEqual(ok(500));
    expect(Object.is(parseMoney('-0,00').ok && (parseMoney('-0,00') as { value: number }).value, 0)).toBe(true);
  });

  it('refuses fractions of a grosz instead of rounding them', () => {
    expect(parseMoney('12,345')).toEqual({
      ok: false,
      reason: 'precision',
      message: moneyMessages.en['money.precision'],
      messageKey: 'money.precision',
    });
    expect(parseMoney('0.001')).toMatchObject({ reason: 'precision' });
    expect(parseMoney('12.500')).toMatchObject({ reason: 'precision' });
  });

  it('refuses what is not an amount', () => {
    for (const bad of [
      '',
      'abc',
      '12 34',
      '1.2.3,4,5',
      '12,',
      'NaN',
      'Infinity',
      '1e5',
      '--5',
      '12 zł zł',
      '1 2345,00',
    ]) {
      expect(parseMoney(bad), bad).toMatchObject({ ok: false, reason: 'format' });
    }
    expect(parseMoney(123456 as unknown as string)).toMatchObject({ ok: false, reason: 'format' });
  });

  it('refuses amounts beyond safe integers', () => {
    expect(parseMoney('90 071 992 547 409,91')).toEqual(ok(Number.MAX_SAFE_INTEGER));
    expect(parseMoney('90 071 992 547 409,92')).toMatchObject({
      ok: false,
      reason: 'range',
      messageKey: 'money.range',
    });
  });

  it('reads back what formatMoney writes, in both locales', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom('pl-PL' as const, 'en-GB' as const), (minor, locale) => {
        const text = formatMoney(minor, { locale })
          .replace(/-PLN\s?/, '-')
          .replace(/^PLN\s?/, '');
        expect(parseMoney(text)).toEqual(ok(minor));
      }),
    );
  });
});
