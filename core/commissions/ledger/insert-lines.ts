/**
 * @module commissions/ledger/insert-lines
 * Engine lines → stored rows. The scope columns are copied onto each line: `ownerId` is the
 * advisor the line pays (an advisor with `commissions:read: own` sees what they earn, not what the
 * firm earns on their sale), `unitId` the sale's unit (managers see their units' lines), and
 * `partnerId` the partner the line pays.
 */
import type { Ctx } from '../../context.ts';
import { newId } from '../../ids/index.ts';
import type { ClawbackLine, CommissionLine } from '../engine/types.ts';
import type { Ledger } from '../rules/schema.ts';
import { bookingPeriod } from './periods.ts';
import { drawReserves } from './reserve.ts';

export type LineRow = Ctx['t']['commissionLines']['$inferSelect'];
export type LineKind = LineRow['kind'];

/**
 * Stores lines in the month `wantedPeriod` (or the first open one after it, per ledger).
 * @example
 * await insertLines(tx, proposeCommissions(sale, context, ruleSet),
 *   { kind: 'proposal', wantedPeriod: '2026-03', unitId });
 */
export async function insertLines(
  ctx: Ctx,
  lines: ReadonlyArray<CommissionLine | ClawbackLine>,
  o: { kind: LineKind; wantedPeriod: string; unitId: string | null; relatesTo?: ReadonlyArray<string | null> },
): Promise<LineRow[]> {
  const now = ctx.clock.now();
  const periods = new Map<Ledger, string>();
  const rows: LineRow[] = [];
  for (const [i, l] of lines.entries()) {
    let period = periods.get(l.ledger);
    if (!period) periods.set(l.ledger, (period = await bookingPeriod(ctx, l.ledger, o.wantedPeriod)));
    const explanation = 'clawback' in l ? { ...l.explanation, clawback: l.clawback } : l.explanation;
    rows.push({
      id: newId(),
      saleId: l.saleId,
      ledger: l.ledger,
      component: l.component,
      kind: o.kind,
      status: 'proposed',
      beneficiaryKind: l.beneficiary.kind,
      beneficiaryId: l.beneficiary.id,
      amountMinor: l.amountMinor,
      originalMinor: l.amountMinor,
      correctionReason: null,
      correctedBy: null,
      correctedAt: null,
      missing: 'missing' in l && l.missing === true,
      ruleId: l.ruleId,
      ruleVersion: l.ruleVersion,
      explanation: explanation as unknown as Record<string, unknown>,
      period,
      relatesTo: o.relatesTo?.[i] ?? null,
      ownerId: l.beneficiary.kind === 'advisor' ? l.beneficiary.id : null,
      unitId: o.unitId,
      partnerId: l.beneficiary.kind === 'partner' ? l.beneficiary.id : null,
      approvedBy: null,
      approvedAt: null,
      createdAt: now,
    });
  }
  if (rows.length) await ctx.db.insert(ctx.t.commissionLines).values(rows);
  // A clawback draws on the holdback reserve of the line it reverses first.
  if (o.kind === 'clawback') await drawReserves(ctx, rows);
  return rows;
}
