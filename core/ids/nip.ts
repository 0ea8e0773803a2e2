/**
 * @module ids/nip
 * NIP, the Polish tax identification number: 10 digits, the last a mod-11 check digit.
 */
import { fail, stripSeparators, weightedSum, type IdentifierResult } from './result.ts';

export type NipReason = 'length' | 'digits' | 'checksum';
export type NipResult = IdentifierResult<NipReason>;

const WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;

/**
 * Checks a NIP written as digits, with hyphens (`526-025-02-74`) or with the EU VAT prefix
 * (`PL5260250274`); the value is the 10 bare digits. A remainder of 10 is never a valid NIP.
 * @example
 * parseNip('PL 526-025-02-74') // { ok: true, value: '5260250274' }
 * parseNip('5260250275')       // { ok: false, reason: 'checksum', … }
 */
export function parseNip(input: string): NipResult {
  const s = stripSeparators(input).replace(/^PL/i, '');
  if (!/^\d*$/.test(s)) return fail('nip', 'digits');
  if (s.length !== 10) return fail('nip', 'length');
  if (weightedSum(s, WEIGHTS) % 11 !== Number(s[9])) return fail('nip', 'checksum');
  return { ok: true, value: s };
}
