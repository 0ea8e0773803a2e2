/**
 * @module commissions/ledger/lines
 * Reading commission lines as the actor may see them (`commissions:read`): an advisor the lines
 * that pay them, a partner the lines that pay the partner firm, a manager every line of their
 * units' sales, the back office everything. Filters by month, ledger, status, unit, the sale's
 * advisor, partner, provider and product, and missing rule; sorted pages (offset: a reviewer jumps
 * to page 7 of a filter that holds at most a few thousand lines, see `summary.ts` for the totals).
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { referrerOnly, scopeCondition, type RecordOwnership, type Permission } from '../../access/index.ts';
import type { Ctx } from '../../context.ts';
import { openInquiriesOfLines } from '../inquiries/inquiries.ts';
import type { LineRow } from './insert-lines.ts';

export const lineStatuses = ['proposed', 'corrected', 'approved'] as const;
/** `pending` is proposed or corrected: every line still waiting for approval. */
export const lineStatusFilters = [...lineStatuses, 'pending'] as const;
/** Orders of a line list; each ends with the line id, so pages never overlap or skip a line. */
export const lineSorts = ['period', 'recipient', 'sale-date', 'amount'] as const;
export type LineSort = (typeof lineSorts)[number];

export interface LineFilter {
  period?: string;
  ledger?: string;
  status?: string;
  kind?: string;
  beneficiaryKind?: string;
  beneficiaryId?: string;
  saleId?: string;
  /** The unit the line is booked for (the sale's unit). */
  unitId?: string;
  /** The advisor who made the sale (every ledger's lines of their sales, not only the lines paying them). */
  advisorId?: string;
  /** The partner firm the sale's client came through. */
  partnerId?: string;
  /** Provider id (a bank, an insurer) of the sale. */
  provider?: string;
  /** Product id of the sale. */
  product?: string;
  /** Only lines no rule covered (`true`) or only lines a rule covered (`false`). */
  missing?: boolean;
  /** Only lines that pay the actor (their advisor lines, or their partner firm's lines). */
  mine?: boolean;
  /** `period` (newest month first, then sale date), `recipient` (by name), `sale-date`, `amount` (largest first). */
  sort?: LineSort;
  limit?: number;
  /** Lines to skip (a page number times the page size). */
  offset?: number;
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
 * The WHERE condition of a line filter, within the actor's scope for `permission`. The query must
 * join `sales` (the advisor, partner, provider and product filters are the sale's).
 * @example
 * await ctx.db.select().from(c).innerJoin(t.sales, eq(t.sales.id, c.saleId))
 *   .where(lineConditions(ctx, { advisorId, status: 'pending' }));
 */
export function lineConditions(ctx: Ctx, f: LineFilter, permission: Permission = 'commissions:read'): SQL | undefined {
  const { t } = ctx;
  const c = t.commissionLines;
  const mine = f.mine
    ? ctx.actor.partnerId
      ? and(eq(c.beneficiaryKind, 'partner'), eq(c.beneficiaryId, ctx.actor.partnerId))
      : and(eq(c.beneficiaryKind, 'advisor'), eq(c.beneficiaryId, ctx.actor.userId ?? '-'))
    : undefined;
  const status =
    f.status === 'pending'
      ? inArray(c.status, ['proposed', 'corrected'])
      : f.status
        ? eq(c.status, f.status as LineRow['status'])
        : undefined;
  return and(
    lineScope(ctx, permission),
    mine,
    status,
    f.period ? eq(c.period, f.period) : undefined,
    f.ledger ? eq(c.ledger, f.ledger as LineRow['ledger']) : undefined,
    f.kind ? eq(c.kind, f.kind as LineRow['kind']) : undefined,
    f.beneficiaryKind ? eq(c.beneficiaryKind, f.beneficiaryKind as LineRow['beneficiaryKind']) : undefined,
    f.beneficiaryId ? eq(c.beneficiaryId, f.beneficiaryId) : undefined,
    f.saleId ? eq(c.saleId, f.saleId) : undefined,
    f.unitId ? eq(c.unitId, f.unitId) : undefined,
    f.advisorId ? eq(t.sales.advisorId, f.advisorId) : undefined,
    f.partnerId ? eq(t.sales.partnerId, f.partnerId) : undefined,
    f.provider ? eq(t.sales.provider, f.provider) : undefined,
    f.product ? eq(t.sales.product, f.product) : undefined,
    f.missing === undefined ? undefined : eq(c.missing, f.missing),
  );
}

/**
 * The recipient's name as an SQL expression (for ordering by it): the advisor's, the partner
 * firm's, the unit's or the provider's name, else its id.
 */
export function recipientNameSql(ctx: Ctx): SQL {
  const { t } = ctx;
  const c = t.commissionLines;
  const { users, partners, units, commissionProviders: providers } = t;
  return sql`coalesce(case ${c.beneficiaryKind}
    when 'advisor' then (select ${users.name} from ${users} where ${users.id} = ${c.beneficiaryId})
    when 'partner' then (select ${partners.name} from ${partners} where ${partners.id} = ${c.beneficiaryId})
    when 'unit' then (select ${units.name} from ${units} where ${units.id} = ${c.beneficiaryId})
    else (select ${providers.name} from ${providers} where ${providers.id} = ${c.beneficiaryId}) end,
    ${c.beneficiaryId})`;
}

function orderOf(ctx: Ctx, sort: LineSort | undefined): SQL[] {
  const { t } = ctx;
  const c = t.commissionLines;
  const tail = [asc(c.saleId), asc(c.createdAt), asc(c.id)];
  switch (sort) {
    case 'recipient':
      return [
        asc(recipientNameSql(ctx)),
        asc(c.beneficiaryKind),
        asc(c.beneficiaryId),
        desc(t.sales.saleDate),
        ...tail,
      ];
    case 'sale-date':
      return [desc(t.sales.saleDate), ...tail];
    case 'amount':
      return [desc(c.amountMinor), ...tail];
    default:
      return [desc(c.period), desc(t.sales.saleDate), ...tail];
  }
}

/**
 * @example
 * const lines = await listLines(ctx, { period: '2026-03', ledger: 'advisor', status: 'proposed' });
 * const page3 = await listLines(ctx, { advisorId, status: 'pending', sort: 'recipient', limit: 50, offset: 100 });
 */
export async function listLines(ctx: Ctx, f: LineFilter = {}): Promise<LineView[]> {
  const { t } = ctx;
  const c = t.commissionLines;
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
    .where(lineConditions(ctx, f))
    .orderBy(...orderOf(ctx, f.sort))
    .limit(Math.min(f.limit ?? 500, 2000))
    .offset(Math.max(0, f.offset ?? 0));
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
