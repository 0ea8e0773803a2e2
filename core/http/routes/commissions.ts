/**
 * @module http/routes/commissions
 * Commission rule sets, products, sales (and their cancellation), ledger lines (list with filters,
 * names, pages and totals; the filters' choices; correct, adjust, approve by id or every line a
 * filter matches), settlement periods, statements (JSON, PDF, XLSX) and the statements not produced
 * yet with the reason.
 */
import type { Crm } from '../../crm.ts';
import {
  approveLines,
  approveMatching,
  adjustLine,
  correctLine,
  lineFacets,
  lineSorts,
  lineStatusFilters,
  listLines,
  pendingStatements,
  summarizeLines,
  withNames,
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
  object,
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
const name = { type: 'string' } as const;
const count = { type: 'integer', minimum: 0 } as const;
/** The filters of a line list, shared by the list and "approve all matching". */
const lineFilterQuery = {
  period,
  ledger,
  status: { type: 'string', enum: lineStatusFilters },
  kind: { type: 'string', enum: ['proposal', 'adjustment', 'clawback', 'reserve'] },
  beneficiaryKind: { type: 'string', enum: ['provider', 'advisor', 'partner', 'unit'] },
  beneficiaryId: id,
  saleId: id,
  unitId: id,
  advisorId: id,
  partnerId: id,
  provider: id,
  product: id,
  missing: { type: 'boolean' },
} as const;
const pageQuery = {
  sort: { type: 'string', enum: lineSorts },
  limit: { type: 'integer', minimum: 1, maximum: 2000 },
  offset: { type: 'integer', minimum: 0, maximum: 1_000_000 },
} as const;
const namedLineSchema = {
  ...commissionLineSchema,
  properties: {
    ...commissionLineSchema.properties,
    names: object({ recipient: name, provider: name, product: name, advisor: name, unit: name, client: name }, [
      'provider',
      'product',
      'advisor',
      'unit',
      'client',
    ]),
  },
} as const;
const summarySchema = object({
  total: count,
  totalMinor: { type: 'integer' },
  approvable: count,
  needAmount: count,
  groups: {
    type: 'array',
    items: object({
      recipientKind: name,
      recipientId: name,
      recipientName: name,
      lines: count,
      totalMinor: { type: 'integer' },
      pending: count,
    }),
  },
});
const choices = { type: 'array', items: object({ id: name, name }) } as const;
const facetsSchema = object({
  periods: { type: 'array', items: name },
  units: choices,
  advisors: choices,
  partners: choices,
  providers: choices,
  products: choices,
});
const waitingSchema = object({
  ledger: name,
  period: name,
  recipientKind: name,
  recipientId: name,
  recipientName: name,
  pending: count,
});
const pendingStatementSchema = object({
  ...waitingSchema.properties,
  statementId: { type: ['string', 'null'] },
});
const approvalResultSchema = object(
  {
    ...approvalSchema.properties,
    waiting: { type: 'array', items: waitingSchema },
    skippedNeedAmount: count,
  },
  ['skippedNeedAmount'],
);
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
      response: {
        ...list(namedLineSchema, { offset: { type: 'integer' }, limit: { type: 'integer' }, summary: summarySchema }),
        required: ['items', 'offset', 'limit'],
      },
      tag: 'commissions',
      summary: 'Commission lines in your scope, with their explanations and names; filters, sort, pages, totals',
      description:
        '`status=pending` is proposed or corrected. `advisorId`, `partnerId`, `provider` and `product` are the ' +
        "sale's. Each line carries `names` (recipient, provider, product, advisor, unit, and the client's name " +
        "only where you may see it). `summary=true` adds the whole filter's count, total, the lines you may " +
        'approve now and one group per recipient with its total.',
      query: {
        type: 'object',
        properties: { ...lineFilterQuery, mine: { type: 'boolean' }, ...pageQuery, summary: { type: 'boolean' } },
        additionalProperties: false,
      },
      async handler({ ctx, query }) {
        const { summary, ...f } = query;
        const limit = Math.min(f.limit ?? 500, 2000);
        const items = await withNames(ctx, await listLines(ctx, { ...f, limit }));
        return {
          items,
          offset: f.offset ?? 0,
          limit,
          ...(summary ? { summary: await summarizeLines(ctx, f) } : {}),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/commission-lines/facets',
      response: facetsSchema,
      tag: 'commissions',
      summary: 'What the review filters offer: months, units, advisors, partners, providers, products with names',
      query: { type: 'object', properties: { period, ledger }, additionalProperties: false },
      handler: ({ ctx, query }) => lineFacets(ctx, query),
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
      response: approvalResultSchema,
      tag: 'commissions',
      body: {
        type: 'object',
        properties: {
          ids: { type: 'array', items: id, minItems: 1, maxItems: 1000 },
          filter: { type: 'object', properties: lineFilterQuery, additionalProperties: false },
          expected: { type: 'integer', minimum: 1 },
        },
        oneOf: [{ required: ['ids'] }, { required: ['filter', 'expected'] }],
        additionalProperties: false,
      },
      summary:
        'Approve lines by id (all or nothing: 403 and nothing changed if any is outside your scope), or every ' +
        'line a filter matches; statements for recipients whose month is now fully approved',
      description:
        '`{ filter, expected }` approves every waiting line the filter matches in your commissions:approve scope ' +
        '(lines without a rule and without an entered amount stay, counted in `skippedNeedAmount`). `expected` is ' +
        'the count you showed the person: 409 when more lines match now. `waiting` names the recipients whose ' +
        'statement is not produced yet and how many of their lines still wait.',
      handler: ({ ctx, body }) =>
        body.ids ? approveLines(ctx, body.ids) : approveMatching(ctx, body.filter ?? {}, body.expected ?? 0),
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
      path: '/api/pending-statements',
      response: list(pendingStatementSchema),
      tag: 'commissions',
      summary: 'Recipients whose statement for a month is not produced (or out of date): lines still waiting',
      query: { type: 'object', properties: { period, ledger }, additionalProperties: false },
      handler: ({ ctx, query }) => pendingStatements(ctx, query).then((items) => ({ items })),
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
