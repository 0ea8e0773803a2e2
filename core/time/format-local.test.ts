import { describe, expect, it } from 'vitest';
import { formatLocal } from './format-local.ts';

describe('formatLocal', () => {
  const summer = new Date('2026-03-29T08:05:00Z');
  const winter = new Date('2026-03-28T08:05:00Z');

  it("writes Polish and English forms in the firm's zone", () => {
    expect(formatLocal('2026-01-05T07:05:00Z', 'Europe/Warsaw', 'pl', 'datetime')).toBe('05.01.2026, 08:05');
    expect(formatLocal('2026-01-05T07:05:00Z', 'Europe/Warsaw', 'en', 'datetime')).toBe('05/01/2026, 08:05');
    expect(formatLocal(summer, 'Europe/Warsaw', 'pl', 'datetime')).toBe('29.03.2026, 10:05');
    expect(formatLocal(summer, 'Europe/Warsaw', 'pl', 'date')).toBe('29.03.2026');
    expect(formatLocal(summer, 'Europe/Warsaw', 'en', 'datetime')).toBe('29/03/2026, 10:05');
    expect(formatLocal(summer, 'Europe/Warsaw', 'en', 'time')).toBe('10:05');
  });

  it('follows DST: the same UTC hour is an hour earlier on the wall in winter', () => {
    expect(formatLocal(winter, 'Europe/Warsaw', 'pl', 'time')).toBe('09:05');
    expect(formatLocal('2026-03-31T22:30:00Z', 'Europe/Warsaw', 'pl', 'date')).toBe('01.04.2026');
    expect(formatLocal('2026-03-31T22:30:00Z', 'UTC', 'pl', 'date')).toBe('31.03.2026');
  });

  it('refuses an unknown zone', () => {
    expect(() => formatLocal(summer, 'Poland/Krakow', 'pl', 'date')).toThrow(/Unknown time zone/);
  });
});
