import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRegon } from './regon.ts';

const W9 = [8, 9, 2, 3, 4, 5, 6, 7];
const residue9 = (eight: string) => [...eight].reduce((a, c, i) => a + Number(c) * W9[i]!, 0) % 11;
const variants = (s: string) =>
  [...s].flatMap((c, i) => [...'0123456789'].filter((x) => x !== c).map((x) => s.slice(0, i) + x + s.slice(i + 1)));

describe('parseRegon', () => {
  it('accepts valid 9- and 14-digit numbers, ignoring spaces and hyphens', () => {
    expect(parseRegon('123456785')).toEqual({ ok: true, value: '123456785' });
    expect(parseRegon('12345678512347')).toEqual({ ok: true, value: '12345678512347' });
    expect(parseRegon('123-456-785')).toEqual({ ok: true, value: '123456785' });
  });

  it('says what is wrong', () => {
    expect(parseRegon('1234567')).toMatchObject({ ok: false, reason: 'length', messageKey: 'regon.length' });
    expect(parseRegon('12345678A')).toMatchObject({ reason: 'digits' });
    expect(parseRegon('123456786')).toMatchObject({
      reason: 'checksum',
      message: 'REGON check digit does not match; look for a typo',
    });
  });

  it('requires a 14-digit REGON to start with a valid 9-digit one', () => {
    // 5th digit changed: the 14-digit weights give it 0, only the parent check sees it.
    const changed = '12349678512347';
    expect(parseRegon(changed)).toMatchObject({ ok: false, reason: 'checksum' });
  });

  it('rejects every single-digit change of the public examples', () => {
    for (const v of [...variants('123456785'), ...variants('12345678512347')]) expect(parseRegon(v).ok, v).toBe(false);
  });

  it('rejects every single-digit change when the check digit is not 0', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), (eight) => {
        const r = residue9(eight);
        fc.pre(r !== 0 && r !== 10);
        const regon = eight + r;
        expect(parseRegon(regon).ok).toBe(true);
        expect(variants(regon).filter((v) => parseRegon(v).ok)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('documents the limit of the algorithm: remainders 0 and 10 share check digit 0', () => {
    expect(parseRegon('000000000').ok).toBe(true);
    expect(parseRegon('400000000').ok).toBe(true); // 8·4 = 32 ≡ 10 (mod 11) → 0
  });
});
