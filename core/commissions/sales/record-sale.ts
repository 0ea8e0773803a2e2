/**
 * @module commissions/sales/record-sale
 * A sale and its proposed lines on every ledger, written in the caller's transaction (the status
 * move's): computed with the newest stored rule set, whose rules carry their validity dates, so
 * the rules in force on the SALE date apply. A product no rule covers still gives a saved sale,
 * with a line flagged `missing` for review — never a silent zero.
 */
import { writeAudit } from '../../audit/index.ts';
import type { Ctx } from '../../context.ts';
import { invalid, type FieldProblem } from '../../errors.ts';
import { newId } from '../../ids/index.ts';
import { plainExplanation } from '../engine/lazy-explanation.ts';
import { proposeCommissions } from '../engine/propose.ts';
import type { CommissionLine } from '../engine/types.ts';
import { ruleTypesOf } from '../engine/rule-types.ts';
import { saleDateOf } from '../engine/sale-date.ts';
import { insertLines, type LineRow } from '../ledger/insert-lines.ts';
import { holdReserves } from '../ledger/reserve.ts';
import { latestRuleSet } from '../products/rule-sets.ts';
import { saleFacts } from './facts.ts';
import { plausibleDate } from '../../time/index.ts';

export type SaleRow = Ctx['t']['sales']['$inferSelect'];

export interface SaleInput {
  clientId: string;
  historyId?: string | null;
  provider: unknown;
  product: unknown;
  amountMinor: unknown;
  /** `YYYY-MM-DD`; default today in the firm's zone. */
  saleDate?: unknown;
  advisorId: string | null;
  unitId: string | null;
  partnerId: string | null;
  /** The client's referrer (a partner's person, or another advisor on an internal referral). */
  referrerId?: string | null;
  clientType: string;
  source: string | null;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** 422 unless the sale's values are exact: whole grosze (no floats, no fractions), not negative. */
function checkInput(i: SaleInput, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // No amount at all is allowed: a fixed fee per policy needs none (amount-based lines are flagged).
  if (i.amountMinor === undefined || i.amountMinor === null) {
    /* no amount */
  } else if (typeof i.amountMinor !== 'number' || !Number.isSafeInteger(i.amountMinor))
    problems.push({
      path: `${prefix}/amountMinor`,
      message:
        'must be a whole number of grosze (an integer, e.g. 45000000 for 450 000,00 zł), not a fraction or a float',
    });
  else if (i.amountMinor < 0) problems.push({ path: `${prefix}/amountMinor`, message: 'must not be negative' });
  if (typeof i.provider !== 'string' || !i.provider)
    problems.push({ path: `${prefix}/provider`, message: 'a sale needs the provider (bank, insurer, leasing firm)' });
  if (typeof i.product !== 'string' || !i.product)
    problems.push({ path: `${prefix}/product`, message: 'a sale needs the product' });
  if (i.saleDate !== undefined && i.saleDate !== null && (typeof i.saleDate !== 'string' || !DATE.test(i.saleDate)))
    problems.push({ path: `${prefix}/saleDate`, message: 'must be a date YYYY-MM-DD' });
  return problems;
}

/**
 * A sale recorded without an amount (a policy paid a fixed fee): each line computed from the sale
 * amount — directly, or as a share of such a line — is flagged missing for a person to fill in, never
 * a silent zero; fixed-fee lines (and shares of them) stand.
 */
export function flagAmountLines(lines: CommissionLine[]): CommissionLine[] {
  const dependent = new Set<string>();
  const out: CommissionLine[] = [];
  // A share of a share…: four passes reach every chain of the four ledgers.
  const order = ['firm', 'advisor', 'partner', 'unit'];
  const sorted = [...lines].sort((a, b) => order.indexOf(a.ledger) - order.indexOf(b.ledger));
  for (let pass = 0; pass < 4; pass++)
    for (const l of sorted) {
      const e = l.explanation;
      const usesAmount =
        l.missing === true ||
        (e.base.of === 'sale' && e.rate.kind !== 'fixed') ||
        (e.base.of === 'ledger' && e.base.ledger !== undefined && dependent.has(e.base.ledger));
      if (usesAmount) dependent.add(l.ledger);
    }
  for (const l of lines) {
    const e = l.explanation;
    const usesAmount =
      (e.base.of === 'sale' && e.rate.kind !== 'fixed') ||
      (e.base.of === 'ledger' && e.base.ledger !== undefined && dependent.has(e.base.ledger));
    if (!usesAmount || l.missing) {
      out.push(l);
      continue;
    }
    out.push({
      ...l,
      amountMinor: 0,
      missing: true,
      explanation: {
        ...plainExplanation(e), // the engine's texts are getters: a spread alone would drop `arithmetic`
        pl: `Sprzedaż bez kwoty: reguła liczy od kwoty, 0,00 zł do uzupełnienia (${l.ruleId ?? 'brak reguły'}).`,
        en: `The sale has no amount: the rule needs it, 0.00 to be entered (${l.ruleId ?? 'no rule'}).`,
      },
    });
  }
  return out;
}

/**
 * The facts of a sale with these values and the lines the newest rule set proposes for them (a sale
 * without an amount has its amount-based lines flagged), nothing written: what `recordSale` stores
 * and `previewSale` shows, computed once.
 * @example
 * const { sale, ruleSet, lines } = await proposeForSale(ctx, input, newId(), '2026-03-10');
 */
export async function proposeForSale(ctx: Ctx, input: SaleInput, id: string, saleDate: string) {
  const noAmount = typeof input.amountMinor !== 'number';
  const facts = await saleFacts(ctx, {
    id,
    clientId: input.clientId,
    provider: String(input.provider ?? ''),
    product: String(input.product ?? ''),
    amountMinor: noAmount ? 0 : (input.amountMinor as number),
    saleDate,
    advisorId: input.advisorId,
    fallbackUnitId: input.unitId,
    partnerId: input.partnerId,
    referrerId: input.referrerId ?? null,
    clientType: input.clientType,
    source: input.source,
  });
  const ruleSet = (await latestRuleSet(ctx)) ?? { version: 1, rules: [] };
  const computed = proposeCommissions(facts.sale, facts.context, ruleSet, ruleTypesOf(ctx.plugins));
  return { ...facts, ruleSet, lines: noAmount ? flagAmountLines(computed) : computed };
}

/**
 * Records a sale and proposes its commissions, in `ctx`'s transaction.
 * @example
 * const { sale, lines } = await recordSale(tx, { clientId, provider: 'bank-aurora', product: 'aurora-mortgage',
 *   amountMinor: 45_000_000, saleDate: '2026-03-10', advisorId, unitId, partnerId: null,
 *   clientType: 'private', source: null });
 */
export async function recordSale(
  ctx: Ctx,
  input: SaleInput,
  options: { problemPrefix?: string } = {},
): Promise<{ sale: SaleRow; lines: LineRow[] }> {
  const prefix = options.problemPrefix ?? '/fields';
  const problems = checkInput(input, prefix);
  if (!problems.length && typeof input.saleDate === 'string') {
    // A typo such as 9999-12-31 would open commission period 9999-12: bounded (core/time/plausible.ts).
    const far = plausibleDate(
      new Date(`${input.saleDate}T12:00:00Z`),
      'sale',
      `${prefix}/saleDate`,
      ctx.clock.now(),
      ctx.dateBounds,
    );
    if (far) problems.push(far);
  }
  if (problems.length) throw invalid('The sale cannot be recorded', problems);
  const saleDate = (input.saleDate as string | undefined) ?? saleDateOf(ctx.clock.now(), ctx.config.firm.timeZone);
  const id = newId();
  const { sale, context, ruleSet, lines: proposed } = await proposeForSale(ctx, input, id, saleDate);
  const row: SaleRow = {
    id,
    clientId: input.clientId,
    historyId: input.historyId ?? null,
    advisorId: input.advisorId,
    unitId: sale.unitId ?? null,
    partnerId: input.partnerId,
    provider: sale.provider,
    product: sale.product,
    productCategory: sale.productCategory ?? null,
    amountMinor: sale.amountMinor,
    saleDate,
    ruleSetVersion: ruleSet.version,
    facts: { ...sale, periodVolumeMinor: context.periodVolumeMinor },
    status: 'active',
    cancellation: null,
    createdBy: ctx.actor.userId,
    createdAt: ctx.clock.now(),
  };
  await ctx.db.insert(ctx.t.sales).values(row);
  const lines = await insertLines(ctx, proposed, {
    kind: 'proposal',
    wantedPeriod: saleDate.slice(0, 7),
    unitId: row.unitId,
  });
  await holdReserves(ctx, ruleSet, lines);
  await writeAudit(ctx, {
    action: 'commissions.sale',
    entity: 'sale',
    entityId: id,
    data: { clientId: input.clientId, lines: lines.length, missing: lines.filter((l) => l.missing).length },
  });
  return { sale: row, lines };
}
