/**
 * @module commissions/rules/clawback-checks
 * What the schema cannot say about a rule set's `clawbacks`: unique ids, non-empty date ranges,
 * tables from month 0 in order with numerator ≤ denominator, windows that fit the fraction, no two
 * rules of the same priority that could govern the same cancellation (a kind both allow, overlapping
 * sale dates and conditions), and no gap in a (kind, product) chain that has rules before and after.
 * Each problem names its JSON pointer. Parts of the wrong shape are skipped: the schema named them.
 */
import type { ClawbackRule } from './clawback-schema.ts';

type Report = (pointer: string, message: string) => void;
const END = '9999-12-31';
const conditionKeys = ['provider', 'product', 'productCategory'] as const;

const usable = (r: ClawbackRule) =>
  r &&
  typeof r === 'object' &&
  typeof r.id === 'string' &&
  typeof r.validFrom === 'string' &&
  Array.isArray(r.kinds) &&
  (!r.validTo || r.validTo > r.validFrom);

/**
 * @example
 * checkClawbacks(ruleSet.clawbacks, (path, message) => problems.push({ path, message }));
 */
export function checkClawbacks(clawbacks: unknown, report: Report): void {
  if (!Array.isArray(clawbacks)) return;
  const rules = clawbacks as ClawbackRule[];
  const seen = new Map<string, number>();
  rules.forEach((r, i) => {
    if (!r || typeof r !== 'object') return;
    const at = `/clawbacks/${i}`;
    if (typeof r.id === 'string') {
      if (seen.has(r.id)) report(`${at}/id`, `the id "${r.id}" is already used by /clawbacks/${seen.get(r.id)}`);
      else seen.set(r.id, i);
    }
    if (typeof r.validTo === 'string' && typeof r.validFrom === 'string' && r.validTo <= r.validFrom)
      report(`${at}/validTo`, `validTo (${r.validTo}) must be after validFrom (${r.validFrom})`);
    checkFraction(r, at, report);
  });
  checkOverlaps(rules, report);
  checkGaps(rules, report);
}

function checkFraction(r: ClawbackRule, at: string, report: Report): void {
  const f = r.fraction;
  if (!f || typeof f !== 'object') return;
  if ('unexpiredMonths' in f && typeof f.unexpiredMonths === 'number') {
    if (typeof r.window?.months === 'number' && r.window.months > f.unexpiredMonths)
      report(
        `${at}/window/months`,
        `the window (${r.window.months} months) is longer than the unexpired-months term (${f.unexpiredMonths}): ` +
          'after it the share would be nothing',
      );
    return;
  }
  if (!('table' in f) || !Array.isArray(f.table)) return;
  f.table.forEach((t, j) => {
    const tp = `${at}/fraction/table/${j}`;
    if (!t || typeof t !== 'object') return;
    if (typeof t.numerator === 'number' && typeof t.denominator === 'number' && t.numerator > t.denominator)
      report(`${tp}/numerator`, `a share cannot exceed the whole: ${t.numerator}/${t.denominator}`);
    if (typeof t.fromMonth !== 'number') return;
    if (j === 0 && t.fromMonth !== 0)
      report(`${tp}/fromMonth`, `the first row must start at month 0, not ${t.fromMonth}`);
    const prev = f.table[j - 1]?.fromMonth;
    if (j > 0 && typeof prev === 'number' && t.fromMonth <= prev)
      report(`${tp}/fromMonth`, `rows out of order: month ${t.fromMonth} does not come after month ${prev}`);
  });
}

function conditionsOverlap(a: ClawbackRule, b: ClawbackRule): boolean {
  for (const k of conditionKeys) {
    const x = a.when?.[k];
    const y = b.when?.[k];
    if (Array.isArray(x) && Array.isArray(y) && !x.some((v) => y.includes(v))) return false;
  }
  return true;
}

function checkOverlaps(rules: ClawbackRule[], report: Report): void {
  for (let j = 0; j < rules.length; j++) {
    const b = rules[j]!;
    if (!usable(b)) continue;
    for (let i = 0; i < j; i++) {
      const a = rules[i]!;
      if (!usable(a) || (a.priority ?? 0) !== (b.priority ?? 0)) continue;
      const kinds = a.kinds.filter((k) => b.kinds.includes(k));
      if (!kinds.length) continue;
      const from = a.validFrom > b.validFrom ? a.validFrom : b.validFrom;
      const to = (a.validTo ?? END) < (b.validTo ?? END) ? (a.validTo ?? END) : (b.validTo ?? END);
      if (from >= to || !conditionsOverlap(a, b)) continue;
      report(
        `/clawbacks/${j}`,
        `overlaps clawback rule "${a.id}" (/clawbacks/${i}): both would govern a cancellation of kind ` +
          `${kinds.join(', ')} of the same sale made from ${from}${to === END ? '' : ` until ${to}`}; ` +
          'narrow the conditions or dates, or give the intended one a higher priority',
      );
    }
  }
}

function checkGaps(rules: ClawbackRule[], report: Report): void {
  const chains = new Map<string, { from: string; to: string; index: number }[]>();
  const indexed = rules.map((r, i) => [r, i] as const).filter(([r]) => usable(r));
  const products = new Set(indexed.flatMap(([r]) => r.when?.product ?? []));
  for (const [r, i] of indexed)
    for (const kind of r.kinds)
      for (const p of r.when?.product ?? ['*', ...products]) {
        const key = `${kind}\u0000${p}`;
        const list = chains.get(key) ?? [];
        list.push({ from: r.validFrom, to: r.validTo ?? END, index: i });
        chains.set(key, list);
      }
  const reported = new Set<string>();
  for (const [key, list] of chains) {
    const [kind, product] = key.split('\u0000');
    list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    let coveredTo = list[0]!.to;
    for (const item of list.slice(1)) {
      if (item.from > coveredTo) {
        const msg =
          `gap in the clawback rules for kind "${kind}"${product === '*' ? '' : ` and product "${product}"`}: ` +
          `no rule governs sales made from ${coveredTo} until ${item.from}, though rules exist before and after`;
        if (!reported.has(msg)) {
          reported.add(msg);
          report(`/clawbacks/${item.index}/validFrom`, msg);
        }
      }
      if (item.to > coveredTo) coveredTo = item.to;
    }
  }
}
