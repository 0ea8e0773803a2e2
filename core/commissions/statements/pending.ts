/**
 * @module commissions/statements/pending
 * Why a statement is not there yet: the recipients (in the actor's `settlements:read` scope) whose
 * month still has lines waiting for approval, with how many, and whether an earlier statement of
 * that month exists (then it is out of date until the waiting lines are approved). A provider's
 * statement on the firm ledger is the firm's own business: only an actor reading settlements at
 * scope `all` sees those.
 */
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { scopeCondition, scopesOf } from '../../access/index.ts';
import type { Ctx } from '../../context.ts';
import { recipientKey, recipientNames } from '../ledger/names.ts';

export interface PendingStatement {
  ledger: string;
  period: string;
  recipientKind: string;
  recipientId: string;
  recipientName: string;
  /** Lines of the recipient's month waiting for approval. */
  pending: number;
  /** The current statement of that month, made before these lines came: out of date until they are approved. */
  statementId: string | null;
}

/**
 * @example
 * const list = await pendingStatements(ctx, { period: '2026-03' });
 * list[0] // { recipientName: 'Anna Nowak', pending: 3, statementId: null, … }
 */
export async function pendingStatements(
  ctx: Ctx,
  f: { period?: string; ledger?: string } = {},
): Promise<PendingStatement[]> {
  const { t } = ctx;
  const c = t.commissionLines;
  const firmWide = scopesOf(ctx.actor, 'settlements:read').includes('all');
  const rows = await ctx.db
    .select({
      ledger: c.ledger,
      period: c.period,
      kind: c.beneficiaryKind,
      id: c.beneficiaryId,
      pending: sql<number>`count(*)`,
    })
    .from(c)
    .where(
      and(
        scopeCondition(ctx.actor, 'settlements:read', { owner: c.ownerId, unit: c.unitId, partner: c.partnerId }),
        firmWide ? undefined : ne(c.beneficiaryKind, 'provider'),
        ne(c.status, 'approved'),
        f.period ? eq(c.period, f.period) : undefined,
        f.ledger ? eq(c.ledger, f.ledger as 'firm') : undefined,
      ),
    )
    .groupBy(c.ledger, c.period, c.beneficiaryKind, c.beneficiaryId)
    .orderBy(desc(c.period), c.ledger, c.beneficiaryKind, c.beneficiaryId)
    .limit(1000);
  if (!rows.length) return [];
  const s = t.commissionStatements;
  const current = await ctx.db
    .select({ id: s.id, ledger: s.ledger, period: s.period, kind: s.recipientKind, rid: s.recipientId })
    .from(s)
    .where(
      and(
        isNull(s.supersededAt),
        inArray(s.period, [...new Set(rows.map((r) => r.period))]),
        inArray(s.recipientId, [...new Set(rows.map((r) => r.id))]),
      ),
    );
  const made = new Map(current.map((x) => [`${x.ledger}|${x.period}|${x.kind}|${x.rid}`, x.id]));
  const names = await recipientNames(ctx, rows);
  return rows
    .map((r) => ({
      ledger: r.ledger,
      period: r.period,
      recipientKind: r.kind,
      recipientId: r.id,
      recipientName: names.get(recipientKey(r)) ?? r.id,
      pending: Number(r.pending),
      statementId: made.get(`${r.ledger}|${r.period}|${r.kind}|${r.id}`) ?? null,
    }))
    .sort((a, b) => b.period.localeCompare(a.period) || a.recipientName.localeCompare(b.recipientName, 'pl'));
}
