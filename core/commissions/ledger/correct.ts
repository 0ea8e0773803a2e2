/**
 * @module commissions/ledger/correct
 * People correct what the engine proposed: a proposed line's amount may be changed with a reason
 * (the original stays on the line); an approved line is locked, and a later change is a new
 * adjustment line that goes through approval like any other.
 */
import { eq } from 'drizzle-orm';
import { canAccess, requirePermission } from '../../access/index.ts';
import { writeAudit } from '../../audit/index.ts';
import { inTransaction, type Ctx } from '../../context.ts';
import { conflict, forbidden, invalid, notFound, type FieldProblem } from '../../errors.ts';
import { moneyEn, moneyPl, moneyPlain } from '../engine/explain-format.ts';
import { periodOf } from '../../time/index.ts';
import { insertLines, type LineRow } from './insert-lines.ts';
import { lineOwnership } from './lines.ts';

export interface CorrectionInput {
  amountMinor: unknown;
  reason: unknown;
}

function checkCorrection(i: CorrectionInput, nonZero: boolean): { amountMinor: number; reason: string } {
  const problems: FieldProblem[] = [];
  if (typeof i.amountMinor !== 'number' || !Number.isSafeInteger(i.amountMinor))
    problems.push({ path: '/amountMinor', message: 'must be a whole number of grosze, not a fraction or a float' });
  else if (nonZero && i.amountMinor === 0)
    problems.push({ path: '/amountMinor', message: 'an adjustment of 0 changes nothing' });
  const reason = typeof i.reason === 'string' ? i.reason.trim() : '';
  if (!reason) problems.push({ path: '/reason', message: 'a reason is required', keyword: 'required' });
  if (problems.length) throw invalid('The correction needs an amount and a reason', problems);
  return { amountMinor: i.amountMinor as number, reason };
}

async function scopedLine(ctx: Ctx, lineId: string): Promise<LineRow> {
  const [line] = await ctx.db.select().from(ctx.t.commissionLines).where(eq(ctx.t.commissionLines.id, lineId)).limit(1);
  if (
    !line ||
    (!canAccess(ctx.actor, 'commissions:read', lineOwnership(line)) &&
      !canAccess(ctx.actor, 'commissions:correct', lineOwnership(line)))
  )
    throw notFound('Commission line', lineId);
  if (!canAccess(ctx.actor, 'commissions:correct', lineOwnership(line)))
    throw forbidden('This line is outside your commissions:correct scope', { permission: 'commissions:correct' });
  return line;
}

/**
 * Set a proposed line's amount (needs `commissions:correct` over it). 422 without a reason, with
 * a fractional amount, or with an amount of the opposite sign to the line's (a negative amount on
 * a line that pays out); 409 on an approved line (use `adjustLine`).
 * @example
 * await correctLine(ctx, lineId, { amountMinor: 250_000, reason: 'Bank potwierdził niższą prowizję' });
 */
export async function correctLine(ctx: Ctx, lineId: string, input: CorrectionInput): Promise<LineRow> {
  requirePermission(ctx.actor, 'commissions:correct');
  const { amountMinor, reason } = checkCorrection(input, false);
  return inTransaction(ctx, async (tx) => {
    const line = await scopedLine(tx, lineId);
    if (line.status === 'approved')
      throw conflict('This line is approved and locked; record an adjustment line instead', { lineId });
    // A correction sets an amount, it cannot turn a payment into a charge (or a clawback into a payment).
    if (Math.sign(amountMinor) * Math.sign(line.originalMinor) < 0)
      throw invalid('A correction cannot change the sign of the line', [
        {
          path: '/amountMinor',
          message:
            line.originalMinor > 0
              ? 'this line pays out: the corrected amount must be 0 or more'
              : 'this line takes back: the corrected amount must be 0 or less',
        },
      ]);
    const now = tx.clock.now();
    const patch = {
      amountMinor,
      status: 'corrected' as const,
      correctionReason: reason,
      correctedBy: tx.actor.userId,
      correctedAt: now,
    };
    await tx.db.update(tx.t.commissionLines).set(patch).where(eq(tx.t.commissionLines.id, lineId));
    await writeAudit(tx, {
      action: 'commissions.line.correct',
      entity: 'commission-line',
      entityId: lineId,
      data: { from: line.amountMinor, to: amountMinor, original: line.originalMinor, reason },
    });
    return { ...line, ...patch };
  });
}

/**
 * A change to an approved line: a new `adjustment` line of `amountMinor` (a difference, + or −),
 * booked in the current month, waiting for approval. 409 on a line not yet approved.
 * @example
 * await adjustLine(ctx, lineId, { amountMinor: -50_000, reason: 'Bank skorygował prowizję' });
 */
export async function adjustLine(ctx: Ctx, lineId: string, input: CorrectionInput): Promise<LineRow> {
  requirePermission(ctx.actor, 'commissions:correct');
  const { amountMinor, reason } = checkCorrection(input, true);
  return inTransaction(ctx, async (tx) => {
    const line = await scopedLine(tx, lineId);
    if (line.status !== 'approved') throw conflict('This line is not approved yet; correct it instead', { lineId });
    const sign = amountMinor > 0 ? '+' : '';
    const [row] = await insertLines(
      tx,
      [
        {
          saleId: line.saleId,
          ledger: line.ledger,
          component: line.component,
          beneficiary: { kind: line.beneficiaryKind, id: line.beneficiaryId },
          amountMinor,
          ruleId: line.ruleId,
          ruleVersion: line.ruleVersion,
          explanation: {
            base: { of: 'ledger', ledger: line.ledger, amountMinor: line.amountMinor },
            rate: { kind: 'none', text: 'adjustment' },
            arithmetic:
              `${moneyPlain(line.amountMinor)} ${amountMinor > 0 ? '+' : '−'} ` +
              `${moneyPlain(Math.abs(amountMinor))}`,
            pl:
              `Korekta zatwierdzonej linii (${moneyPl(line.amountMinor)}): ${sign}${moneyPl(amountMinor)}. Powód: ` +
              `${reason}`,
            en:
              `Adjustment of an approved line (${moneyEn(line.amountMinor)}): ${sign}${moneyEn(amountMinor)}. ` +
              `Reason: ${reason}`,
          },
        },
      ],
      {
        kind: 'adjustment',
        wantedPeriod: periodOf(tx.clock.now(), tx.config.firm.timeZone),
        unitId: line.unitId,
        relatesTo: [line.id],
      },
    );
    await tx.db
      .update(tx.t.commissionLines)
      .set({ correctionReason: reason })
      .where(eq(tx.t.commissionLines.id, row!.id));
    await writeAudit(tx, {
      action: 'commissions.line.adjust',
      entity: 'commission-line',
      entityId: row!.id,
      data: { adjusts: line.id, amountMinor, reason },
    });
    return { ...row!, correctionReason: reason };
  });
}
