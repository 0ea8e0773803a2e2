/**
 * @module commissions/ledger/summary
 * What a filter of commission lines holds as a whole, beside the page a person sees: how many
 * lines and their total, how many of them the actor may approve now (waiting, in its
 * `commissions:approve` scope, not a line without a rule still to be entered), and one group per
 * recipient with its line count, total and lines still waiting. Counted in the database, so the
 * figures cover every matching line, not only the page.
 */
import { and, eq, inArray, not, sql } from 'drizzle-orm';
import { scopesOf } from '../../access/index.ts';
import type { Ctx } from '../../context.ts';
import { lineConditions, recipientNameSql, type LineFilter } from './lines.ts';
import { recipientKey, recipientNames } from './names.ts';

export interface RecipientGroup {
  recipientKind: string;
  recipientId: string;
  recipientName: string;
  lines: number;
  totalMinor: number;
  /** Lines of the group still waiting for approval (proposed or corrected). */
  pending: number;
}

export interface LineSummary {
  /** Matching lines. */
  total: number;
  totalMinor: number;
  /** Matching lines the actor may approve now (what "approve all matching" approves). */
  approvable: number;
  /** Matching lines without a rule that need an amount entered before approval. */
  needAmount: number;
  /** One per recipient, by name; at most `MAX_GROUPS`. */
  groups: RecipientGroup[];
}

export const MAX_GROUPS = 500;

/** The lines of a filter the actor may approve now. */
export function approvableConditions(ctx: Ctx, f: LineFilter) {
  return and(
    lineConditions(ctx, f),
    lineConditions(ctx, { status: 'pending' }, 'commissions:approve'),
    not(unreviewedSql(ctx)),
  );
}

/** The lines of a filter in the actor's approval scope that wait for an amount to be entered. */
export function needAmountConditions(ctx: Ctx, f: LineFilter) {
  return and(lineConditions(ctx, f), lineConditions(ctx, {}, 'commissions:approve'), unreviewedSql(ctx));
}

/** A line without a rule whose amount nobody has entered yet: it cannot be approved. */
function unreviewedSql(ctx: Ctx) {
  const c = ctx.t.commissionLines;
  return and(eq(c.missing, true), eq(c.status, 'proposed'))!;
}

/**
 * @example
 * const s = await summarizeLines(ctx, { period: '2026-03', advisorId, status: 'pending' });
 * s.approvable // 41
 */
export async function summarizeLines(ctx: Ctx, f: LineFilter): Promise<LineSummary> {
  const { t } = ctx;
  const c = t.commissionLines;
  const where = lineConditions(ctx, f);
  const count = sql<number>`count(*)`;
  const unreviewed = unreviewedSql(ctx);
  const [all] = await ctx.db
    .select({
      n: count,
      total: sql<number>`coalesce(sum(${c.amountMinor}), 0)`,
      needAmount: sql<number>`coalesce(sum(case when ${unreviewed} then 1 else 0 end), 0)`,
    })
    .from(c)
    .innerJoin(t.sales, eq(t.sales.id, c.saleId))
    .where(where);
  const mayApprove = scopesOf(ctx.actor, 'commissions:approve').length > 0;
  const [ok] = mayApprove
    ? await ctx.db
        .select({ n: count })
        .from(c)
        .innerJoin(t.sales, eq(t.sales.id, c.saleId))
        .where(approvableConditions(ctx, f))
    : [{ n: 0 }];
  const groups = await ctx.db
    .select({
      kind: c.beneficiaryKind,
      id: c.beneficiaryId,
      n: count,
      total: sql<number>`coalesce(sum(${c.amountMinor}), 0)`,
      pending: sql<number>`coalesce(sum(case when ${inArray(c.status, ['proposed', 'corrected'])}
        then 1 else 0 end), 0)`,
    })
    .from(c)
    .innerJoin(t.sales, eq(t.sales.id, c.saleId))
    .where(where)
    .groupBy(c.beneficiaryKind, c.beneficiaryId)
    .orderBy(sql`min(${recipientNameSql(ctx)})`, c.beneficiaryKind, c.beneficiaryId)
    .limit(MAX_GROUPS);
  const names = await recipientNames(
    ctx,
    groups.map((g) => ({ kind: g.kind, id: g.id })),
  );
  return {
    total: Number(all?.n ?? 0),
    totalMinor: Number(all?.total ?? 0),
    approvable: Number(ok?.n ?? 0),
    needAmount: Number(all?.needAmount ?? 0),
    groups: groups.map((g) => ({
      recipientKind: g.kind,
      recipientId: g.id,
      recipientName: names.get(recipientKey(g)) ?? g.id,
      lines: Number(g.n),
      totalMinor: Number(g.total),
      pending: Number(g.pending),
    })),
  };
}
