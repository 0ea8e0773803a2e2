/**
 * @module commissions/sales/preview-sale
 * The dry run of a sale: the lines the engine would propose for the values a person is about to
 * confirm — with the recipients' names, the rule that matched each line, and which ledgers no rule
 * covers — computed exactly as `recordSale` computes them (the same facts, the newest rule set, the
 * engine's public `proposeCommissions`), and nothing written. The sale form shows it before the move.
 * A line's amount and explanation are given only to a person who could read that line once stored
 * (`commissions:read` over its owner, unit or partner); the rest show who is paid and by which rule.
 */
import { inArray } from 'drizzle-orm';
import { canAccess } from '../../access/index.ts';
import type { Ctx } from '../../context.ts';
import { newId } from '../../ids/index.ts';
import { saleDateOf } from '../engine/sale-date.ts';
import type { BeneficiaryKind, CommissionLine } from '../engine/types.ts';
import type { Ledger } from '../rules/schema.ts';
import { proposeForSale, type SaleInput } from './record-sale.ts';
import { uncoveredLedgers } from './uncovered.ts';

/** One proposed line as the preview shows it. */
export interface PreviewLine {
  ledger: Ledger;
  component: string;
  beneficiary: { kind: BeneficiaryKind; id: string; name: string | null };
  /** Grosze; null when the person could not read this line once stored. */
  amountMinor: number | null;
  ruleId: string | null;
  /** The matched rule's `label` from the rule set, when it has one. */
  ruleLabel: string | null;
  /** No rule covers the sale on this ledger (`ruleId` null), or the rule needs an amount the sale lacks. */
  missing: boolean;
  /** How the amount was computed, in Polish and English; null with a hidden amount. */
  explanation: { pl: string; en: string } | null;
}

export interface SalePreview {
  lines: PreviewLine[];
  /** Ledgers on which no rule covers the sale: a sale with any needs the firm's acknowledgement policy. */
  uncovered: Ledger[];
  /** What `workflow.uncoveredSales` does with an uncovered sale: acknowledge, refuse or allow. */
  policy: 'acknowledge' | 'refuse' | 'allow';
  product: { id: string; name: string | null; category: string | null; inCatalogue: boolean };
  provider: { id: string; name: string | null };
  saleDate: string;
}

async function names(ctx: Ctx, lines: CommissionLine[], providerId: string): Promise<Map<string, string>> {
  const { t } = ctx;
  const ids = (kind: BeneficiaryKind) => [
    ...new Set(lines.filter((l) => l.beneficiary.kind === kind).map((l) => l.beneficiary.id)),
  ];
  const out = new Map<string, string>();
  const add = (kind: string, rows: { id: string; name: string }[]) => {
    for (const r of rows) out.set(`${kind}:${r.id}`, r.name);
  };
  const providers = [...new Set([...ids('provider'), providerId])];
  add(
    'provider',
    await ctx.db
      .select({ id: t.commissionProviders.id, name: t.commissionProviders.name })
      .from(t.commissionProviders)
      .where(inArray(t.commissionProviders.id, providers)),
  );
  const advisors = ids('advisor');
  if (advisors.length)
    add(
      'advisor',
      await ctx.db.select({ id: t.users.id, name: t.users.name }).from(t.users).where(inArray(t.users.id, advisors)),
    );
  const partners = ids('partner');
  if (partners.length)
    add(
      'partner',
      await ctx.db
        .select({ id: t.partners.id, name: t.partners.name })
        .from(t.partners)
        .where(inArray(t.partners.id, partners)),
    );
  const units = ids('unit');
  if (units.length)
    add(
      'unit',
      await ctx.db.select({ id: t.units.id, name: t.units.name }).from(t.units).where(inArray(t.units.id, units)),
    );
  return out;
}

/**
 * The lines a sale with these values would get, nothing stored. The values are the move's, already
 * checked by the workflow (`previewMove`).
 * @example
 * const p = await previewSale(ctx, { clientId, provider: 'bank-aurora', product: 'aurora-mortgage',
 *   amountMinor: 45_000_000, saleDate: '2026-03-10', advisorId, unitId, partnerId: null,
 *   clientType: 'private', source: null });
 * p.uncovered // [] when a rule covers every ledger
 */
export async function previewSale(ctx: Ctx, input: SaleInput): Promise<SalePreview> {
  const saleDate =
    typeof input.saleDate === 'string' ? input.saleDate : saleDateOf(ctx.clock.now(), ctx.config.firm.timeZone);
  const { sale, productName, ruleSet, lines } = await proposeForSale(ctx, input, newId(), saleDate);
  const labels = new Map(ruleSet.rules.map((r) => [r.id, r.label ?? null]));
  const named = await names(ctx, lines, sale.provider);
  return {
    lines: lines.map((l) => {
      const visible = canAccess(ctx.actor, 'commissions:read', {
        ownerId: l.beneficiary.kind === 'advisor' ? l.beneficiary.id : null,
        unitId: sale.unitId ?? null,
        partnerId: l.beneficiary.kind === 'partner' ? l.beneficiary.id : null,
      });
      return {
        ledger: l.ledger,
        component: l.component,
        beneficiary: { ...l.beneficiary, name: named.get(`${l.beneficiary.kind}:${l.beneficiary.id}`) ?? null },
        amountMinor: visible ? l.amountMinor : null,
        ruleId: l.ruleId,
        ruleLabel: l.ruleId ? (labels.get(l.ruleId) ?? null) : null,
        missing: l.missing === true,
        explanation: visible ? { pl: l.explanation.pl, en: l.explanation.en } : null,
      };
    }),
    uncovered: uncoveredLedgers(lines),
    policy: ctx.config.workflow.uncoveredSales ?? 'acknowledge',
    product: {
      id: sale.product,
      name: productName,
      category: sale.productCategory ?? null,
      inCatalogue: productName !== null,
    },
    provider: { id: sale.provider, name: named.get(`provider:${sale.provider}`) ?? null },
    saleDate,
  };
}
