/**
 * @module http/routes/commissions
 * Commission rule sets, products, sales (and their cancellation), ledger lines (list, correct,
 * adjust, bulk approve), settlement periods and statements (JSON, PDF, XLSX).
 */
import type { Crm } from '../../crm.ts';
import {
  approveLines,
  adjustLine,
  correctLine,
  listLines,
  listPeriods,
  listCatalog,
  saveCatalog,
  type ProductCatalog,
  getRuleSet,
  listRuleSets,
  uploadRuleSet,
  locateProblems,
  RuleSetError,
  cancelSale,
  getSale,
  listSales,
  closePeriod,
  getStatement,
  listStatements,
  statementFile,
  ledgers,
} from '../../commissions/index.ts';
import {
  approvalSchema,
  commissionLineSchema,
  list,
  periodCloseSchema,
  periodSchema,
  productsSchema,
  ruleSetSchema,
  ruleSetStoredSchema,
  ruleSetSummarySchema,
  saleSchema,
  statementSchema,
  statementSummarySchema,
  XLSX_MEDIA,
} from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const period = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;
const ledger = { type: 'string', enum: ledgers } as const;
const date = { type: 'string', format: 'date' } as const;
const amount = { description: 'Whole grosze (an integer); fractions and floats are refused with 422.' } as const;
const correction = {
  type: 'object',
  properties: { amountMinor: amount, reason: { type: 'string', maxLength: 1000 } },
  required: ['amountMinor', 'reason'],
  additionalProperties: false,
} as const;

export function commissionRoutes(_crm: Crm): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/commission-rule-sets',
      response: list(ruleSetSummarySchema),
      tag: 'commissions',
      summary: 'Stored rule-set versions, newest first',
      handler: ({ ctx }) => listRuleSets(ctx).then((items) => ({ items })),
    }),
    defineRoute({
      method: 'post',
      path: '/api/commission-rule-sets',
      response: ruleSetStoredSchema,
      tag: 'commissions',
      status: 201,
      body: { type: 'object' },
      summary:
        'Upload a new rule-set version (validated: 422 lists every problem with its JSON path, line and column; ' +
        '409 when not newer)',
      async handler({ ctx, body, c }) {
        try {
          return await uploadRuleSet(ctx, body);
        } catch (e) {
          // The problems name lines and columns of the body as sent (the body is cached by the reader).
          throw e instanceof RuleSetError ? locateProblems(e, await c.req.text(), 'upload.json') : e;
        }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/commission-rule-sets/:version',
      response: ruleSetSchema,
      tag: 'commissions',
      summary: 'One rule-set version in full',
      handler: ({ ctx, params }) => getRuleSet(ctx, Number(params.version)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/commission-products',
      response: productsSchema,
      tag: 'commissions',
      summary: 'Providers and their products with categories',
      handler: ({ ctx }) => listCatalog(ctx),
    }),
    defineRoute({
      method: 'put',
      path: '/api/commission-products',
      response: productsSchema,
      tag: 'commissions',
      body: { type: 'object', properties: { providers: { type: 'array' } }, required: ['providers'] },
      summary: 'Insert or update providers and products (commissions:rules)',
      handler: async ({ ctx, body }) => {
        await saveCatalog(ctx, body as unknown as ProductCatalog);
        return listCatalog(ctx);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/sales',
      response: list(saleSchema),
      tag: 'commissions',
      summary: 'Sales in your commissions:read scope',
      query: {
        type: 'object',
        properties: {
          clientId: id,
          status: { type: 'string', enum: ['active', 'cancelled'] },
          period,
          limit: { type: 'integer', minimum: 1, maximum: 1000 },
        },
        additionalProperties: false,
      },
      handler: ({ ctx, query }) => listSales(ctx, query).then((items) => ({ items })),
    }),
    defineRoute({
      method: 'get',
      path: '/api/sales/:id',
      response: saleSchema,
      tag: 'commissions',
      summary: 'One sale with its lines',
      handler: ({ ctx, params }) => getSale(ctx, params.id!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/sales/:id/cancel',
      response: { type: 'object' },
      tag: 'commissions',
      status: 201,
      body: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['withdrawal', 'rejection', 'early-repayment', 'other'] },
          date,
          reason: { type: ['string', 'null'], maxLength: 1000 },
          fraction: {
            type: 'object',
            properties: { numerator: { type: 'integer', minimum: 0 }, denominator: { type: 'integer', minimum: 1 } },
            required: ['numerator', 'denominator'],
            additionalProperties: false,
          },
        },
        required: ['kind'],
        additionalProperties: false,
      },
      summary: 'Cancel a sale: reversing lines on every ledger in the month of the cancellation',
      description:
        "The rule set's clawback rules say which kinds the sale's product allows, the window and the share " +
        '(docs/commissions.md). 422 for a kind not allowed or outside its window; 409 when already cancelled.',
      handler: ({ ctx, params, body }) => cancelSale(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/commission-lines',
      response: list(commissionLineSchema),
      tag: 'commissions',
      summary: 'Commission lines in your scope, with their explanations',
      query: {
        type: 'object',
        properties: {
          period,
          ledger,
          status: { type: 'string', enum: ['proposed', 'corrected', 'approved'] },
          kind: { type: 'string', enum: ['proposal', 'adjustment', 'clawback', 'reserve'] },
          beneficiaryKind: { type: 'string', enum: ['provider', 'advisor', 'partner', 'unit'] },
          beneficiaryId: id,
          saleId: id,
          mine: { type: 'boolean' },
          limit: { type: 'integer', minimum: 1, maximum: 2000 },
        },
        additionalProperties: false,
      },
      handler: ({ ctx, query }) => listLines(ctx, query).then((items) => ({ items })),
    }),
    defineRoute({
      method: 'post',
      path: '/api/commission-lines/:id/correct',
      response: commissionLineSchema,
      tag: 'commissions',
      body: correction,
      summary: 'Correct a proposed amount (reason required; the original is kept). 409 on an approved line.',
      handler: ({ ctx, params, body }) => correctLine(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/commission-lines/:id/adjust',
      response: commissionLineSchema,
      tag: 'commissions',
      status: 201,
      body: correction,
      summary: 'Add an adjustment line (a difference) to an approved line',
      handler: ({ ctx, params, body }) => adjustLine(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/commission-lines/approve',
      response: approvalSchema,
      tag: 'commissions',
      body: {
        type: 'object',
        properties: { ids: { type: 'array', items: id, minItems: 1, maxItems: 1000 } },
        required: ['ids'],
        additionalProperties: false,
      },
      summary:
        'Approve lines, all or nothing (403 and nothing changed if any is outside your scope); generates ' +
        'statements for months now fully approved',
      handler: ({ ctx, body }) => approveLines(ctx, body.ids),
    }),
    defineRoute({
      method: 'get',
      path: '/api/commission-periods',
      response: list(periodSchema),
      tag: 'commissions',
      summary: 'Months per ledger: lines, pending approvals, closed or open',
      query: { type: 'object', properties: { ledger }, additionalProperties: false },
      handler: ({ ctx, query }) => listPeriods(ctx, query).then((items) => ({ items })),
    }),
    defineRoute({
      method: 'post',
      path: '/api/commission-periods/close',
      response: periodCloseSchema,
      tag: 'commissions',
      status: 201,
      body: {
        type: 'object',
        properties: { ledger, period },
        required: ['ledger', 'period'],
        additionalProperties: false,
      },
      summary: "Close a ledger's month (all lines approved, else 409) and issue its final statements",
      handler: ({ ctx, body }) => closePeriod(ctx, body.ledger, body.period),
    }),
    defineRoute({
      method: 'get',
      path: '/api/statements',
      response: list(statementSummarySchema),
      tag: 'commissions',
      summary: 'Statements in your settlements:read scope',
      query: {
        type: 'object',
        properties: {
          period,
          ledger,
          recipientKind: { type: 'string' },
          recipientId: id,
          mine: { type: 'boolean' },
          includeSuperseded: { type: 'boolean' },
        },
        additionalProperties: false,
      },
      handler: ({ ctx, query }) => listStatements(ctx, query).then((items) => ({ items })),
    }),
    defineRoute({
      method: 'get',
      path: '/api/statements/:ref',
      produces: ['application/pdf', XLSX_MEDIA],
      response: statementSchema,
      tag: 'commissions',
      summary: 'A statement: `:id` as JSON, `:id.pdf` or `:id.xlsx` as a file',
      async handler({ ctx, params }) {
        const m = /^(.+?)(?:\.(pdf|xlsx))?$/s.exec(params.ref!)!; // s: a ref with a line break is a 404, not a crash
        if (!m[2]) return getStatement(ctx, m[1]!);
        const f = await statementFile(ctx, m[1]!, m[2] as 'pdf' | 'xlsx');
        return new Response(f.bytes.slice().buffer as ArrayBuffer, {
          headers: {
            'content-type': f.contentType,
            'content-disposition': `attachment; filename="${f.filename}"`,
            'cache-control': 'private, no-store',
          },
        });
      },
    }),
  ];
}
