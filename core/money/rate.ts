/**
 * @module money/rate
 * Applying a commission rate to an amount, exactly. The one rounding rule of the product:
 * HALF UP, AWAY FROM ZERO, once per line. Away from zero makes rounding symmetric, so a clawback
 * (a negative base) is the exact negation of the commission it reverses: 61.725 zł → 61.73 zł,
 * −61.725 zł → −61.73 zł. Products are computed in BigInt, so nothing overflows or drifts.
 */
import { assertAmountMinor, moneyError, toAmountMinor, type AmountMinor } from './money.ts';

/**
 * `numerator / denominator` rounded half away from zero (`denominator` > 0).
 * @example
 * divRoundHalfUp(5n, 2n)  // 3n
 * divRoundHalfUp(-5n, 2n) // -3n
 */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw moneyError('The divisor must be positive');
  const q = numerator / denominator; // truncates toward zero
  const r = numerator % denominator;
  const twiceR = r < 0n ? -2n * r : 2n * r;
  if (twiceR >= denominator) return numerator < 0n ? q - 1n : q + 1n;
  return q;
}

/**
 * `baseMinor × rateBp / 10 000` (1 bp = 0.01 %), rounded half up away from zero.
 * @example
 * applyRateBp(12345, 50)  // 62  (123.45 zł × 0.5 % = 0.61725 zł → 0.62 zł)
 * applyRateBp(-12345, 50) // -62
 */
export function applyRateBp(baseMinor: AmountMinor, rateBp: number): AmountMinor {
  assertAmountMinor(baseMinor, 'baseMinor');
  if (!Number.isSafeInteger(rateBp))
    throw moneyError(`rateBp must be a whole number of basis points, got ${rateBp}; use applyRate for finer rates`);
  return toAmountMinor(divRoundHalfUp(BigInt(baseMinor) * BigInt(rateBp), 10_000n));
}

const RATE = /^(-?)(\d{1,12})(?:\.(\d{1,18}))?$/;

/**
 * `baseMinor × rate` for an exact decimal rate given as a string (`'0.0125'` = 1.25 %), rounded
 * half up away from zero. A string, not a number: `0.0125` as a float is not 0.0125.
 * @example
 * applyRate(30_000_000, '0.0125')  // 375000  (300 000 zł × 1.25 % = 3 750 zł)
 * applyRate(999, '0.00875')        // 9      (8.74125 gr → 9 gr)
 */
export function applyRate(baseMinor: AmountMinor, rate: string): AmountMinor {
  assertAmountMinor(baseMinor, 'baseMinor');
  const m = RATE.exec(typeof rate === 'string' ? rate.trim() : '');
  if (!m) throw moneyError(`rate must be a decimal string such as "0.0125", got ${JSON.stringify(rate)}`);
  const frac = m[3] ?? '';
  const scaled = BigInt(`${m[1]}${m[2]}${frac}`);
  return toAmountMinor(divRoundHalfUp(BigInt(baseMinor) * scaled, 10n ** BigInt(frac.length)));
}
