/**
 * @module reconciliation/resolve
 * A person resolves each difference: `accept` (the received amount stands, the ledger unchanged),
 * `adjust` (with a reason: the firm line is set to what was received — a correction while it is
 * proposed, an adjustment line once approved — and, with `followReceived`, the sale's advisor and
 * partner lines in the same proportion) or `dispute` (with a reason: the provider is asked; the row
 * stays open and may be accepted or adjusted later).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../audit/index.ts';
import { adjustLine, correctLine } from '../commissions/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { requireBackOffice } from './access.ts';
import type { ReconciliationRow } from './import-statement.ts';

export interface ResolveInput {
  action: 'accept' | 'adjust' | 'dispute';
  reason?: string | null;
}

const resolutionOf = { accept: 'accepted', adjust: 'adjusted', dispute: 'disputed' } as const;

/** `amount × num / den`, rounded half up away from zero, exactly. */
export function scaleMinor(amount: number, num: number, den: number): number {
  const n = BigInt(amount) * BigInt(num);
  const d = BigInt(den);
  const neg = n < 0n !== d < 0n;
  const [an, ad] = [n < 0n ? -n : n, d < 0n ? -d : d];
  const q = (2n * an + ad) / (2n * ad);
  return Number(neg ? -q : q);
}

type LineRow = Ctx['t']['commissionLines']['$inferSelect'];

/** Sets a line to `target`: a correction while proposed, an adjustment (the difference) once approved. */
async function setLine(ctx: Ctx, line: LineRow, target: number, reason: string): Promise<string | null> {
  if (target === line.amountMinor) return null;
  if (line.status === 'approved')
    return (await adjustLine(ctx, line.id, { amountMinor: target - line.amountMinor, reason })).id;
  await correctLine(ctx, line.id, { amountMinor: target, reason });
  return line.id;
}

/**
 * @example
 * await resolveRow(ctx, rowId, { action: 'adjust', reason: 'Bank potwierdził niższą prowizję (pismo z 12.04)' });
 */
export async function resolveRow(ctx: Ctx, rowId: string, input: ResolveInput): Promise<ReconciliationRow> {
  requireBackOffice(ctx);
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (input.action !== 'accept' && !reason)
    throw invalid(`To ${input.action} a difference, give a reason`, [
      { path: '/reason', message: 'a reason is required', keyword: 'required' },
    ]);
  return inTransaction(ctx, async (tx) => {
    const { t } = tx;
    const [row] = await tx.db.select().from(t.reconciliationRows).where(eq(t.reconciliationRows.id, rowId)).limit(1);
    if (!row) throw notFound('Reconciliation row', rowId);
    const [imp] = await tx.db
      .select()
      .from(t.reconciliationImports)
      .where(eq(t.reconciliationImports.id, row.importId))
      .limit(1);
    if (imp?.status !== 'active') throw conflict('The import of this row was undone', { importId: row.importId });
    if (row.outcome === 'matched') throw conflict('This row matched; there is no difference to resolve', { rowId });
    if (row.resolution === 'accepted' || row.resolution === 'adjusted')
      throw conflict(`This difference is already ${row.resolution}`, { rowId });
    const adjusted: string[] = [];
    if (input.action === 'adjust') {
      if (!row.saleId || !row.lineId)
        throw invalid('An unexpected payment has no commission line to adjust: accept or dispute it', [
          { path: '/action', message: 'adjust needs a matched sale' },
        ]);
      const note = `Uzgodnienie z wyciągiem ${imp.provider} ${imp.period}: ${reason}`;
      const [firm] = await tx.db.select().from(t.commissionLines).where(eq(t.commissionLines.id, row.lineId));
      if (!firm) throw notFound('Commission line', row.lineId);
      const changed = await setLine(tx, firm, firm.amountMinor + row.differenceMinor, note);
      if (changed) adjusted.push(changed);
      if (tx.config.reconciliation?.followReceived && row.expectedMinor !== 0) {
        const follow = await tx.db
          .select()
          .from(t.commissionLines)
          .where(
            and(
              eq(t.commissionLines.saleId, row.saleId),
              inArray(t.commissionLines.ledger, ['advisor', 'partner']),
              eq(t.commissionLines.kind, 'proposal'),
            ),
          );
        for (const l of follow) {
          const target = scaleMinor(l.amountMinor, row.receivedMinor, row.expectedMinor);
          const id = await setLine(tx, l, target, note);
          if (id) adjusted.push(id);
        }
      }
    }
    const patch = {
      resolution: resolutionOf[input.action],
      resolutionReason: reason || null,
      adjustedLineIds: adjusted.length ? adjusted : null,
      resolvedBy: tx.actor.userId,
      resolvedAt: tx.clock.now(),
    };
    await tx.db.update(t.reconciliationRows).set(patch).where(eq(t.reconciliationRows.id, rowId));
    await writeAudit(tx, {
      action: `reconciliation.${input.action}`,
      entity: 'reconciliation-row',
      entityId: rowId,
      data: { importId: row.importId, outcome: row.outcome, differenceMinor: row.differenceMinor, reason, adjusted },
    });
    return { ...row, ...patch };
  });
}
