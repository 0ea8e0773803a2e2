/**
 * @module commissions/engine/clawback-terms
 * Which clawback rule of a rule set governs a cancellation, and the share it reverses. The rule in
 * force on the SALE date (the terms agreed when the sale was made) whose conditions hold and whose
 * `kinds` include the cancellation's kind wins, highest priority first, then id. A kind no rule
 * allows for the sale, or a cancellation outside the rule's window, is refused (422 naming `/kind`
 * or `/date`). Pure: no clock, no I/O.
 */
import { invalid } from '../../errors.ts';
import type { ClawbackKind, ClawbackRule } from '../rules/clawback-schema.ts';
import type { CommissionRuleSet, Ledger } from '../rules/schema.ts';

export interface ClawbackSale {
  /** Local sale date `YYYY-MM-DD`. */
  date: string;
  provider: string;
  product: string;
  productCategory?: string | null;
}

export interface ClawbackTerms {
  rule: ClawbackRule;
  /** Share of each line reversed (0/1 when the rule claws nothing back). */
  fraction: { numerator: number; denominator: number };
  ledgers: readonly Ledger[];
  /** Full months from the sale date to the cancellation date. */
  monthsElapsed: number;
}

const ALL: readonly Ledger[] = ['firm', 'advisor', 'partner', 'unit'];
const END = '9999-12-31';
const DAY_MS = 86_400_000;

/** Full calendar months from `from` to `to` (local dates): 10.01 → 09.06 is 4, → 10.06 is 5. */
export function fullMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

function applies(r: ClawbackRule, sale: ClawbackSale): boolean {
  if (sale.date < r.validFrom || sale.date >= (r.validTo ?? END)) return false;
  const w = r.when ?? {};
  if (w.provider && !w.provider.includes(sale.provider)) return false;
  if (w.product && !w.product.includes(sale.product)) return false;
  if (w.productCategory && (!sale.productCategory || !w.productCategory.includes(sale.productCategory))) return false;
  return true;
}

const byPriority = (a: ClawbackRule, b: ClawbackRule) =>
  (b.priority ?? 0) - (a.priority ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The share a rule's fraction gives after `months` full months. */
function shareOf(r: ClawbackRule, months: number): { numerator: number; denominator: number } {
  const f = r.fraction;
  if (f === 'full') return { numerator: 1, denominator: 1 };
  if (f === 'none') return { numerator: 0, denominator: 1 };
  if ('unexpiredMonths' in f) {
    const m = f.unexpiredMonths;
    return { numerator: Math.max(0, Math.min(m, m - months)), denominator: m };
  }
  let row = f.table[0]!;
  for (const t of f.table) if (t.fromMonth <= months) row = t;
  return { numerator: row.numerator, denominator: row.denominator };
}

/**
 * The terms of a cancellation of `sale` of `kind` on `date`; 422 when the kind is not allowed for
 * the sale or the date is outside the rule's window.
 * @example
 * clawbackTerms(ruleSet, { date: '2026-01-10', provider: 'bank-aurora', product: 'aurora-mortgage',
 *   productCategory: 'mortgage' }, 'early-repayment', '2026-06-12').fraction // { numerator: 7, denominator: 12 }
 */
export function clawbackTerms(
  ruleSet: Pick<CommissionRuleSet, 'clawbacks'>,
  sale: ClawbackSale,
  kind: ClawbackKind,
  date: string,
): ClawbackTerms {
  if (date < sale.date)
    throw invalid('The cancellation is dated before the sale', [
      { path: '/date', message: `must not be before the sale date ${sale.date}` },
    ]);
  const inForce = (ruleSet.clawbacks ?? []).filter((r) => applies(r, sale)).sort(byPriority);
  const rule = inForce.find((r) => r.kinds.includes(kind));
  if (!rule) {
    const allowed = [...new Set(inForce.flatMap((r) => r.kinds))];
    throw invalid(`A cancellation of kind "${kind}" is not allowed for ${sale.provider} / ${sale.product}`, [
      {
        path: '/kind',
        message: allowed.length
          ? `not allowed for this product (allowed: ${allowed.join(', ')})`
          : 'no clawback rule of the rule set covers this product; add one to "clawbacks"',
      },
    ]);
  }
  const monthsElapsed = fullMonths(sale.date, date);
  const w = rule.window;
  if (w?.days !== undefined && daysBetween(sale.date, date) > w.days)
    throw invalid(`A cancellation of kind "${kind}" is possible within ${w.days} days of the sale (${sale.date})`, [
      {
        path: '/date',
        message: `more than ${w.days} days after the sale (clawback rule ${rule.id}); use another kind`,
      },
    ]);
  if (w?.months !== undefined && monthsElapsed >= w.months)
    throw invalid(`A cancellation of kind "${kind}" more than ${w.months} months after the sale claws nothing back`, [
      { path: '/date', message: `outside the ${w.months}-month window of clawback rule ${rule.id}` },
    ]);
  return { rule, fraction: shareOf(rule, monthsElapsed), ledgers: rule.ledgers ?? ALL, monthsElapsed };
}
