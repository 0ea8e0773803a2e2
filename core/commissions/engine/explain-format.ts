/**
 * @module commissions/engine/explain-format
 * The few formats explanations need, written out by hand because a proposal run formats several
 * amounts per line and `Intl.NumberFormat` costs microseconds each. The output is identical to
 * `formatMoney` (a test holds them together): grouping always on, U+00A0 as Intl puts it.
 */
import type { Ledger } from './types.ts';

const NBSP = '\u00a0';

// Every piece of an amount comes from a table: a group of three digits with its separator in front,
// the grosze with what follows them. An amount is then two or three concatenations, no number to
// string conversion and no memo to search.
const table = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const pad = (i: number, width: number) => String(i).padStart(width, '0');
/** Leading group, unpadded: `'7'`, `'45'`, `'450'`. */
const HEAD = table(1000, (i) => String(i));
const HEAD_EN = table(1000, (i) => `PLN${NBSP}${i}`);
const HEAD_EN_NEG = table(1000, (i) => `-PLN${NBSP}${i}`);
const HEAD_NEG = table(1000, (i) => `-${i}`);
/** Further groups, zero-padded with the separator in front. */
const GROUP_PL = table(1000, (i) => `${NBSP}${pad(i, 3)}`);
const GROUP_EN = table(1000, (i) => `,${pad(i, 3)}`);
const GROUP_PLAIN = table(1000, (i) => pad(i, 3));
const TAIL_PL = table(100, (i) => `,${pad(i, 2)}${NBSP}zł`);
const TAIL_EN = table(100, (i) => `.${pad(i, 2)}`);
const TAIL_PLAIN = TAIL_EN;

/**
 * `head(leading group) + groups… + tail(grosze)`. Divisions by 100 and 1000 go through `%` first,
 * so they are exact for every safe integer.
 */
function compose(
  amountMinor: number,
  head: readonly string[],
  headNeg: readonly string[],
  group: readonly string[],
  tail: readonly string[],
): string {
  const neg = amountMinor < 0;
  const abs = neg ? -amountMinor : amountMinor;
  const f = abs % 100;
  let int = (abs - f) / 100;
  const t = tail[f]!;
  const heads = neg ? headNeg : head;
  if (int < 1000) return heads[int]! + t;
  let rest = t;
  do {
    const g = int % 1000;
    int = (int - g) / 1000;
    rest = group[g]! + rest;
  } while (int >= 1000);
  return heads[int]! + rest;
}

/**
 * @example
 * moneyPl(405000) // '4 050,00 zł' (U+00A0 spaces)
 */
export const moneyPl = (amountMinor: number): string => compose(amountMinor, HEAD, HEAD_NEG, GROUP_PL, TAIL_PL);

/**
 * @example
 * moneyEn(405000) // 'PLN 4,050.00' (U+00A0 after PLN)
 */
export const moneyEn = (amountMinor: number): string => compose(amountMinor, HEAD_EN, HEAD_EN_NEG, GROUP_EN, TAIL_EN);

/**
 * Neutral notation for the `arithmetic` field.
 * @example
 * moneyPlain(405000) // '4050.00'
 */
export const moneyPlain = (amountMinor: number): string =>
  compose(amountMinor, HEAD, HEAD_NEG, GROUP_PLAIN, TAIL_PLAIN);

/**
 * The last few amounts written in all three notations at once (the digits are split once). One
 * sale's lines repeat amounts: the sale amount is the base of the firm and partner lines, the firm
 * line the base of the advisor's and the unit's; those are not written again.
 * @example
 * const texts = new AmountTexts();
 * const i = texts.at(405000);
 * texts.pl[i] // '4 050,00 zł'; texts.en[i] 'PLN 4,050.00'; texts.plain[i] '4050.00'
 */
export class AmountTexts {
  readonly pl: string[] = ['', '', '', ''];
  readonly en: string[] = ['', '', '', ''];
  readonly plain: string[] = ['', '', '', ''];
  private readonly keys: number[] = [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
  private next = 0;

  /** The slot (0–3) holding `amountMinor`'s texts until four other amounts have been written. */
  at(amountMinor: number): number {
    const k = this.keys;
    if (k[0] === amountMinor) return 0;
    if (k[1] === amountMinor) return 1;
    if (k[2] === amountMinor) return 2;
    if (k[3] === amountMinor) return 3;
    const i = this.next;
    this.next = (i + 1) & 3;
    k[i] = amountMinor;
    const neg = amountMinor < 0;
    const abs = neg ? -amountMinor : amountMinor;
    const f = abs % 100;
    let int = (abs - f) / 100;
    if (int < 1000) {
      this.pl[i] = (neg ? HEAD_NEG : HEAD)[int]! + TAIL_PL[f]!;
      this.en[i] = (neg ? HEAD_EN_NEG : HEAD_EN)[int]! + TAIL_EN[f]!;
      this.plain[i] = (neg ? HEAD_NEG : HEAD)[int]! + TAIL_PLAIN[f]!;
      return i;
    }
    const g = int % 1000;
    int = (int - g) / 1000;
    if (int < 1000) {
      const head = (neg ? HEAD_NEG : HEAD)[int]!;
      this.pl[i] = head + GROUP_PL[g]! + TAIL_PL[f]!;
      this.en[i] = (neg ? HEAD_EN_NEG : HEAD_EN)[int]! + GROUP_EN[g]! + TAIL_EN[f]!;
      this.plain[i] = head + GROUP_PLAIN[g]! + TAIL_PLAIN[f]!;
      return i;
    }
    this.pl[i] = moneyPl(amountMinor);
    this.en[i] = moneyEn(amountMinor);
    this.plain[i] = moneyPlain(amountMinor);
    return i;
  }
}

export const ledgerWordsPl: Record<Ledger, string> = {
  firm: 'prowizja firmy',
  advisor: 'prowizja doradcy',
  partner: 'prowizja partnera',
  unit: 'prowizja oddziału',
};
export const ledgerWordsEn: Record<Ledger, string> = {
  firm: "the firm's commission",
  advisor: "the advisor's commission",
  partner: "the partner's commission",
  unit: "the unit's commission",
};
export const ledgerNamesPl: Record<Ledger, string> = {
  firm: 'firmy (należność od dostawcy)',
  advisor: 'doradcy',
  partner: 'partnera',
  unit: 'oddziału',
};
export const ledgerNamesEn: Record<Ledger, string> = {
  firm: 'firm (receivable from the provider)',
  advisor: 'advisor',
  partner: 'partner',
  unit: 'unit',
};

export const rulePl = (id: string, version: number) => `(reguła ${id}, wersja ${version})`;
export const ruleEn = (id: string, version: number) => `(rule ${id}, version ${version})`;
