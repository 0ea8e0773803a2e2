/**
 * @module ids/regon
 * REGON, the Polish business register number: 9 digits for an entity, 14 for its local unit
 * (the entity's 9 digits, a 4-digit unit number and a second check digit).
 */
import { fail, stripSeparators, weightedSum, type IdentifierResult } from './result.ts';

export type RegonReason = 'length' | 'digits' | 'checksum';
export type RegonResult = IdentifierResult<RegonReason>;

const WEIGHTS_9 = [8, 9, 2, 3, 4, 5, 6, 7] as const;
const WEIGHTS_14 = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8] as const;

/** (weighted sum mod 11) mod 10 — a remainder of 10 counts as 0. */
function checks(s: string, weights: readonly number[]): boolean {
  return (weightedSum(s, weights) % 11) % 10 === Number(s[weights.length]);
}

/**
 * Checks a 9- or 14-digit REGON. A 14-digit one must also start with a valid 9-digit REGON (its
 * parent entity), which catches changes to the 5th digit that the 14-digit weights (0) miss.
 * Known limit of the algorithm itself: because remainder 10 and 0 share check digit 0, a few
 * single-digit typos in numbers ending in 0 cannot be detected.
 * @example
 * parseRegon('123456785')      // { ok: true, value: '123456785' }
 * parseRegon('12345678512347') // { ok: true, value: '12345678512347' }
 */
export function parseRegon(input: string): RegonResult {
  const s = stripSeparators(input);
  if (!/^\d*$/.test(s)) return fail('regon', 'digits');
  if (s.length !== 9 && s.length !== 14) return fail('regon', 'length');
  if (!checks(s, WEIGHTS_9)) return fail('regon', 'checksum');
  if (s.length === 14 && !checks(s, WEIGHTS_14)) return fail('regon', 'checksum');
  return { ok: true, value: s };
}
