/**
 * @module commissions/engine/clawback
 * Reversing lines (storno) for a cancelled sale: a 14-day withdrawal, a rejection by the provider,
 * or an early repayment. Nothing is edited in place: each original line gets a line with the
 * opposite sign, dated with the cancellation (so it falls in that period's statement).
 *
 * Full: the exact negation, so original + clawback is exactly 0 on every ledger. Proportional
 * (`fraction` n/d): the reversed part is `allocate(amount, [n, d − n])[0]`, the largest-remainder
 * split of the line, so the part reversed and the part kept add up to the line exactly and the
 * reversal never exceeds the original.
 */
import { allocate } from '../../money/index.ts';
import { CrmError } from '../../errors.ts';
import { moneyEn, moneyPl, moneyPlain, ruleEn, rulePl } from './explain-format.ts';
import type { ClawbackKind, ClawbackLine, CommissionLine } from './types.ts';

export interface ClawbackEvent {
  kind: ClawbackKind;
  /** Local date of the cancellation, `YYYY-MM-DD`: the reversal belongs to its period. */
  date: string;
  /** Share to reverse, e.g. 9/12 for a repayment 3 months into a 12-month window; default 1/1. */
  fraction?: { numerator: number; denominator: number };
  /** The clawback rule of the rule set that set the terms, named in each reversing line. */
  ruleId?: string;
}

const kindPl: Record<ClawbackKind, string> = {
  withdrawal: 'odstąpienie klienta od umowy',
  rejection: 'odrzucenie przez dostawcę',
  'early-repayment': 'wcześniejsza spłata',
  other: 'inna przyczyna',
};
const kindEn: Record<ClawbackKind, string> = {
  withdrawal: 'withdrawal by the client',
  rejection: 'rejection by the provider',
  'early-repayment': 'early repayment',
  other: 'other reason',
};

/**
 * @example
 * clawbackLines(lines, { kind: 'withdrawal', date: '2026-03-20' })                 // full reversal
 * clawbackLines(lines, { kind: 'early-repayment', date: '2026-09-01', fraction: { numerator: 6, denominator: 12 } })
 */
export function clawbackLines(originalLines: readonly CommissionLine[], event: ClawbackEvent): ClawbackLine[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(event.date))
    throw new CrmError('invalid', `clawback date must be YYYY-MM-DD, got ${JSON.stringify(event.date)}`);
  const { numerator: n, denominator: d } = event.fraction ?? { numerator: 1, denominator: 1 };
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d <= 0 || n < 0 || n > d) {
    throw new CrmError(
      'invalid',
      `clawback fraction must be whole numbers with 0 ≤ numerator ≤ denominator, got ${n}/${d}`,
    );
  }
  const full = n === d;
  const out: ClawbackLine[] = [];
  // A missing line reverses nothing: its 0 is a placeholder, not an amount.
  for (const line of originalLines) {
    if (line.missing || line.amountMinor === 0) continue;
    const reversed = full ? line.amountMinor : n === 0 ? 0 : allocate(line.amountMinor, [n, d - n])[0]!;
    if (reversed === 0) continue;
    const amountMinor = -reversed;
    const share = full ? '100%' : `${n}/${d}`;
    const by = event.ruleId ? { pl: `, reguła storna ${event.ruleId}`, en: `, clawback rule ${event.ruleId}` } : null;
    const tag = line.ruleId
      ? { pl: ` ${rulePl(line.ruleId, line.ruleVersion ?? 0)}`, en: ` ${ruleEn(line.ruleId, line.ruleVersion ?? 0)}` }
      : { pl: '', en: '' };
    out.push({
      saleId: line.saleId,
      ledger: line.ledger,
      component: line.component,
      beneficiary: line.beneficiary,
      amountMinor,
      ruleId: line.ruleId,
      ruleVersion: line.ruleVersion,
      clawback: {
        kind: event.kind,
        date: event.date,
        fraction: { numerator: n, denominator: d },
        reversesMinor: line.amountMinor,
        ...(event.ruleId ? { ruleId: event.ruleId } : {}),
      },
      explanation: {
        base: { of: 'ledger', ledger: line.ledger, amountMinor: line.amountMinor },
        rate: { kind: 'none', text: `-${share}` },
        arithmetic: `-${share} × ${moneyPlain(line.amountMinor)} = ${moneyPlain(amountMinor)}`,
        pl:
          `Storno (${kindPl[event.kind]}, ${event.date}${by?.pl ?? ''}): ` +
          `−${share} × ${moneyPl(line.amountMinor)} = ${moneyPl(amountMinor)}, korekta linii${tag.pl}`,
        en:
          `Clawback (${kindEn[event.kind]}, ${event.date}${by?.en ?? ''}): ` +
          `−${share} × ${moneyEn(line.amountMinor)} = ${moneyEn(amountMinor)}, reversing the line${tag.en}`,
      },
    });
  }
  return out;
}
