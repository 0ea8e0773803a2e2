/**
 * @module commissions/wire
 * The built-in plugin that connects the pure engine to the workflow: on
 * `workflow.afterTransition`, inside the move's transaction,
 * - entering a sale status records the sale and its proposed lines on every ledger;
 * - leaving a sale status (a reopen) cancels the client's active sale as a rejection, writing the
 *   reversing lines.
 * A failure here (e.g. a fractional amount → 422) rolls the whole move back.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { CrmPlugin } from '../plugin/index.ts';
import type { AfterTransitionPayload } from '../workflow/index.ts';
import { cancelSale } from './sales/cancel-sale.ts';
import { recordSale } from './sales/record-sale.ts';

/**
 * Registered by `createCrm` for every firm.
 * @example
 * createPluginRegistry([commissionsPlugin(), ...firmPlugins]);
 */
export function commissionsPlugin(): CrmPlugin {
  return {
    name: 'broker-crm-commissions',
    hooks: {
      async 'workflow.afterTransition'(p: AfterTransitionPayload) {
        const { ctx, client, fields } = p;
        if (p.isSale) {
          await recordSale(ctx, {
            clientId: client.id,
            historyId: p.historyId,
            provider: fields.provider,
            product: fields.product,
            amountMinor: fields.amountMinor,
            saleDate: fields.saleDate,
            advisorId: client.ownerId,
            unitId: client.unitId,
            partnerId: client.partnerId,
            referrerId: client.referrerId,
            clientType: client.type,
            source: client.source,
          });
          return;
        }
        if (!ctx.config.workflow.statuses[p.from]?.sale) return;
        const { t } = ctx;
        const [active] = await ctx.db
          .select({ id: t.sales.id })
          .from(t.sales)
          .where(and(eq(t.sales.clientId, client.id), eq(t.sales.status, 'active')))
          .orderBy(desc(t.sales.createdAt))
          .limit(1);
        if (active)
          await cancelSale(
            ctx,
            active.id,
            { kind: 'rejection', reason: p.note ?? `status ${p.from} → ${p.to}` },
            { authorized: true },
          );
      },
    },
  };
}
