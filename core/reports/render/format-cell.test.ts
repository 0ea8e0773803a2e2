import { describe, expect, it } from 'vitest';
import { calendarDay, formatCell, formatDate, formatMoney, formatPercent, scaledDecimal } from './format-cell.ts';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('writes Polish amounts with grouped thousands, comma and zł', () => {
    expect(plain(formatMoney(123456, 'pl'))).toBe('1 234,56 zł');
    expect(plain(formatMoney(123456789, 'pl'))).toBe('1 234 567,89 zł');
    expect(plain(formatMoney(-5, 'pl'))).toBe('-0,05 zł');
    expect(plain(formatMoney(0, 'pl'))).toBe('0,00 zł');
  });

  it('writes English amounts with the currency code first', () => {
    expect(plain(formatMoney(123456, 'en'))).toBe('PLN 1,234.56');
  });

  it('is exact where float division would not be', () => {
    // 9007199254740991 / 100 as a double prints ...409.9, losing a grosz
    expect(plain(formatMoney(Number.MAX_SAFE_INTEGER, 'pl'))).toBe('90 071 992 547 409,91 zł');
    expect(plain(formatMoney(1005, 'pl'))).toBe('10,05 zł');
  });

  it('rejects amounts that are not whole grosze', () => {
    expect(() => formatMoney(10.5, 'pl')).toThrow(/integer/);
  });
});

describe('scaledDecimal', () => {
  it('places the decimal point by digits', () => {
    expect(scaledDecimal(7, 2)).toBe('0.07');
    expect(scaledDecimal(-123456, 2)).toBe('-1234.56');
    expect(scaledDecimal(150, 4)).toBe('0.0150');
  });
});

describe('formatPercent and dates', () => {
  it('shows basis points as percent with two decimals', () => {
    expect(plain(formatPercent(150, 'en'))).toBe('1.50%');
    expect(plain(formatPercent(12345, 'pl'))).toMatch(/^123,45 ?%$/);
  });

  it('reads plain dates as they are and instants on the Warsaw clock', () => {
    expect(formatDate('2026-01-31', 'pl')).toBe('31.01.2026');
    expect(formatDate('2026-01-31', 'en')).toBe('2026-01-31');
    expect(calendarDay('2026-01-31T23:30:00Z')).toBe('2026-02-01');
    expect(() => calendarDay('soon')).toThrow(/Not a date/);
  });
});

describe('formatCell', () => {
  it('leaves empty cells empty and refuses text in a money column', () => {
    const money = { key: 'amount', label: 'Kwota', kind: 'money' as const };
    expect(formatCell(money, null, 'pl')).toBe('');
    expect(() => formatCell(money, '12,00', 'pl')).toThrow(/amount/);
    expect(formatCell({ key: 'n', label: 'N' }, 42, 'pl')).toBe('42');
  });
});
