/**
 * @module commissions/engine/rate-math
 * Exact rate arithmetic for commission lines. A rate is a fraction `num / den` with `den` a power
 * of ten (90 bp = 90/10 000, "0.0125" = 125/10 000), and a line is rounded ONCE, at the end, half
 * up away from zero (the rule of `core/money/rate.ts`): tiers are summed exactly before rounding,
 * so a marginal line is never off by the sum of several roundings.
 */
import { divRoundHalfUp } from '../../money/index.ts';
import { CrmError } from '../../errors.ts';

export interface Fraction {
  num: bigint;
  den: bigint;
}

const MAX = Number.MAX_SAFE_INTEGER;
const DECIMAL = /^(-?)(\d{1,12})(?:\.(\d{1,18}))?$/;

export const fromBp = (bp: number): Fraction => ({ num: BigInt(bp), den: 10_000n });

/** `"0.0125"` → 125/10 000. */
export function fromDecimal(text: string): Fraction {
  const m = DECIMAL.exec(text);
  if (!m) throw new CrmError('invalid', `rate must be a decimal string such as "0.0125", got ${JSON.stringify(text)}`);
  const frac = m[3] ?? '';
  return { num: BigInt(`${m[1]}${m[2]}${frac}`), den: 10n ** BigInt(frac.length) };
}

/**
 * `a × num / den` rounded half up away from zero, in plain numbers while every intermediate is a
 * safe integer (exact: `%` and `/` of a multiple are exact on safe integers) and in BigInt beyond.
 * @example
 * mulDivRound(45_000_000, 90n, 10_000n) // 405000
 */
export function mulDivRound(a: number, num: bigint, den: bigint): number {
  const n = Number(num);
  const d = Number(den);
  const x = a * n;
  if (Math.abs(x) <= MAX && d <= MAX && Math.abs(n) <= MAX) {
    const r = x % d;
    const q = (x - r) / d;
    // 2r is exact even past 2^53: doubling only moves the exponent.
    return 2 * Math.abs(r) >= d ? q + (x < 0 ? -1 : 1) : q + 0;
  }
  return toSafe(divRoundHalfUp(BigInt(a) * num, den));
}

/**
 * `mulDivRound` with the rate already as numbers (`n`, `d` safe integers, `d` > 0), for a rate
 * applied to many amounts.
 * @example
 * mulDivRoundNumber(45_000_000, 90, 10_000) // 405000
 */
export function mulDivRoundNumber(a: number, n: number, d: number): number {
  const x = a * n;
  if (x <= MAX && x >= -MAX) {
    const r = x % d;
    const q = (x - r) / d;
    return 2 * Math.abs(r) >= d ? q + (x < 0 ? -1 : 1) : q + 0;
  }
  return toSafe(divRoundHalfUp(BigInt(a) * BigInt(n), BigInt(d)));
}

export function toSafe(v: bigint): number {
  if (v > BigInt(MAX) || v < -BigInt(MAX))
    throw new CrmError('invalid', `commission amount too large to represent exactly: ${v}`);
  return Number(v);
}

/** A fraction as a percentage text with at least 2 decimals: 90/10 000 → `0.90%`. */
export function percentText(f: Fraction, decimalSeparator: '.' | ',' = '.'): string {
  const negative = f.num < 0n;
  const scaled = (negative ? -f.num : f.num) * 100n;
  const digits = f.den.toString().length - 1; // den = 10^digits
  const int = scaled / f.den;
  let frac = digits ? (scaled % f.den).toString().padStart(digits, '0') : '';
  frac = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${int}${decimalSeparator}${frac}%`;
}

export interface CompiledTier {
  fromMinor: number;
  toMinor: number | undefined;
  rate: Fraction;
}

/** The tiers a measure slice [from, to) touches, with how much of the slice falls in each. */
export function tierPortions(
  tiers: readonly CompiledTier[],
  from: number,
  to: number,
): { index: number; portionMinor: number }[] {
  const out: { index: number; portionMinor: number }[] = [];
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]!;
    const lo = Math.max(from, t.fromMinor);
    const hi = Math.min(to, t.toMinor ?? Number.POSITIVE_INFINITY);
    if (hi > lo) out.push({ index: i, portionMinor: hi - lo });
  }
  return out;
}

/** The tier that contains `measure` (the last one starting at or below it). */
export function tierAt(tiers: readonly CompiledTier[], measure: number): number {
  let found = 0;
  for (let i = 0; i < tiers.length; i++) if (tiers[i]!.fromMinor <= measure) found = i;
  return found;
}

/**
 * `base × Σ(portionᵢ × rateᵢ) / sliceMinor`, rounded once. With `base = sliceMinor` (tiers by sale
 * amount on the sale amount) it is the classic marginal sum; otherwise the slice's average rate.
 */
export function marginalAmount(
  tiers: readonly CompiledTier[],
  parts: readonly { index: number; portionMinor: number }[],
  baseMinor: number,
  sliceMinor: number,
): number {
  if (sliceMinor === 0 || parts.length === 0) return 0;
  let den = 1n;
  for (const p of parts) {
    const d = tiers[p.index]!.rate.den;
    if (d > den) den = d;
  }
  let sum = 0n;
  for (const p of parts) {
    const r = tiers[p.index]!.rate;
    sum += BigInt(p.portionMinor) * r.num * (den / r.den);
  }
  return toSafe(divRoundHalfUp(BigInt(baseMinor) * sum, BigInt(sliceMinor) * den));
}
