/**
 * @module commissions/engine/explain-format
 * The few formats explanations need, written out by hand because a proposal run formats several
 * amounts per line and `Intl.NumberFormat` costs microseconds each. The output is identical to
 * `formatMoney` (a test holds them together): grouping always on, U+00A0 as Intl puts it.
 */
import type { Ledger } from './types.ts';

const NBSP = '\u00a0';

function grouped(intPart: string, sep: string): string {
  let out = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % 3 === 0) out += sep;
    out += intPart[i];
  }
  return out;
}

function split(amountMinor: number): { sign: string; int: string; frac: string } {
  const abs = Math.abs(amountMinor);
  const int = Math.floor(abs / 100);
  const frac = abs - int * 100;
  return { sign: amountMinor < 0 ? '-' : '', int: String(int), frac: frac < 10 ? `0${frac}` : String(frac) };
}

/**
 * @example
 * moneyPl(405000) // '4 050,00 zł' (U+00A0 spaces)
 */
export function moneyPl(amountMinor: number): string {
  const p = split(amountMinor);
  return `${p.sign}${grouped(p.int, NBSP)},${p.frac}${NBSP}zł`;
}

/**
 * @example
 * moneyEn(405000) // 'PLN 4,050.00' (U+00A0 after PLN)
 */
export function moneyEn(amountMinor: number): string {
  const p = split(amountMinor);
  return `${p.sign}PLN${NBSP}${grouped(p.int, ',')}.${p.frac}`;
}

/** Neutral notation for the `arithmetic` field: `4050.00`. */
export function moneyPlain(amountMinor: number): string {
  const p = split(amountMinor);
  return `${p.sign}${p.int}.${p.frac}`;
}

export const ledgerWordsPl: Record<Ledger, string> = { firm: 'prowizja firmy', advisor: 'prowizja doradcy', partner: 'prowizja partnera', unit: 'prowizja oddziału' };
export const ledgerWordsEn: Record<Ledger, string> = { firm: "the firm's commission", advisor: "the advisor's commission", partner: "the partner's commission", unit: "the unit's commission" };
export const ledgerNamesPl: Record<Ledger, string> = { firm: 'firmy (należność od dostawcy)', advisor: 'doradcy', partner: 'partnera', unit: 'oddziału' };
export const ledgerNamesEn: Record<Ledger, string> = { firm: 'firm (receivable from the provider)', advisor: 'advisor', partner: 'partner', unit: 'unit' };

export const rulePl = (id: string, version: number) => `(reguła ${id}, wersja ${version})`;
export const ruleEn = (id: string, version: number) => `(rule ${id}, version ${version})`;
