/**
 * @module compliance/plugin
 * The built-in plugin that puts the compliance guards into the workflow: on
 * `workflow.afterTransition`, inside the move's transaction (a refusal rolls the move back),
 * - entering a sale status checks the advisor's KNF registration and OC cover on the sale date
 *   (for the categories in `compliance.requireRegistrationFor`);
 * - entering a status in `compliance.disclosure.requiredBefore` needs a delivered disclosure.
 * Registered by `createCrm` before the commissions plugin, so nothing is proposed for a refused sale.
 */
import type { CrmPlugin } from '../plugin/index.ts';
import type { AfterTransitionPayload } from '../workflow/index.ts';
import { assertDisclosed } from './disclosure/disclosures.ts';
import { assertMaySell } from './guard.ts';

/**
 * @example
 * createPluginRegistry([compliancePlugin(), commissionsPlugin(), ...firmPlugins]);
 */
export function compliancePlugin(): CrmPlugin {
  return {
    name: 'broker-crm-compliance',
    hooks: {
      async 'workflow.afterTransition'(p: AfterTransitionPayload) {
        if (p.isSale)
          await assertMaySell(p.ctx, {
            advisorId: p.client.ownerId,
            product: p.fields.product,
            saleDate: p.fields.saleDate,
          });
        await assertDisclosed(p.ctx, p.client.id, p.to);
      },
    },
  };
}
