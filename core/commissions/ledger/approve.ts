/**
 * @module commissions/ledger/approve
 * Approval, one line or many at once, all or nothing: if any line is outside the actor's
 * `commissions:approve` scope the whole request is refused (403) and nothing changes; a missing
 * line must be corrected (an amount entered) before it can be approved. Approved lines are locked.
 * When a month's lines on a ledger are all approved, its statements are (re)generated in the same
 * transaction.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { canAccess, requirePermission } from '../../access/index.ts';
import { writeAudit } from '../../audit/index.ts';
import { inTransaction, type Ctx } from '../../context.ts';
import { CrmError, forbidden, invalid } from '../../errors.ts';
import { newId } from '../../ids/index.ts';
import type { Ledger } from '../rules/schema.ts';
import { generateStatements, type StatementSummary } from '../statements/generate.ts';
import { lineOwnership, linesById } from './lines.ts';

export interface ApprovalResult {
  approved: string[];
  alreadyApproved: string[];
  statements: StatementSummary[];
}

/**
 * @example
 * const r = await approveLines(ctx, ['01J…', '01J…']);
 * r.statements // statements generated because their month is now fully approved
 */
export async function approveLines(ctx: Ctx, ids: readonly string[]): Promise<ApprovalResult> {
  requirePermission(ctx.actor, 'commissions:approve');
  const unique = [...new Set(ids)];
  if (!unique.length) throw invalid('Nothing to approve', [{ path: '/ids', message: 'give at least one line id' }]);
  return inTransaction(ctx, async (tx) => {
    const lines = await linesById(tx, unique);
    const found = new Set(lines.map((l) => l.id));
    const unknown = unique.filter((id) => !found.has(id));
    if (unknown.length)
      throw new CrmError('not_found', `${unknown.length} commission line(s) were not found`, { ids: unknown });
    const outside = lines.filter((l) => !canAccess(tx.actor, 'commissions:approve', lineOwnership(l))).map((l) => l.id);
    if (outside.length)
      throw forbidden(`${outside.length} line(s) are outside your commissions:approve scope; nothing was approved`, {
        permission: 'commissions:approve',
        ids: outside,
      });
    const unreviewed = lines.filter((l) => l.missing && l.status === 'proposed').map((l) => l.id);
    if (unreviewed.length)
      throw invalid(
        'Lines flagged as missing a rule need an amount entered (a correction with a reason) before approval',
        unreviewed.map((id) => ({
          path: `/ids/${unique.indexOf(id)}`,
          message: `line ${id} has no rule behind it; correct it first`,
        })),
      );
    const todo = lines.filter((l) => l.status !== 'approved');
    const now = tx.clock.now();
    const batchId = newId();
    if (todo.length) {
      const { t } = tx;
      await tx.db
        .update(t.commissionLines)
        .set({ status: 'approved', approvedBy: tx.actor.userId, approvedAt: now })
        .where(
          and(
            inArray(
              t.commissionLines.id,
              todo.map((l) => l.id),
            ),
            ne(t.commissionLines.status, 'approved'),
          ),
        );
      await tx.db.insert(t.commissionApprovals).values(
        todo.map((l) => ({
          id: newId(),
          lineId: l.id,
          batchId,
          amountMinor: l.amountMinor,
          actorId: tx.actor.userId,
          at: now,
        })),
      );
      await writeAudit(tx, {
        action: 'commissions.line.approve',
        entity: 'commission-approval',
        entityId: batchId,
        data: { lines: todo.length },
      });
    }
    const statements: StatementSummary[] = [];
    const months = new Map(todo.map((l) => [`${l.ledger}|${l.period}`, { ledger: l.ledger, period: l.period }]));
    for (const { ledger, period } of months.values()) {
      if ((await pendingIn(tx, ledger, period)) === 0)
        statements.push(...(await generateStatements(tx, ledger, period)));
    }
    return {
      approved: todo.map((l) => l.id),
      alreadyApproved: lines.filter((l) => l.status === 'approved').map((l) => l.id),
      statements,
    };
  });
}

/** Lines of a ledger's month not approved yet. */
export async function pendingIn(ctx: Ctx, ledger: Ledger, period: string): Promise<number> {
  const { t } = ctx;
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(t.commissionLines)
    .where(
      and(
        eq(t.commissionLines.ledger, ledger),
        eq(t.commissionLines.period, period),
        ne(t.commissionLines.status, 'approved'),
      ),
    );
  return Number(r?.n ?? 0);
}
