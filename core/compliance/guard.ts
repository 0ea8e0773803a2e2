/**
 * @module compliance/guard
 * The sale guard: a sale in a product category the config lists in
 * `compliance.requireRegistrationFor` (e.g. mortgages) by an advisor whose KNF registration or OC
 * insurance is missing or lapsed on the SALE date is refused with a 422 naming each missing item.
 */
import { eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { CrmError } from '../errors.ts';
import { isDate, today } from './dates.ts';
import { complianceState } from './state.ts';

export interface SaleToCheck {
  advisorId: string | null;
  /** The product id of the commission catalogue; its category decides whether the guard applies. */
  product: unknown;
  /** `YYYY-MM-DD`; default today in the firm's zone. */
  saleDate?: unknown;
  /** Where the problems point in the caller's input (default `/fields`). */
  problemPrefix?: string;
}

/** The category of a catalogue product, or null for a product the catalogue does not know. */
export async function categoryOf(ctx: Ctx, product: string): Promise<string | null> {
  const p = ctx.t.commissionProducts;
  const [row] = await ctx.db.select({ category: p.category }).from(p).where(eq(p.id, product)).limit(1);
  return row?.category ?? null;
}

/**
 * Throws 422 when the sale needs a registered, insured advisor and this one is not, on the sale date.
 * `details.missing` lists the items (`registration`, `policy`) with the policy or KNF number.
 * @example
 * await assertMaySell(tx, { advisorId, product: 'aurora-mortgage', saleDate: '2026-04-02' });
 * // 422: "The advisor may not make this mortgage sale on 2026-04-02: the OC policy OC/2025/7 expired on 2026-03-31"
 */
export async function assertMaySell(ctx: Ctx, sale: SaleToCheck): Promise<void> {
  const required = ctx.config.compliance.requireRegistrationFor;
  if (!required.length || typeof sale.product !== 'string') return;
  const category = await categoryOf(ctx, sale.product);
  if (!category || !required.includes(category)) return;
  const prefix = sale.problemPrefix ?? '/fields';
  const date = isDate(sale.saleDate) ? sale.saleDate : today(ctx);
  if (!sale.advisorId)
    throw new CrmError('invalid', `A ${category} sale needs an advisor registered with the KNF`, {
      problems: [{ path: prefix, message: 'the client has no advisor to make the sale' }],
      missing: [{ item: 'registration', status: 'missing', reference: null, validTo: null }],
    });
  const state = await complianceState(ctx, sale.advisorId, date);
  if (!state.missing.length) return;
  const what = state.missing.map((m) => m.message).join('; ');
  throw new CrmError('invalid', `The advisor may not make this ${category} sale on ${date}: ${what}`, {
    problems: state.missing.map((m) => ({ path: `${prefix}/saleDate`, message: m.message, keyword: m.item })),
    missing: state.missing,
  });
}
