/**
 * @module money/parse-money
 * Reads an amount a person typed or a file contained (`1 234,56 zł`, `1234.56`, `-PLN 12,5`)
 * into grosze. Strings only: a JS number is ambiguous (złoty or grosze?) and may already be a
 * rounded float, so code passes `amountMinor` integers and never "parses" numbers.
 */
import { toAmountMinor, type AmountMinor } from './money.ts';

export type MoneyParseReason = 'format' | 'precision' | 'range';
export type MoneyParseResult =
  | { ok: true; value: AmountMinor }
  | { ok: false; reason: MoneyParseReason; message: string; messageKey: `money.${MoneyParseReason}` };

/** English and Polish texts for `messageKey`. */
export const moneyMessages = {
  en: {
    'money.format': 'Not an amount; write it like 1 234,56 or 1234.56',
    'money.precision': 'An amount may have at most 2 decimal places (grosze); group thousands with spaces: 12 500',
    'money.range': 'The amount is too large',
  },
  pl: {
    'money.format': 'To nie jest kwota; wpisz ją np. jako 1 234,56 lub 1234.56',
    'money.precision': 'Kwota może mieć najwyżej 2 miejsca po przecinku (grosze); tysiące oddzielaj spacją: 12 500',
    'money.range': 'Kwota jest zbyt duża',
  },
} as const;

const failure = (reason: MoneyParseReason): MoneyParseResult => ({
  ok: false,
  reason,
  message: moneyMessages.en[`money.${reason}`],
  messageKey: `money.${reason}`,
});

const CURRENCY = /^(?:zł|zl|pln)\s*|\s*(?:zł|zl|pln)$/gi;

/**
 * The decimal separator is the last of `,` or `.` when both appear (`1.234,56`, `1,234.56`); a
 * single one that occurs once is decimal (`1234,5`), one that repeats is grouping (`1.234.567`).
 * Groups after the first must have 3 digits. More than 2 decimals is refused, never rounded:
 * `12.500` is more likely twelve thousand five hundred than twelve and a half.
 * @example
 * parseMoney('1 234,56 zł') // { ok: true, value: 123456 }
 * parseMoney('-1,234.5')    // { ok: true, value: -123450 }
 * parseMoney('12,345')      // { ok: false, reason: 'precision', … }
 */
export function parseMoney(input: string): MoneyParseResult {
  if (typeof input !== 'string') return failure('format');
  let s = input.trim().replace(/[\u00a0\u202f\u2009]/g, ' ');
  // The sign may stand before or after a currency prefix: `-PLN 5` and `PLN -5`.
  let sign = /^[-−+]\s*/.exec(s);
  if (sign) s = s.slice(sign[0].length);
  s = s.replace(CURRENCY, '').trim();
  if (!sign && (sign = /^[-−+]\s*/.exec(s))) s = s.slice(sign[0].length);
  const negative = sign ? sign[0].trim() !== '+' : false;
  if (!/^\d[\d .,]*$/.test(s)) return failure('format');

  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let decimalSep: string | undefined;
  if (lastComma >= 0 && lastDot >= 0) decimalSep = lastComma > lastDot ? ',' : '.';
  else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    if (s.indexOf(sep) === s.lastIndexOf(sep)) decimalSep = sep;
  }
  const cut = decimalSep === undefined ? -1 : s.lastIndexOf(decimalSep);
  const intPart = cut < 0 ? s : s.slice(0, cut);
  const frac = cut < 0 ? '' : s.slice(cut + 1);

  const groups = intPart.split(/[ .,]+/);
  const grouped = groups.length > 1;
  if (groups.some((g, i) => !/^\d+$/.test(g) || (grouped && (i === 0 ? g.length > 3 : g.length !== 3))))
    return failure('format');
  if (cut >= 0 && !/^\d+$/.test(frac)) return failure(/\d/.test(frac) ? 'precision' : 'format');
  if (frac.length > 2) return failure('precision');

  const minor = BigInt(groups.join('')) * 100n + BigInt(frac.padEnd(2, '0'));
  try {
    return { ok: true, value: toAmountMinor(negative ? -minor : minor) };
  } catch {
    return failure('range');
  }
}
