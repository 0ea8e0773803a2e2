import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePesel } from './pesel.ts';

/** Independent reference: builds a PESEL from a date, a 3-digit serial and the sex. */
function makePesel(y: number, m: number, d: number, serial: number, sex: 'male' | 'female'): string {
  const offset = { 18: 80, 19: 0, 20: 20, 21: 40, 22: 60 }[Math.floor(y / 100)]!;
  const p2 = (n: number) => String(n).padStart(2, '0');
  const sexDigit = (serial % 5) * 2 + (sex === 'male' ? 1 : 0);
  const ten = `${p2(y % 100)}${p2(m + offset)}${p2(d)}${String(serial).padStart(3, '0')}${sexDigit}`;
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...ten].reduce((acc, c, i) => acc + Number(c) * w[i]!, 0);
  return ten + ((10 - (sum % 10)) % 10);
}

const variants = (s: string) =>
  [...s].flatMap((c, i) => [...'0123456789'].filter((x) => x !== c).map((x) => s.slice(0, i) + x + s.slice(i + 1)));

describe('parsePesel', () => {
  it('reads date of birth and sex from well-known public examples', () => {
    expect(parsePesel('44051401359')).toEqual({ ok: true, value: '44051401359', birthDate: '1944-05-14', sex: 'male' });
    expect(parsePesel('02070803628')).toMatchObject({ ok: true, birthDate: '1902-07-08', sex: 'female' });
    // July 2002 is month 27.
    expect(parsePesel('02270803624')).toMatchObject({ ok: true, birthDate: '2002-07-08', sex: 'female' });
  });

  it('decodes every century offset', () => {
    expect(parsePesel(makePesel(1899, 12, 31, 1, 'male'))).toMatchObject({ birthDate: '1899-12-31' });
    expect(parsePesel(makePesel(2150, 1, 1, 1, 'male'))).toMatchObject({ birthDate: '2150-01-01' });
    expect(parsePesel(makePesel(2299, 6, 30, 1, 'male'))).toMatchObject({ birthDate: '2299-06-30' });
  });

  it('ignores spaces but says why other input is wrong, in English and by key', () => {
    expect(parsePesel(' 440514 01359 ')).toMatchObject({ ok: true, value: '44051401359' });
    expect(parsePesel('4405140135')).toEqual({
      ok: false,
      reason: 'length',
      message: 'PESEL must have 11 digits',
      messageKey: 'pesel.length',
    });
    expect(parsePesel('')).toMatchObject({ reason: 'length' });
    expect(parsePesel('4405140135X')).toMatchObject({ reason: 'digits', messageKey: 'pesel.digits' });
    expect(parsePesel('44051401358')).toMatchObject({ reason: 'checksum', messageKey: 'pesel.checksum' });
  });

  it('rejects dates that do not exist, with a correct checksum', () => {
    // 29 Feb: 2000 was a leap year, 1900 and 2100 were not.
    expect(parsePesel(makePesel(2000, 2, 29, 1, 'female'))).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    const fake = (ten: string) => {
      const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
      const s = [...ten].reduce((a, c, i) => a + Number(c) * w[i]!, 0);
      return ten + ((10 - (s % 10)) % 10);
    };
    for (const bad of [
      '0002290001',
      '0042290001',
      '9913010001',
      '9900010001',
      '9901320001',
      '9904310001',
      '9901000001',
    ]) {
      expect(parsePesel(fake(bad)), bad).toMatchObject({ ok: false, reason: 'date', messageKey: 'pesel.date' });
    }
  });

  it('parses a generated PESEL back to the same date and sex', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2299-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('male' as const, 'female' as const),
        (date, serial, sex) => {
          const iso = date.toISOString().slice(0, 10);
          const pesel = makePesel(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), serial, sex);
          expect(parsePesel(pesel)).toEqual({ ok: true, value: pesel, birthDate: iso, sex });
        },
      ),
    );
  });

  it('rejects every single-digit change of a valid PESEL', () => {
    for (const v of variants('44051401359')) expect(parsePesel(v).ok, v).toBe(false);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2299-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.nat({ max: 10 }),
        fc.nat({ max: 8 }),
        (date, serial, pos, step) => {
          const p = makePesel(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), serial, 'male');
          const changed = p.slice(0, pos) + ((Number(p[pos]) + step + 1) % 10) + p.slice(pos + 1);
          expect(parsePesel(changed).ok).toBe(false);
        },
      ),
    );
  });
});
