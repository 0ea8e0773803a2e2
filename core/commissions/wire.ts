/**
 * @module commissions/wire
 * The built-in plugin that connects the pure engine to the workflow: on
 * `workflow.afterTransition`, inside the move's transaction,
 * - entering a sale status records the sale and its proposed lines on every ledger; a sale no rule
 *   covers is refused unless the firm's `workflow.uncoveredSales` allows it or the person acknowledged it;
 * - leaving a sale status cancels the client's active sale with the kind and date the move carries
 *   (`cancellationKind`, `cancellationDate`: required fields of that move, see the workflow checks),
 *   through the same clawback rules as `cancelSale`; a move without them (a config that predates
 *   them) cancels as a rejection on the move's day.
 * A failure here (e.g. a fractional amount, a kind the product does not allow → 422) rolls the whole
 * move back; problems name the move's fields (`/fields/cancellationKind`, `/fields/cancellationDate`).
 */
import { and, desc, eq } from 'drizzle-orm';
import { CrmError, type FieldProblem } from '../errors.ts';
import type { CrmPlugin } from '../plugin/index.ts';
import type { AfterTransitionPayload } from '../workflow/index.ts';
import type { ClawbackKind } from './engine/types.ts';
import { cancelSale } from './sales/cancel-sale.ts';
import { recordSale } from './sales/record-sale.ts';
import { refuseUncovered } from './sales/uncovered.ts';

const fieldOf: Record<string, string> = { '/kind': '/fields/cancellationKind', '/date': '/fields/cancellationDate' };

/** A cancellation's 422 with its problems named as the move's fields. */
function asMoveProblem(e: unknown): unknown {
  if (!(e instanceof CrmError) || e.code !== 'invalid' || !Array.isArray(e.details?.problems)) return e;
  const problems = (e.details.problems as FieldProblem[]).map((p) => ({ ...p, path: fieldOf[p.path] ?? p.path }));
  return new CrmError('invalid', e.message, { ...e.details, problems });
}

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
          const { lines } = await recordSale(ctx, {
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
          // A sale no rule covers: 422 unless the firm allows it or the person acknowledged it (rolls back).
          refuseUncovered(ctx, lines, p.acknowledgeUncovered);
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
        if (!active) return;
        const kind = (fields.cancellationKind as ClawbackKind | undefined) ?? 'rejection';
        const date = typeof fields.cancellationDate === 'string' ? fields.cancellationDate : undefined;
        try {
          await cancelSale(
            ctx,
            active.id,
            { kind, ...(date ? { date } : {}), reason: p.note ?? `status ${p.from} → ${p.to}` },
            { authorized: true },
          );
        } catch (e) {
          throw asMoveProblem(e);
        }
      },
    },
  };
}
