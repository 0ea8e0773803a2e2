/**
 * @module ids/iban
 * Polish bank account numbers: the IBAN (`PL` + 26 digits, ISO 13616 mod-97 check) and the
 * domestic NRB (the same 26 digits without `PL`), which people paste far more often.
 */
import { fail, stripSeparators, type IdentifierResult } from './result.ts';

export type IbanReason = 'length' | 'digits' | 'country' | 'checksum';
export type IbanResult = IdentifierResult<IbanReason>;

/** ISO 7064 mod 97-10 over the rearranged IBAN, digit by digit so no big integers are needed. */
function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const n = ch >= 'A' ? ch.charCodeAt(0) - 55 : Number(ch);
    rest = (rest * (n > 9 ? 100 : 10) + n) % 97;
  }
  return rest;
}

/**
 * Checks a Polish IBAN or NRB; spaces and hyphens are ignored, the value is the electronic
 * form (`PL` + 26 digits, no spaces).
 * @example
 * parseIban('PL61 1090 1014 0000 0712 1981 2874') // { ok: true, value: 'PL61109010140000071219812874' }
 * parseIban('61 1090 1014 0000 0712 1981 2874')   // same: an NRB gets the PL prefix
 * parseIban('DE89370400440532013000')             // { ok: false, reason: 'country', … }
 */
export function parseIban(input: string): IbanResult {
  let s = stripSeparators(input).toUpperCase();
  if (/^\d+$/.test(s) && s.length === 26) s = `PL${s}`;
  if (/^[A-Z]{2}/.test(s) && !s.startsWith('PL')) return fail('iban', 'country');
  const digits = s.replace(/^PL/, '');
  if (!/^\d*$/.test(digits)) return fail('iban', 'digits');
  if (digits.length !== 26) return fail('iban', 'length');
  const iban = `PL${digits}`;
  if (mod97(iban) !== 1) return fail('iban', 'checksum');
  return { ok: true, value: iban };
}

/**
 * The printed form: groups of four.
 * @example
 * formatIban('PL61109010140000071219812874') // 'PL61 1090 1014 0000 0712 1981 2874'
 */
export function formatIban(value: string): string {
  return value.replace(/(.{4})(?=.)/g, '$1 ');
}
