/**
 * @module ids/phone
 * Phone numbers normalised to E.164 (`+48600100200`), the form SMS gateways expect and the one
 * duplicates are found by. Polish numbers are 9 digits after +48; foreign ones are kept as typed
 * (digits only) when they start with + or 00.
 */
import { fail, type IdentifierResult } from './result.ts';

export type PhoneReason = 'characters' | 'length' | 'format';
export type PhoneResult = IdentifierResult<PhoneReason>;

/**
 * Accepts `600 100 200`, `+48 600-100-200`, `0048600100200`, `(+48) 600 100 200` and
 * `48600100200` (11 digits starting 48, as many exports write it). Polish national numbers never
 * start with 0 (no trunk prefix since 2005), nor do country codes.
 * @example
 * parsePhone('0048 600 100 200') // { ok: true, value: '+48600100200' }
 * parsePhone('+49 30 1234567')   // { ok: true, value: '+49301234567' }
 * parsePhone('600 100 20')       // { ok: false, reason: 'length', … }
 */
export function parsePhone(input: string): PhoneResult {
  const raw = input.trim().replace(/^\(\+(\d+)\)/, '+$1');
  if (!/^\+?[\d\s\u00a0\-().]*$/.test(raw)) return fail('phone', 'characters');
  let digits = raw.replace(/\D/g, '');
  let international = raw.startsWith('+');
  if (!international && digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }

  let national: string;
  if (international && !digits.startsWith('48')) {
    if (digits.length < 8 || digits.length > 15) return fail('phone', 'length');
    if (digits.startsWith('0')) return fail('phone', 'format');
    return { ok: true, value: `+${digits}` };
  }
  if (international || (digits.length === 11 && digits.startsWith('48'))) national = digits.slice(2);
  else national = digits;
  if (national.length !== 9) return fail('phone', 'length');
  if (national.startsWith('0')) return fail('phone', 'format');
  return { ok: true, value: `+48${national}` };
}
