/**
 * @module commissions/sales/cancel-sale
 * Cancelling a sale writes reversing lines (storno) on the ledgers the clawback rule names, in the
 * month of the cancellation; nothing is edited in place. What is reversed is each line's amount as
 * it stands (a corrected amount, adjustments too), so a full clawback nets every ledger to exactly 0.
 *
 * The terms are data: the rule set's `clawbacks` (see `engine/clawback-terms.ts`) say which kinds
 * (withdrawal, rejection, early-repayment, other) a sale allows, within which window from the sale
 * date, and what share is reversed. A kind not allowed for the product, or a date outside the
 * window, is a 422; a rule whose share is "none" cancels the sale and reverses nothing.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { canAccess, requirePermission } from '../../access/index.ts';
import { writeAudit } from '../../audit/index.ts';
import type { Ctx } from '../../context.ts';
import { conflict, forbidden, invalid, notFound } from '../../errors.ts';
import { inTransaction } from '../../context.ts';
import { clawbackLines, type ClawbackEvent } from '../engine/clawback.ts';
import { clawbackTerms } from '../engine/clawback-terms.ts';
import type { ClawbackKind, CommissionLine } from '../engine/types.ts';
import { saleDateOf } from '../engine/sale-date.ts';
import { insertLines, type LineRow } from '../ledger/insert-lines.ts';
import { latestRuleSet } from '../products/rule-sets.ts';
import { clawbackKinds } from '../rules/clawback-schema.ts';
import type { SaleRow } from './record-sale.ts';

export interface CancelInput {
  kind: ClawbackKind;
  /** `YYYY-MM-DD`, default today in the firm's zone. */
  date?: string;
  /** Share to reverse instead of the clawback rule's (the kind must still be allowed). */
  fraction?: { numerator: number; denominator: number };
  reason?: string | null;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** 422 unless the kind is one of the four and the date a `YYYY-MM-DD`. */
function checkInput(input: CancelInput): void {
  const problems = [];
  if (!(clawbackKinds as readonly string[]).includes(input.kind))
    problems.push({ path: '/kind', message: `must be one of ${clawbackKinds.join(', ')}` });
  if (input.date !== undefined && (typeof input.date !== 'string' || !DATE.test(input.date)))
    problems.push({ path: '/date', message: 'must be a date YYYY-MM-DD' });
  if (problems.length) throw invalid('The cancellation is invalid', problems);
}

const asEngineLine = (r: LineRow): CommissionLine => ({
  saleId: r.saleId,
  ledger: r.ledger,
  component: r.component,
  beneficiary: { kind: r.beneficiaryKind, id: r.beneficiaryId },
  amountMinor: r.amountMinor,
  ruleId: r.ruleId,
  ruleVersion: r.ruleVersion,
  explanation: r.explanation as unknown as CommissionLine['explanation'],
});

/**
 * Cancel an active sale (needs `commissions:correct` over the sale's unit, else 403; 409 when it is
 * already cancelled). `authorized` skips the permission check for a caller that has already
 * authorised the cancellation (a workflow move out of the sale status).
 * @example
 * await cancelSale(ctx, saleId, { kind: 'early-repayment', date: '2026-06-15' }); // e.g. 9/12 reversed
 */
export async function cancelSale(
  ctx: Ctx,
  saleId: string,
  input: CancelInput,
  options: { authorized?: boolean } = {},
): Promise<{ sale: SaleRow; lines: LineRow[] }> {
  if (!options.authorized) requirePermission(ctx.actor, 'commissions:correct');
  checkInput(input);
  return inTransaction(ctx, async (tx) => {
    const { t } = tx;
    const [sale] = await tx.db.select().from(t.sales).where(eq(t.sales.id, saleId)).limit(1);
    if (!sale) throw notFound('Sale', saleId);
    const own = { ownerId: sale.advisorId, unitId: sale.unitId, partnerId: sale.partnerId };
    if (!options.authorized && !canAccess(tx.actor, 'commissions:correct', own)) {
      if (!canAccess(tx.actor, 'commissions:read', own)) throw notFound('Sale', saleId);
      throw forbidden('This sale is outside your commissions:correct scope', { permission: 'commissions:correct' });
    }
    if (sale.status !== 'active') throw conflict('This sale is already cancelled', { cancellation: sale.cancellation });
    const date = input.date ?? saleDateOf(tx.clock.now(), tx.config.firm.timeZone);
    const ruleSet = (await latestRuleSet(tx)) ?? { version: 1, rules: [] };
    const terms = clawbackTerms(
      ruleSet,
      { date: sale.saleDate, provider: sale.provider, product: sale.product, productCategory: sale.productCategory },
      input.kind,
      date,
    );
    const fraction = input.fraction ?? terms.fraction;
    const event: ClawbackEvent = { kind: input.kind, date, fraction, ruleId: terms.rule.id };
    const originals = await tx.db
      .select()
      .from(t.commissionLines)
      .where(and(eq(t.commissionLines.saleId, saleId), inArray(t.commissionLines.kind, ['proposal', 'adjustment'])))
      .orderBy(asc(t.commissionLines.createdAt), asc(t.commissionLines.id));
    const out = [];
    const relates: string[] = [];
    for (const r of originals) {
      // A missing line still waiting for review has no amount to reverse.
      if (r.missing && r.status === 'proposed') continue;
      if (!terms.ledgers.includes(r.ledger)) continue;
      for (const c of clawbackLines([asEngineLine(r)], event)) {
        out.push(c);
        relates.push(r.id);
      }
    }
    const lines = await insertLines(tx, out, {
      kind: 'clawback',
      wantedPeriod: date.slice(0, 7),
      unitId: sale.unitId,
      relatesTo: relates,
    });
    const cancellation = {
      kind: input.kind,
      date,
      fraction,
      rule: terms.rule.id,
      ledgers: [...terms.ledgers],
      reason: input.reason ?? null,
      by: tx.actor.userId,
    };
    await tx.db.update(t.sales).set({ status: 'cancelled', cancellation }).where(eq(t.sales.id, saleId));
    await writeAudit(tx, {
      action: 'commissions.sale.cancel',
      entity: 'sale',
      entityId: saleId,
      data: { kind: input.kind, date, lines: lines.length },
    });
    return { sale: { ...sale, status: 'cancelled' as const, cancellation }, lines };
  });
}
