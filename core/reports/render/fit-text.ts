/**
 * @module reports/render/fit-text
 * Fitting text into a column of fixed width: wrap at spaces, break words that are wider than the
 * column, and cut what does not fit in the allowed lines with an ellipsis, so no cell ever spills
 * into its neighbour. Width is measured by a callback, so this file knows nothing about fonts.
 */

/** Width of `text` in the unit of the column width (points for a PDF). */
export type Measure = (text: string) => number;

const ELLIPSIS = '…';

/**
 * The longest prefix of `text` that fits in `maxWidth` with an ellipsis after it, or `text` itself
 * when it fits whole.
 * @example
 * ellipsize('Zażółć gęślą jaźń', 40, (s) => s.length * 5) // 'Zażółć…'
 */
export function ellipsize(text: string, maxWidth: number, measure: Measure): string {
  if (measure(text) <= maxWidth) return text;
  const chars = Array.from(text);
  // Binary search on the prefix length: widths grow with length, and long cells are common.
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(chars.slice(0, mid).join('').trimEnd() + ELLIPSIS) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? (measure(ELLIPSIS) <= maxWidth ? ELLIPSIS : '') : chars.slice(0, lo).join('').trimEnd() + ELLIPSIS;
}

/**
 * Wraps `text` into at most `maxLines` lines no wider than `maxWidth`; the last line ends with an
 * ellipsis when text was left out.
 * @example
 * fitText('Kredyt hipoteczny z dopłatą', 60, (s) => s.length * 5, 2) // ['Kredyt', 'hipoteczny…']
 */
export function fitText(text: string, maxWidth: number, measure: Measure, maxLines: number): string[] {
  let rest = text.replace(/\s+/g, ' ').trim();
  const lines: string[] = [];
  while (rest !== '' && lines.length < maxLines - 1) {
    const line = takeLine(rest, maxWidth, measure);
    lines.push(line);
    rest = rest.slice(line.length).trimStart();
  }
  if (rest !== '' || lines.length === 0) lines.push(ellipsize(rest, maxWidth, measure));
  return lines;
}

/** The longest start of `text` that fits: whole words when possible, else a broken word. */
function takeLine(text: string, maxWidth: number, measure: Measure): string {
  let end = -1;
  for (let space = text.indexOf(' '); ; space = text.indexOf(' ', space + 1)) {
    const stop = space === -1 ? text.length : space;
    if (measure(text.slice(0, stop)) > maxWidth) break;
    end = stop;
    if (space === -1) break;
  }
  if (end > 0) return text.slice(0, end);
  // A single word wider than the column (an IBAN, a long e-mail) is broken where it must be.
  const chars = Array.from(text.slice(0, text.indexOf(' ') === -1 ? text.length : text.indexOf(' ')));
  let n = 1; // at least one character per line, or a too-narrow column would loop forever
  while (n < chars.length && measure(chars.slice(0, n + 1).join('')) <= maxWidth) n += 1;
  return chars.slice(0, n).join('');
}
