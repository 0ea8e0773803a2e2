/**
 * @module commissions/sales/uncovered
 * A sale no commission rule covers: the engine gives a line of 0,00 zł flagged "no rule" on a ledger
 * where one is expected. Recorded silently, that is a sale that pays nobody until someone notices, so
 * the firm's `workflow.uncoveredSales` decides: `acknowledge` (the default) records it only when the
 * person confirmed the warning (a move the system actor makes needs none), `refuse` never, `allow` as
 * before (flagged for review).
 */
import type { Ctx } from '../../context.ts';
import { CrmError } from '../../errors.ts';
import type { Ledger } from '../rules/schema.ts';

/** The ledgers on which no rule covers the sale (a missing line without a rule), in line order. */
export function uncoveredLedgers(lines: ReadonlyArray<{ ledger: Ledger; missing?: boolean; ruleId: string | null }>) {
  return [...new Set(lines.filter((l) => l.missing === true && l.ruleId === null).map((l) => l.ledger))];
}

/**
 * 422 (problem at `/acknowledgeUncovered`, `details.uncovered` the ledgers) when the firm's policy
 * does not let this uncovered sale be recorded; nothing when every line has a rule.
 * @example
 * refuseUncovered(ctx, lines, p.acknowledgeUncovered); // inside the move's transaction: a throw rolls it back
 */
export function refuseUncovered(
  ctx: Ctx,
  lines: ReadonlyArray<{ ledger: Ledger; missing?: boolean; ruleId: string | null }>,
  acknowledged: boolean,
): void {
  const uncovered = uncoveredLedgers(lines);
  const policy = ctx.config.workflow.uncoveredSales ?? 'acknowledge';
  // The acknowledgement is a person's: a move the system makes (a seed, an integration's script) has no one to ask.
  const person = ctx.actor.kind !== 'system';
  if (!uncovered.length || policy === 'allow' || (policy === 'acknowledge' && (acknowledged || !person))) return;
  const problems = [
    {
      path: '/acknowledgeUncovered',
      keyword: 'uncovered',
      message:
        policy === 'refuse'
          ? 'no commission rule covers this sale, and the firm records no such sale: check the provider and product'
          : 'no commission rule covers this sale: check the provider and product, or confirm with ' +
            'acknowledgeUncovered: true to record it with lines flagged for review',
    },
  ];
  throw new CrmError('invalid', `No commission rule covers this sale (ledgers: ${uncovered.join(', ')})`, {
    problems,
    uncovered,
    policy,
  });
}
