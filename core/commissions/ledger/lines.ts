/**
 * @module commissions/ledger/lines
 * Reading commission lines as the actor may see them (`commissions:read`): an advisor the lines
 * that pay them, a partner the lines that pay the partner firm, a manager every line of their
 * units' sales, the back office everything.
 */
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { referrerOnly, scopeCondition, type RecordOwnership, type Permission } from '../../access/index.ts';
import type { Ctx } from '../../context.ts';
import { openInquiriesOfLines } from '../inquiries/inquiries.ts';
import type { LineRow } from './insert-lines.ts';

export interface LineFilter {
  period?: string;
  ledger?: string;
  status?: string;
  kind?: string;
  beneficiaryKind?: string;
  beneficiaryId?: string;
  saleId?: string;
  /** Only lines that pay the actor (their advisor lines, or their partner firm's lines). */
  mine?: boolean;
  limit?: number;
}

/**
 * A line as the actor may see it. A referring partner sees its own commission amount, status, period
 * and the sale's date and status: the client's loan (sale amount, bank, product), the explanation
 * (which restates the loan) and internal notes are absent.
 */
export interface LineView extends Omit<LineRow, 'explanation' | 'correctionReason'> {
  explanation?: LineRow['explanation'];
  correctionReason?: LineRow['correctionReason'];
  sale: {
    provider?: string;
    product?: string;
    productCategory?: string | null;
    amountMinor?: number;
    saleDate: string;
    clientId: string;
    status: string;
    advisorId: string | null;
  };
  /** The open inquiry on this line, if someone asked about it (see docs/commissions.md, Inquiries). */
  openInquiry?: { id: string; reasonCode: string; createdAt: Date } | null;
}

export const lineOwnership = (l: Pick<LineRow, 'ownerId' | 'unitId' | 'partnerId'>): RecordOwnership => ({
  ownerId: l.ownerId,
  unitId: l.unitId,
  partnerId: l.partnerId,
});

export function lineScope(ctx: Ctx, permission: Permission): SQL | undefined {
  const c = ctx.t.commissionLines;
  return scopeCondition(ctx.actor, permission, { owner: c.ownerId, unit: c.unitId, partner: c.partnerId });
}

/**
 * @example
 * const lines = await listLines(ctx, { period: '2026-03', ledger: 'advisor', status: 'proposed' });
 */
export async function listLines(ctx: Ctx, f: LineFilter = {}): Promise<LineView[]> {
  const { t } = ctx;
  const c = t.commissionLines;
  const mine = f.mine
    ? ctx.actor.partnerId
      ? and(eq(c.beneficiaryKind, 'partner'), eq(c.beneficiaryId, ctx.actor.partnerId))
      : and(eq(c.beneficiaryKind, 'advisor'), eq(c.beneficiaryId, ctx.actor.userId ?? '-'))
    : undefined;
  const rows = await ctx.db
    .select({
      line: c,
      sale: {
        provider: t.sales.provider,
        product: t.sales.product,
        productCategory: t.sales.productCategory,
        amountMinor: t.sales.amountMinor,
        saleDate: t.sales.saleDate,
        clientId: t.sales.clientId,
        status: t.sales.status,
        advisorId: t.sales.advisorId,
      },
    })
    .from(c)
    .innerJoin(t.sales, eq(t.sales.id, c.saleId))
    .where(
      and(
        lineScope(ctx, 'commissions:read'),
        mine,
        f.period ? eq(c.period, f.period) : undefined,
        f.ledger ? eq(c.ledger, f.ledger as LineRow['ledger']) : undefined,
        f.status ? eq(c.status, f.status as LineRow['status']) : undefined,
        f.kind ? eq(c.kind, f.kind as LineRow['kind']) : undefined,
        f.beneficiaryKind ? eq(c.beneficiaryKind, f.beneficiaryKind as LineRow['beneficiaryKind']) : undefined,
        f.beneficiaryId ? eq(c.beneficiaryId, f.beneficiaryId) : undefined,
        f.saleId ? eq(c.saleId, f.saleId) : undefined,
      ),
    )
    .orderBy(desc(c.period), desc(t.sales.saleDate), asc(c.saleId), asc(c.createdAt), asc(c.id))
    .limit(Math.min(f.limit ?? 500, 2000));
  const views = rows.map((r): LineView => {
    if (!referrerOnly(ctx.actor, 'commissions:read', lineOwnership(r.line))) return { ...r.line, sale: r.sale };
    const { explanation: _e, correctionReason: _c, ...line } = r.line;
    const { saleDate, clientId, status, advisorId } = r.sale;
    return { ...line, sale: { saleDate, clientId, status, advisorId } };
  });
  const open = await openInquiriesOfLines(
    ctx,
    views.map((v) => v.id),
  );
  return views.map((v) => ({ ...v, openInquiry: open.get(v.id) ?? null }));
}

/** Lines by id with no scope applied (callers check each one). */
export async function linesById(ctx: Ctx, ids: readonly string[]): Promise<LineRow[]> {
  if (!ids.length) return [];
  return ctx.db
    .select()
    .from(ctx.t.commissionLines)
    .where(inArray(ctx.t.commissionLines.id, [...ids]));
}
