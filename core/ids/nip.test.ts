import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNip } from './nip.ts';

const W = [6, 5, 7, 2, 3, 4, 5, 6, 7];
const residue = (nine: string) => [...nine].reduce((a, c, i) => a + Number(c) * W[i]!, 0) % 11;
const variants = (s: string) =>
  [...s].flatMap((c, i) => [...'0123456789'].filter((x) => x !== c).map((x) => s.slice(0, i) + x + s.slice(i + 1)));

describe('parseNip', () => {
  it('accepts a real public NIP in the forms people write it and normalises to digits', () => {
    for (const form of ['5260250274', '526-025-02-74', '526 025 02 74', 'PL5260250274', 'pl 526-025-02-74']) {
      expect(parseNip(form), form).toEqual({ ok: true, value: '5260250274' });
    }
    expect(parseNip('123-456-32-18')).toEqual({ ok: true, value: '1234563218' });
    expect(parseNip('PL1234563218')).toEqual({ ok: true, value: '1234563218' });
  });

  it('says what is wrong', () => {
    expect(parseNip('526025027')).toMatchObject({
      ok: false,
      reason: 'length',
      message: 'NIP must have 10 digits',
      messageKey: 'nip.length',
    });
    expect(parseNip('DE5260250274')).toMatchObject({ reason: 'digits' });
    expect(parseNip('5260250275')).toMatchObject({ reason: 'checksum', messageKey: 'nip.checksum' });
  });

  it('never accepts a number whose remainder is 10, whatever the last digit', () => {
    const withTen = [...Array(1000).keys()]
      .map((n) => `123456${String(n).padStart(3, '0')}`)
      .find((s) => residue(s) === 10)!;
    expect(residue(withTen)).toBe(10);
    for (const d of '0123456789') expect(parseNip(withTen + d).ok).toBe(false);
  });

  it('rejects every single-digit change of a valid NIP', () => {
    for (const v of variants('5260250274')) expect(parseNip(v).ok, v).toBe(false);
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (nine) => {
        fc.pre(residue(nine) !== 10);
        const nip = nine + residue(nine);
        expect(parseNip(nip).ok).toBe(true);
        expect(variants(nip).filter((v) => parseNip(v).ok)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
