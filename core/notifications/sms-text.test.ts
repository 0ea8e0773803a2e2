import { describe, expect, it } from 'vitest';
import { isGsm7, smsSegments, toGsm7Transliteration } from './sms-text.ts';

describe('smsSegments: GSM-7', () => {
  it('fits 160 plain characters in one part and needs two for 161', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({
      encoding: 'GSM-7',
      length: 160,
      segments: 1,
      perSegment: 160,
      remainingInSegment: 0,
    });
    expect(smsSegments('a'.repeat(161))).toEqual({
      encoding: 'GSM-7',
      length: 161,
      segments: 2,
      perSegment: 153,
      remainingInSegment: 145,
    });
  });

  it('fits 153×2 in two parts and needs a third for one more', () => {
    expect(smsSegments('a'.repeat(306))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(smsSegments('a'.repeat(307))).toMatchObject({ segments: 3, remainingInSegment: 152 });
  });

  it('counts extension characters (€ [ ] { }) as two septets', () => {
    expect(smsSegments('€[]{}')).toMatchObject({ encoding: 'GSM-7', length: 10 });
    expect(smsSegments('€'.repeat(80))).toMatchObject({ length: 160, segments: 1 });
    expect(smsSegments('a'.repeat(159) + '€')).toMatchObject({ length: 161, segments: 2 });
  });

  it('never splits an escape sequence between parts', () => {
    // 152 plain + € would straddle the 153 boundary, so € moves to part two.
    const s = smsSegments('a'.repeat(152) + '€' + 'a'.repeat(10));
    expect(s).toMatchObject({ length: 164, segments: 2, remainingInSegment: 153 - 12 });
  });

  it('keeps é, ü, Ñ, ù, Ä (which GSM-7 has) in GSM-7 but not ú', () => {
    expect(smsSegments('Café Müller? Ñandù Ä').encoding).toBe('GSM-7');
    expect(smsSegments('Ñandú').encoding).toBe('UCS-2');
  });

  it('reports an empty text as zero parts', () => {
    expect(smsSegments('')).toEqual({
      encoding: 'GSM-7',
      length: 0,
      segments: 0,
      perSegment: 160,
      remainingInSegment: 160,
    });
  });
});

describe('smsSegments: UCS-2', () => {
  it('switches to UCS-2 for a single Polish letter', () => {
    expect(smsSegments('a'.repeat(100) + 'ż')).toMatchObject({
      encoding: 'UCS-2',
      length: 101,
      segments: 2,
      perSegment: 67,
    });
    for (const letter of 'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ') expect(isGsm7(letter)).toBe(false);
  });

  it('fits 70 in one part and needs two for 71', () => {
    expect(smsSegments('ż'.repeat(70))).toEqual({
      encoding: 'UCS-2',
      length: 70,
      segments: 1,
      perSegment: 70,
      remainingInSegment: 0,
    });
    expect(smsSegments('ż'.repeat(71))).toEqual({
      encoding: 'UCS-2',
      length: 71,
      segments: 2,
      perSegment: 67,
      remainingInSegment: 63,
    });
  });

  it('fits 67×2 in two parts and needs a third for one more', () => {
    expect(smsSegments('ł'.repeat(134))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(smsSegments('ł'.repeat(135))).toMatchObject({ segments: 3 });
  });

  it('counts an emoji as two UTF-16 units and does not split it', () => {
    expect(smsSegments('👍')).toMatchObject({ encoding: 'UCS-2', length: 2 });
    const s = smsSegments('ż'.repeat(66) + '👍' + 'ż'.repeat(5));
    expect(s).toMatchObject({ length: 73, segments: 2, remainingInSegment: 67 - 7 });
  });

  it('does not count an extension character twice in UCS-2', () => {
    expect(smsSegments('ż€')).toMatchObject({ encoding: 'UCS-2', length: 2 });
  });
});

describe('toGsm7Transliteration', () => {
  it('rewrites Polish letters', () => {
    expect(toGsm7Transliteration('Zażółć gęślą jaźń')).toBe('Zazolc gesla jazn');
    expect(toGsm7Transliteration('ŻÓŁĆ ĄĘŚŹŃ')).toBe('ZOLC AESZN');
  });

  it('rewrites typographic quotes, dashes and spaces', () => {
    expect(toGsm7Transliteration('„Kredyt” – 10\u00a0000 zł…')).toBe('"Kredyt" - 10 000 zl...');
  });

  it('makes a typical reminder GSM-7 and cheaper', () => {
    const text =
      'Przypominamy o spotkaniu jutro o 10:00, ul. Świętokrzyska 12, Łódź. Doradca: Paweł Żak, tel. 600 100 200.';
    expect(smsSegments(text).encoding).toBe('UCS-2');
    expect(smsSegments(text).segments).toBe(2);
    const cheaper = toGsm7Transliteration(text);
    expect(smsSegments(cheaper)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('keeps GSM-7 characters and what it cannot rewrite', () => {
    expect(toGsm7Transliteration('Café €5 👍')).toBe('Café €5 👍');
    expect(toGsm7Transliteration('Dvořák')).toBe('Dvorak');
  });
});
