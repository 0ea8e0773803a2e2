/**
 * @module commissions/engine/explain-format
 * The few formats explanations need, written out by hand because a proposal run formats several
 * amounts per line and `Intl.NumberFormat` costs microseconds each. The output is identical to
 * `formatMoney` (a test holds them together): grouping always on, U+00A0 as Intl puts it.
 */
import type { Ledger } from './types.ts';

const NBSP = '\u00a0';

function grouped(int: string, sep: string): string {
  const n = int.length;
  if (n <= 3) return int;
  let out = int.slice(0, ((n - 1) % 3) + 1);
  for (let i = out.length; i < n; i += 3) out += sep + int.slice(i, i + 3);
  return out;
}

// Lines of one sale repeat amounts (the sale amount is the base of several ledgers; the firm line
// is the base of the advisor's), so the last few formatted amounts are kept.
const SLOTS = 4;
function memo(format: (amountMinor: number) => string): (amountMinor: number) => string {
  const keys: number[] = new Array(SLOTS).fill(Number.NaN);
  const values: string[] = new Array(SLOTS).fill('');
  let next = 0;
  return (amountMinor) => {
    for (let i = 0; i < SLOTS; i++) if (keys[i] === amountMinor) return values[i]!;
    const v = format(amountMinor);
    keys[next] = amountMinor;
    values[next] = v;
    next = (next + 1) % SLOTS;
    return v;
  };
}

const intOf = (amountMinor: number) => String(Math.floor(Math.abs(amountMinor) / 100));
const fracOf = (amountMinor: number) => { const f = Math.abs(amountMinor) % 100; return f < 10 ? `0${f}` : String(f); };
const signOf = (amountMinor: number) => (amountMinor < 0 ? '-' : '');

/**
 * @example
 * moneyPl(405000) // '4 050,00 zł' (U+00A0 spaces)
 */
export const moneyPl = memo((m) => `${signOf(m)}${grouped(intOf(m), NBSP)},${fracOf(m)}${NBSP}zł`);

/**
 * @example
 * moneyEn(405000) // 'PLN 4,050.00' (U+00A0 after PLN)
 */
export const moneyEn = memo((m) => `${signOf(m)}PLN${NBSP}${grouped(intOf(m), ',')}.${fracOf(m)}`);

/** Neutral notation for the `arithmetic` field: `4050.00`. */
export const moneyPlain = memo((m) => `${signOf(m)}${intOf(m)}.${fracOf(m)}`);

export const ledgerWordsPl: Record<Ledger, string> = { firm: 'prowizja firmy', advisor: 'prowizja doradcy', partner: 'prowizja partnera', unit: 'prowizja oddziału' };
export const ledgerWordsEn: Record<Ledger, string> = { firm: "the firm's commission", advisor: "the advisor's commission", partner: "the partner's commission", unit: "the unit's commission" };
export const ledgerNamesPl: Record<Ledger, string> = { firm: 'firmy (należność od dostawcy)', advisor: 'doradcy', partner: 'partnera', unit: 'oddziału' };
export const ledgerNamesEn: Record<Ledger, string> = { firm: 'firm (receivable from the provider)', advisor: 'advisor', partner: 'partner', unit: 'unit' };

export const rulePl = (id: string, version: number) => `(reguła ${id}, wersja ${version})`;
export const ruleEn = (id: string, version: number) => `(rule ${id}, version ${version})`;
