/**
 * @module commissions/sales/facts
 * Everything the engine needs to know about a sale, read as it was on the sale date: the advisor's
 * unit then (`unitOfUser`: a sale stays with the unit the advisor was in, even after a move), that
 * unit's type and groups, the advisor's commission group on the sale date (`commissionGroupOn`), the
 * partner's group, the product's category, the client's type and source, and each beneficiary's
 * volume earlier in the same month.
 */
import { and, eq, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { zonedToUtc } from '../../time/index.ts';
import { commissionGroupOn, unitOfUser } from '../../org/index.ts';
import type { CommissionContext, CommissionSale } from '../engine/types.ts';
import { productOf } from '../products/catalog.ts';

export interface SaleBasics {
  id: string;
  clientId: string;
  provider: string;
  product: string;
  amountMinor: number;
  saleDate: string;
  advisorId: string | null;
  fallbackUnitId: string | null;
  partnerId: string | null;
  clientType: string;
  source: string | null;
  /** The client's referrer; it earns on the partner ledger only when the source is an internal referral. */
  referrerId?: string | null;
}

/**
 * The advisor of an internal referral (the client's source says `referral: "internal"`), who is paid
 * on the partner ledger; none when a partner firm referred the client or the seller referred themself.
 */
export function internalReferrer(
  ctx: Ctx,
  b: Pick<SaleBasics, 'clientType' | 'source' | 'referrerId' | 'partnerId' | 'advisorId'>,
): string | null {
  if (!b.referrerId || b.partnerId || !b.source || b.referrerId === b.advisorId) return null;
  const source = ctx.config.clients.types[b.clientType]?.sources?.[b.source];
  return source?.referral === 'internal' ? b.referrerId : null;
}

/** The instant a sale date stands for when asking "where was the advisor": end of that local day, never after now. */
function asOf(ctx: Ctx, saleDate: string): Date {
  const next = zonedToUtc({ date: saleDate, time: '23:59' }, ctx.config.firm.timeZone).instant;
  const now = ctx.clock.now();
  return next < now ? next : now;
}

/**
 * @example
 * const { sale, context } = await saleFacts(tx, { id, clientId, provider: 'bank-aurora', product: 'aurora-mortgage',
 *   amountMinor: 45_000_000, saleDate: '2026-03-10', advisorId, fallbackUnitId, partnerId: null, clientType: 'private',
 *   source: null });
 */
export async function saleFacts(
  ctx: Ctx,
  b: SaleBasics,
): Promise<{ sale: CommissionSale; context: CommissionContext; productName: string | null }> {
  const { t } = ctx;
  const unitId = (b.advisorId ? await unitOfUser(ctx, b.advisorId, asOf(ctx, b.saleDate)) : null) ?? b.fallbackUnitId;
  const [unit] = unitId
    ? await ctx.db
        .select({ type: t.units.type, groups: t.units.groups })
        .from(t.units)
        .where(eq(t.units.id, unitId))
        .limit(1)
    : [];
  // The advisor's group on the sale date (dated groups: a back-dated sale keeps the group of its day).
  const advisor = b.advisorId ? { group: await commissionGroupOn(ctx, b.advisorId, b.saleDate) } : undefined;
  const [partner] = b.partnerId
    ? await ctx.db
        .select({ group: t.partners.commissionGroup })
        .from(t.partners)
        .where(eq(t.partners.id, b.partnerId))
        .limit(1)
    : [];
  const product = await productOf(ctx, b.product);
  const unitGroup = unit?.groups.find((g) => ctx.config.commissionGroups[g]?.for === 'unit');
  const referrerId = internalReferrer(ctx, b);
  const sale: CommissionSale = {
    id: b.id,
    date: b.saleDate,
    amountMinor: b.amountMinor,
    provider: b.provider,
    product: b.product,
    ...(product ? { productCategory: product.category } : {}),
    clientType: b.clientType,
    ...(b.source ? { source: b.source } : {}),
    ...(unitId ? { unitId } : {}),
    ...(unit ? { unitType: unit.type, unitFranchise: ctx.config.branchTypes[unit.type]?.franchise === true } : {}),
    ...(unitGroup ? { unitGroup } : {}),
    ...(b.advisorId ? { advisorId: b.advisorId } : {}),
    ...(advisor?.group ? { advisorGroup: advisor.group } : {}),
    ...(b.partnerId ? { partnerId: b.partnerId } : {}),
    ...(partner?.group ? { partnerGroup: partner.group } : {}),
    ...(referrerId ? { referrerId } : {}),
  };
  const period = b.saleDate.slice(0, 7);
  const volume = async (where: SQL | undefined) => {
    const [r] = await ctx.db
      .select({ v: sql<number>`coalesce(sum(${t.sales.amountMinor}), 0)` })
      .from(t.sales)
      .where(
        and(
          where,
          eq(t.sales.status, 'active'),
          sql`${t.sales.saleDate} >= ${`${period}-01`}`,
          lt(t.sales.saleDate, `${period}-32`),
          ne(t.sales.id, b.id),
        ),
      );
    return Number(r?.v ?? 0);
  };
  const periodVolumeMinor: NonNullable<CommissionContext['periodVolumeMinor']> = {
    firm: await volume(eq(t.sales.provider, b.provider)),
  };
  if (b.advisorId) periodVolumeMinor.advisor = await volume(eq(t.sales.advisorId, b.advisorId));
  if (b.partnerId) periodVolumeMinor.partner = await volume(eq(t.sales.partnerId, b.partnerId));
  if (unitId) periodVolumeMinor.unit = await volume(eq(t.sales.unitId, unitId));
  return { sale, context: { period, periodVolumeMinor }, productName: product?.name ?? null };
}
