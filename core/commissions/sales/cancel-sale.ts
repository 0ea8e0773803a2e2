/**
 * @module commissions/sales/cancel-sale
 * Cancelling a sale writes reversing lines (storno) on every ledger the sale touched, in the month
 * of the cancellation; nothing is edited in place. What is reversed is each line's amount as it
 * stands (a corrected amount, adjustments too), so a full clawback nets every ledger to exactly 0.
 *
 * Windows (the firm's usual bank terms; a different share can be given explicitly):
 * - `withdrawal`: the client's 14-day right of withdrawal, full reversal;
 * - `rejection`: the provider rejects the sale, full reversal, any time;
 * - `early-repayment`: within 12 months of the sale, reversed in proportion to the unexpired
 *   months (repaid after 3 months → 9/12 reversed); after the window nothing is reversed (422).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { canAccess, requirePermission } from '../../access/index.ts';
import { writeAudit } from '../../audit/index.ts';
import type { Ctx } from '../../context.ts';
import { conflict, forbidden, invalid, notFound } from '../../errors.ts';
import { inTransaction } from '../../context.ts';
import { clawbackLines, type ClawbackEvent } from '../engine/clawback.ts';
import type { ClawbackKind, CommissionLine } from '../engine/types.ts';
import { saleDateOf } from '../engine/sale-date.ts';
import { insertLines, type LineRow } from '../ledger/insert-lines.ts';
import type { SaleRow } from './record-sale.ts';
import { DAY_MS } from '../../time/index.ts';

export interface CancelInput {
  kind: ClawbackKind;
  /** `YYYY-MM-DD`, default today in the firm's zone. */
  date?: string;
  /** Share to reverse; default from the kind's window (see the module note). */
  fraction?: { numerator: number; denominator: number };
  reason?: string | null;
}

export const WITHDRAWAL_DAYS = 14;
export const EARLY_REPAYMENT_MONTHS = 12;

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
function fullMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/** The share a cancellation reverses under the default windows; throws 422 outside a window. */
export function defaultFraction(
  kind: ClawbackKind,
  saleDate: string,
  date: string,
): { numerator: number; denominator: number } {
  if (date < saleDate)
    throw invalid('The cancellation is dated before the sale', [
      { path: '/date', message: `must not be before the sale date ${saleDate}` },
    ]);
  if (kind === 'withdrawal') {
    if (days(saleDate, date) > WITHDRAWAL_DAYS)
      throw invalid(`A withdrawal is possible within ${WITHDRAWAL_DAYS} days of the sale (${saleDate})`, [
        { path: '/date', message: `more than ${WITHDRAWAL_DAYS} days after the sale; use another kind` },
      ]);
    return { numerator: 1, denominator: 1 };
  }
  if (kind === 'early-repayment') {
    const elapsed = fullMonths(saleDate, date);
    if (elapsed >= EARLY_REPAYMENT_MONTHS)
      throw invalid(`An early repayment more than ${EARLY_REPAYMENT_MONTHS} months after the sale claws nothing back`, [
        { path: '/date', message: 'outside the clawback window' },
      ]);
    return { numerator: EARLY_REPAYMENT_MONTHS - elapsed, denominator: EARLY_REPAYMENT_MONTHS };
  }
  return { numerator: 1, denominator: 1 };
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
 * await cancelSale(ctx, saleId, { kind: 'early-repayment', date: '2026-06-15' }); // 9/12 reversed
 */
export async function cancelSale(
  ctx: Ctx,
  saleId: string,
  input: CancelInput,
  options: { authorized?: boolean } = {},
): Promise<{ sale: SaleRow; lines: LineRow[] }> {
  if (!options.authorized) requirePermission(ctx.actor, 'commissions:correct');
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
    const fraction = input.fraction ?? defaultFraction(input.kind, sale.saleDate, date);
    const event: ClawbackEvent = { kind: input.kind, date, fraction };
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
    const cancellation = { kind: input.kind, date, fraction, reason: input.reason ?? null, by: tx.actor.userId };
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
