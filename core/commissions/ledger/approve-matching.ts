/**
 * @module commissions/ledger/approve-matching
 * "Approve all N matching": approval of every line a filter matches, not only the page a person
 * sees. The lines approved are those the filter matches that wait for approval and lie in the
 * actor's `commissions:approve` scope; lines without a rule whose amount nobody entered yet are
 * left waiting and counted (`skippedNeedAmount`). The person says how many lines they saw
 * (`expected`): if more match now (new sales came in meanwhile), nothing is approved (409), so
 * nobody approves lines they have not seen; fewer is fine (someone approved some meanwhile, or the
 * same request came twice: the second approves nothing and records nothing).
 */
import { eq, sql } from 'drizzle-orm';
import { requirePermission } from '../../access/index.ts';
import { inTransaction, type Ctx } from '../../context.ts';
import { conflict, invalid } from '../../errors.ts';
import { approveRows, type ApprovalResult } from './approve.ts';
import type { LineFilter } from './lines.ts';
import { approvableConditions, needAmountConditions } from './summary.ts';

/** One request approves at most this many lines; a wider filter is narrowed first (422). */
export const MAX_APPROVE_MATCHING = 10_000;

export type MatchingFilter = Omit<LineFilter, 'sort' | 'limit' | 'offset' | 'mine' | 'saleId'>;

/**
 * @example
 * const r = await approveMatching(ctx, { period: '2026-03', advisorId }, 41);
 * r.approved.length // 41 (or fewer, when some were approved meanwhile)
 */
export async function approveMatching(
  ctx: Ctx,
  filter: MatchingFilter,
  expected: number,
): Promise<ApprovalResult & { skippedNeedAmount: number }> {
  requirePermission(ctx.actor, 'commissions:approve');
  if (!Number.isSafeInteger(expected) || expected < 1)
    throw invalid('Say how many lines you are approving', [
      { path: '/expected', message: 'the number of matching lines shown to the person, 1 or more' },
    ]);
  return inTransaction(ctx, async (tx) => {
    const { t } = tx;
    const c = t.commissionLines;
    const rows = await tx.db
      .select({ line: c })
      .from(c)
      .innerJoin(t.sales, eq(t.sales.id, c.saleId))
      .where(approvableConditions(tx, filter))
      .limit(MAX_APPROVE_MATCHING + 1);
    if (rows.length > MAX_APPROVE_MATCHING)
      throw invalid(`More than ${MAX_APPROVE_MATCHING} lines match; narrow the filter`, [
        { path: '/filter', message: `at most ${MAX_APPROVE_MATCHING} lines at once` },
      ]);
    if (rows.length > expected)
      throw conflict(
        `${rows.length} lines match now, ${expected} were shown: new lines arrived; look at them before approving`,
        { matching: rows.length, expected },
      );
    const [skipped] = await tx.db
      .select({ n: sql<number>`count(*)` })
      .from(c)
      .innerJoin(t.sales, eq(t.sales.id, c.saleId))
      .where(needAmountConditions(tx, filter));
    const result = await approveRows(
      tx,
      rows.map((r) => r.line),
    );
    return { ...result, alreadyApproved: [], skippedNeedAmount: Number(skipped?.n ?? 0) };
  });
}
