/**
 * @module money/allocate
 * Splitting an amount into parts that add up to it exactly — a commission among advisor, partner
 * and branch, or a bank payment across lines — by the largest-remainder method.
 */
import { assertAmountMinor, moneyError, type AmountMinor } from './money.ts';

/**
 * Each part gets `total × weight / Σweights` rounded down; the grosze left over go one each to
 * the parts with the largest remainders (ties: earlier part first). Parts always sum to the total,
 * each is within 1 grosz of its exact share, and `allocate(-t, w)` is `allocate(t, w)` negated.
 * Weights are non-negative integers (basis points, shares, counts) with a positive sum.
 * @example
 * allocate(100, [1, 1, 1])       // [34, 33, 33]
 * allocate(-100, [1, 1, 1])      // [-34, -33, -33]
 * allocate(1000, [7000, 2000, 1000]) // [700, 200, 100]
 */
export function allocate(totalMinor: AmountMinor, weights: readonly number[]): AmountMinor[] {
  assertAmountMinor(totalMinor, 'totalMinor');
  if (weights.length === 0) throw moneyError('allocate needs at least one weight');
  if (!weights.every((w) => Number.isSafeInteger(w) && w >= 0))
    throw moneyError(`Weights must be non-negative whole numbers, got [${weights.join(', ')}]`);
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (sum === 0n) throw moneyError('At least one weight must be positive');

  const total = BigInt(Math.abs(totalMinor));
  const parts = weights.map((w) => (total * BigInt(w)) / sum);
  const remainders = weights.map((w) => (total * BigInt(w)) % sum);
  let left = total - parts.reduce((a, p) => a + p, 0n);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  for (const i of order) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  // `0 * -1` would be -0; `|| 0` keeps zero parts plain zeros.
  return parts.map((p) => (totalMinor < 0 ? -Number(p) || 0 : Number(p)));
}
