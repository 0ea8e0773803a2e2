import { describe, expect, it } from 'vitest';
import { formatIban, parseIban } from './iban.ts';

const VALID = 'PL61109010140000071219812874';
const variants = (s: string, from: number) =>
  [...s].flatMap((c, i) =>
    i < from ? [] : [...'0123456789'].filter((x) => x !== c).map((x) => s.slice(0, i) + x + s.slice(i + 1)),
  );

describe('parseIban', () => {
  it('accepts a Polish IBAN or NRB in printed form and returns the electronic form', () => {
    for (const form of [
      VALID,
      'PL61 1090 1014 0000 0712 1981 2874',
      'pl61-1090-1014-0000-0712-1981-2874',
      '61 1090 1014 0000 0712 1981 2874',
    ]) {
      expect(parseIban(form), form).toEqual({ ok: true, value: VALID });
    }
  });

  it('says what is wrong', () => {
    expect(parseIban('DE89370400440532013000')).toMatchObject({
      ok: false,
      reason: 'country',
      messageKey: 'iban.country',
    });
    expect(parseIban('PL6110901014000007121981287')).toMatchObject({ reason: 'length' });
    expect(parseIban('6110901014000007121981287')).toMatchObject({ reason: 'length' });
    expect(parseIban('PL6110901014000007121981287X')).toMatchObject({ reason: 'digits' });
    expect(parseIban('PL61109010140000071219812875')).toMatchObject({
      reason: 'checksum',
      messageKey: 'iban.checksum',
    });
  });

  it('rejects every single-digit change, including the check digits', () => {
    const all = variants(VALID, 2);
    expect(all).toHaveLength(26 * 9);
    for (const v of all) expect(parseIban(v).ok, v).toBe(false);
  });

  it('prints in groups of four', () => {
    expect(formatIban(VALID)).toBe('PL61 1090 1014 0000 0712 1981 2874');
  });
});
