/**
 * @module ids/pesel
 * PESEL, the Polish national identification number: 11 digits, YYMMDD birth date with the century
 * folded into the month, a serial whose 10th digit gives the sex, and a check digit.
 */
import { fail, stripSeparators, weightedSum, type IdentifierResult } from './result.ts';

export type PeselReason = 'length' | 'digits' | 'checksum' | 'date';
export type PeselResult = IdentifierResult<PeselReason, { birthDate: string; sex: 'male' | 'female' }>;

const WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3] as const;
/** Month offset ÷ 20 → first year of the century: +80 → 1800s, +0 → 1900s, +20 → 2000s, … */
const CENTURY_BY_OFFSET = [1900, 2000, 2100, 2200, 1800] as const;

/** The check digit for the first ten digits: (10 − weighted sum mod 10) mod 10. */
export function peselCheckDigit(firstTen: string): number {
  return (10 - (weightedSum(firstTen, WEIGHTS) % 10)) % 10;
}

/**
 * Checks a PESEL and reads the date of birth and sex from it. Spaces are ignored. The checksum is
 * tested before the date, so a typo is reported as a typo.
 * @example
 * parsePesel('44051401359') // { ok: true, value: '44051401359', birthDate: '1944-05-14', sex: 'male' }
 * parsePesel('02270803624') // { ok: true, …, birthDate: '2002-07-08', sex: 'female' } (month 27 = July 2000s)
 * parsePesel('44051401358') // { ok: false, reason: 'checksum', messageKey: 'pesel.checksum', … }
 */
export function parsePesel(input: string): PeselResult {
  const s = stripSeparators(input);
  if (!/^\d*$/.test(s)) return fail('pesel', 'digits');
  if (s.length !== 11) return fail('pesel', 'length');
  if (peselCheckDigit(s) !== Number(s[10])) return fail('pesel', 'checksum');
  const birthDate = decodeBirthDate(s);
  if (!birthDate) return fail('pesel', 'date');
  return { ok: true, value: s, birthDate, sex: Number(s[9]) % 2 === 1 ? 'male' : 'female' };
}

function decodeBirthDate(s: string): string | undefined {
  const yy = Number(s.slice(0, 2));
  const mm = Number(s.slice(2, 4));
  const dd = Number(s.slice(4, 6));
  const century = CENTURY_BY_OFFSET[Math.floor((mm - 1) / 20)];
  const month = ((mm - 1) % 20) + 1;
  if (century === undefined || mm === 0 || month > 12) return undefined;
  const year = century + yy;
  if (dd < 1 || dd > daysInMonth(year, month)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; Date.UTC handles years ≥ 100 exactly.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
