/**
 * @module http/routes/commission-rule-drafts
 * The open commission rule-set draft (one per firm): read it with its problems (line, column, path),
 * open it from an upload or as a copy of the published version, save it (409 on a stale revision),
 * discard it, compare it rule by rule with the published version, simulate it over a period's sales
 * (nothing written) and publish it from a chosen first day. All need `commissions:rules`.
 */
import { scopesOf } from '../../access/index.ts';
import type { Crm } from '../../crm.ts';
import {
  createRuleDraft,
  discardRuleDraft,
  draftRuleSet,
  earliestPublishDate,
  firstOfNextMonth,
  getRuleDraft,
  MAX_DRAFT_CHARS,
  previousMonth,
  publications,
  publishRuleDraft,
  ruleDraftDiff,
  saveRuleDraft,
  simulateRuleSet,
} from '../../commissions/index.ts';
import { forbidden } from '../../errors.ts';
import { object } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const str = { type: 'string' } as const;
const nStr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const nInt = { type: ['integer', 'null'] } as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const texts = object({ pl: str, en: str });
const problem = object({ path: str, message: str, file: str, line: int, column: int }, ['file', 'line', 'column']);
const draftSchema = object({
  id: str,
  text: str,
  baseVersion: nInt,
  revision: int,
  createdBy: nStr,
  createdAt: { type: 'string', format: 'date-time' },
  updatedBy: nStr,
  updatedAt: { type: 'string', format: 'date-time' },
  problems: { type: 'array', items: problem },
  warnings: { type: 'array', items: problem },
  latestVersion: nInt,
});
const stateSchema = object({
  draft: { anyOf: [draftSchema, { type: 'null' }] },
  publishFrom: str,
  earliestFrom: nStr,
  period: object({ from: str, to: str }),
  published: { type: 'array', items: object({ version: int, from: str, reason: nStr }) },
});
const changeSchema = object({
  kind: { type: 'string', enum: ['added', 'removed', 'changed'] },
  ruleId: str,
  ledger: str,
  label: nStr,
  summary: texts,
  fields: { type: 'array', items: object({ field: str, old: {}, new: {}, oldText: texts, newText: texts }) },
});
const who = object({ kind: str, id: str, name: nStr });
const simulationSchema = object({
  from: str,
  to: str,
  salesTotal: int,
  salesSimulated: int,
  totals: object({ oldMinor: int, newMinor: int, diffMinor: int }),
  recipients: {
    type: 'array',
    items: object({ ...who.properties, oldMinor: int, newMinor: int, diffMinor: int, changedLines: int }),
  },
  lines: {
    type: 'array',
    items: object({
      saleId: str,
      saleDate: str,
      provider: str,
      product: str,
      ledger: str,
      component: str,
      recipient: who,
      oldMinor: int,
      newMinor: int,
      diffMinor: int,
      oldRuleId: nStr,
      newRuleId: nStr,
    }),
  },
  linesTotal: int,
});
const text = { type: 'string', minLength: 1, maxLength: MAX_DRAFT_CHARS } as const;

export function commissionRuleDraftRoutes(_crm: Crm): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/commission-rule-draft',
      response: stateSchema,
      tag: 'commissions',
      summary:
        'The open rule-set draft with its problems (or null), and the default dates for publishing and simulating',
      async handler({ ctx }) {
        const draft = await getRuleDraft(ctx);
        return {
          draft,
          publishFrom: firstOfNextMonth(ctx),
          earliestFrom: (await earliestPublishDate(ctx)) ?? null,
          period: previousMonth(ctx),
          published: [...(await publications(ctx))].map(([version, p]) => ({ version, ...p })),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/commission-rule-draft',
      response: draftSchema,
      status: 201,
      tag: 'commissions',
      body: {
        type: 'object',
        properties: { text, copyCurrent: { type: 'boolean' } },
        additionalProperties: false,
      },
      errors: { 409: 'A draft is already open' },
      summary: 'Open the draft from JSON text (kept even with problems) or as a copy of the published version',
      handler: ({ ctx, body }) => createRuleDraft(ctx, body),
    }),
    defineRoute({
      method: 'put',
      path: '/api/commission-rule-draft',
      response: draftSchema,
      tag: 'commissions',
      body: {
        type: 'object',
        properties: { text, baseRevision: { type: 'integer', minimum: 1 } },
        required: ['text', 'baseRevision'],
        additionalProperties: false,
      },
      errors: { 404: 'No draft is open', 409: 'Someone saved the draft since baseRevision' },
      summary: 'Save the draft text over the revision it was edited from (409 when stale)',
      handler: ({ ctx, body }) => saveRuleDraft(ctx, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/commission-rule-draft/discard',
      status: 204,
      tag: 'commissions',
      body: {
        type: 'object',
        properties: { reason: { type: 'string', maxLength: 1000 } },
        additionalProperties: false,
      },
      errors: { 404: 'No draft is open' },
      summary: 'Close the open draft without publishing it (audited)',
      handler: ({ ctx, body }) => discardRuleDraft(ctx, body.reason).then(() => undefined),
    }),
    defineRoute({
      method: 'get',
      path: '/api/commission-rule-draft/diff',
      response: object({ baseVersion: nInt, changes: { type: 'array', items: changeSchema } }),
      tag: 'commissions',
      errors: { 404: 'No draft is open', 422: 'The draft has problems (details.problems with lines)' },
      summary: 'The draft rule by rule against the published version (422 while the draft has problems)',
      handler: ({ ctx }) => ruleDraftDiff(ctx),
    }),
    defineRoute({
      method: 'get',
      path: '/api/commission-rule-draft/simulation',
      response: simulationSchema,
      tag: 'commissions',
      query: {
        type: 'object',
        properties: { from: day, to: day },
        additionalProperties: false,
      },
      errors: { 404: 'No draft is open' },
      summary:
        "The engine re-run over a period's sales (default: last month) with the draft instead of the rules " +
        'in force: changes per recipient and per line; nothing is written',
      async handler({ ctx, query }) {
        if (!scopesOf(ctx.actor, 'commissions:rules').length)
          throw forbidden('Simulating a draft needs commissions:rules', { permission: 'commissions:rules' });
        const { ruleSet } = await draftRuleSet(ctx);
        return simulateRuleSet(ctx, ruleSet, query);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/commission-rule-draft/publish',
      status: 201,
      response: object({ version: int, from: str, rules: int, reason: str }),
      tag: 'commissions',
      body: {
        type: 'object',
        properties: { from: day, reason: { type: 'string', maxLength: 1000 }, revision: { type: 'integer' } },
        required: ['reason', 'revision'],
        additionalProperties: false,
      },
      errors: {
        404: 'No draft is open',
        409: 'The draft or the published version changed since it was looked at',
      },
      summary:
        'Publish the draft as the next version from a first day (default: the first of next month); ' +
        'refused in a closed period',
      handler: ({ ctx, body }) => publishRuleDraft(ctx, body),
    }),
  ];
}
