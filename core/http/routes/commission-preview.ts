/**
 * @module http/routes/commission-preview
 * `POST /api/clients/:id/transitions/preview`: the dry run of a status move. The same checks as the
 * move itself (scope, allowed move, roles, required fields: 404/409/403/422 with the same problems),
 * nothing written; for a sale, the commission lines the engine would propose for these values, with
 * the recipients' names, the rule that matched each line, and the ledgers no rule covers.
 */
import type { Crm } from '../../crm.ts';
import { previewSale } from '../../commissions/index.ts';
import { previewMove } from '../../workflow/index.ts';
import { object } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const previewBody = {
  type: 'object',
  properties: {
    to: { type: 'string', minLength: 1, maxLength: 60, description: 'Target status id.' },
    fields: { type: 'object', description: 'Values the move requires (see GET …/transitions).', maxProperties: 50 },
    note: { type: ['string', 'null'], maxLength: 4000 },
    expectedVersion: { type: 'integer', minimum: 1, description: 'The client version you saw; 409 when stale.' },
  },
  required: ['to'],
  additionalProperties: false,
} as const;

const previewSchema = object(
  {
    to: { type: 'string' },
    sale: { type: 'boolean' },
    fields: { type: 'object' },
    commissions: {
      type: ['object', 'null'],
      description:
        'For a sale: lines (ledger, beneficiary with name, amountMinor or null when you could not read the line, ' +
        'ruleId, ruleLabel, missing, explanation), uncovered ledgers, the firm policy, product and provider.',
    },
  },
  [],
);

export function commissionPreviewRoutes(_crm: Crm): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/clients/:id/transitions/preview',
      response: previewSchema,
      tag: 'workflow',
      body: previewBody,
      summary: 'Dry run of a status move: its checks, and for a sale the commission lines it would propose',
      description:
        'Nothing is written. 404/409/403/422 as POST …/transitions would answer. For a sale, `commissions.uncovered` ' +
        'lists the ledgers no rule covers: such a sale needs acknowledgeUncovered: true on the move (firm policy ' +
        '`workflow.uncoveredSales`, in `commissions.policy`).',
      async handler({ ctx, params, body }) {
        const { client, move, fields } = await previewMove(ctx, params.id!, {
          to: body.to,
          fields: body.fields as Record<string, unknown> | undefined,
          note: body.note,
          expectedVersion: body.expectedVersion,
        });
        const commissions = move.sale
          ? await previewSale(ctx, {
              clientId: client.id,
              provider: fields['provider'],
              product: fields['product'],
              amountMinor: fields['amountMinor'],
              saleDate: fields['saleDate'],
              advisorId: client.ownerId,
              unitId: client.unitId,
              partnerId: client.partnerId,
              referrerId: client.referrerId,
              clientType: client.type,
              source: client.source,
            })
          : null;
        return { to: move.to, sale: move.sale, fields, commissions };
      },
    }),
  ];
}
