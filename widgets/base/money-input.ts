/**
 * @module widgets/base/money-input
 * Money typed by a person → integer grosze, without floats, by the same rules as the server's
 * `parseMoney`: Poles write `1 234,56` (space or no-break space between thousands, comma before
 * grosze); `1234.56`, `1.234,56`, `1,234.56`, a sign and `zł`/`PLN` are accepted too. Anything else
 * (three decimals, letters, groups that are not thousands) is refused rather than guessed.
 */

const CURRENCY = /^(?:zł|zl|pln)\s*|\s*(?:zł|zl|pln)$/gi;

/**
 * Parses an amount in złoty into grosze, or `null` when it is not an amount. The same rules as
 * the server's `parseMoney` (core/money/parse-money.ts), mirrored here because widgets load no
 * core code; `money-input.test.ts` checks both against one table and random input. A sign is kept
 * (`-12,50` → -1250); the decimal separator is the last of `,`/`.` when both appear; groups after
 * the first have 3 digits (`1 2 3 4` is refused); more than 2 decimals is refused, never rounded.
 *
 * @example
 * parseMoneyInput('1 234,56'); // 123456
 * parseMoneyInput('-1,234.5'); // -123450
 * parseMoneyInput('12,345');   // null (sub-grosz precision)
 */
export function parseMoneyInput(input: string): number | null {
  if (typeof input !== 'string') return null;
  let s = input.trim().replace(/[\u00a0\u202f\u2009]/g, ' ');
  let sign = /^[-−+]\s*/.exec(s);
  if (sign) s = s.slice(sign[0].length);
  s = s.replace(CURRENCY, '').trim();
  if (!sign && (sign = /^[-−+]\s*/.exec(s))) s = s.slice(sign[0].length);
  const negative = sign ? sign[0].trim() !== '+' : false;
  if (!/^\d[\d .,]*$/.test(s)) return null;
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
  if (groups.some((g, i) => !/^\d+$/.test(g) || (grouped && (i === 0 ? g.length > 3 : g.length !== 3)))) return null;
  if (cut >= 0 && !/^\d+$/.test(frac)) return null;
  if (frac.length > 2) return null;
  const minor = BigInt(groups.join('')) * 100n + BigInt(frac.padEnd(2, '0'));
  const value = Number(negative ? -minor : minor);
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * Grosze → the text a Polish person would type back (`1 234,56`), for pre-filling an input.
 *
 * @example
 * moneyInputText(123456); // '1 234,56'
 */
export function moneyInputText(minor: number): string {
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${minor < 0 ? '-' : ''}${whole},${String(abs % 100).padStart(2, '0')}`;
}
