/** The KNF number format and the OC end warning of `<crm-people>`. */
import { expect, it } from 'vitest';
import { daysUntil, isKnfNumber, normalizeKnf, ocEndsSoon } from './knf.ts';

it('accepts RPH and six digits, written with spaces or in lower case, and nothing else', () => {
  expect(normalizeKnf(' rph 000 123 ')).toBe('RPH000123');
  expect(isKnfNumber('RPH000123')).toBe(true);
  expect(isKnfNumber('rph 012345')).toBe(true);
  for (const bad of ['', 'RPH12345', 'RPH0001234', 'RPX000123', '000123', 'RPH00012A'])
    expect(isKnfNumber(bad), bad).toBe(false);
});

it('warns when an OC policy ends within 30 days, on its last day, and once it has ended', () => {
  expect(daysUntil('2026-12-31', '2026-12-06')).toBe(25);
  expect(daysUntil('2027-03-29', '2026-03-01')).toBe(393); // across a DST change: whole days
  expect(ocEndsSoon('2027-01-05', '2026-12-06')).toBe(true); // 30 days
  expect(ocEndsSoon('2027-01-06', '2026-12-06')).toBe(false); // 31 days
  expect(ocEndsSoon('2026-12-06', '2026-12-06')).toBe(true);
  expect(ocEndsSoon('2026-11-30', '2026-12-06')).toBe(true);
});
