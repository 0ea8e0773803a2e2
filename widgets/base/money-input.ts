/**
 * @module widgets/base/money-input
 * Money typed by a person → integer grosze, without floats. Poles write `1 234,56` (space or
 * no-break space between thousands, comma before grosze); `1234.56` and `1 234` are accepted too.
 * Anything else (three decimals, letters, two separators) is refused rather than guessed.
 */

/**
 * Parses an amount in złoty into grosze, or `null` when it is not a plain amount.
 *
 * @example
 * parseMoneyInput('1 234,56'); // 123456
 * parseMoneyInput('450000');   // 45000000
 * parseMoneyInput('12,345');   // null (sub-grosz precision)
 */
export function parseMoneyInput(input: string): number | null {
  const s = input
    .trim()
    .replace(/\s*(zł|pln)$/i, '')
    .replace(/[\s\u00a0\u202f]/g, '');
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

/**
 * Grosze → the text a Polish person would type back (`1 234,56`), for pre-filling an input.
 *
 * @example
 * moneyInputText(123456); // '1 234,56'
 */
export function moneyInputText(minor: number): string {
  const whole = Math.trunc(minor / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${whole},${String(Math.abs(minor % 100)).padStart(2, '0')}`;
}
