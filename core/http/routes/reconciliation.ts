/**
 * @module http/routes/reconciliation
 * Bank reconciliation for the back office (`settlements:close` at scope all): import a provider's
 * statement (the file as base64), review and undo imports, resolve differences, download the
 * report of a provider's month as PDF or XLSX.
 */
import type { Crm } from '../../crm.ts';
import {
  getReconciliation,
  importStatement,
  listImports,
  reconciliationFile,
  resolveRow,
  undoImport,
} from '../../reconciliation/index.ts';
import { list, object, XLSX_MEDIA } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const providerId = { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 64 } as const;
const period = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;
const str = { type: 'string' } as const;
const nStr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const nInt = { type: ['integer', 'null'] } as const;
const date = { type: 'string', format: 'date-time' } as const;
const nDate = { type: ['string', 'null'], format: 'date-time' } as const;
const outcome = { type: 'string', enum: ['matched', 'short-paid', 'over-paid', 'unexpected', 'missing'] } as const;

const importSchema = object({
  id: str,
  provider: { type: 'string', examples: ['bank-aurora'] },
  period: { type: 'string', examples: ['2026-03'] },
  fileName: str,
  encoding: { type: 'string', enum: ['utf-8', 'windows-1250', 'xlsx'] },
  status: { type: 'string', enum: ['active', 'undone'] },
  rowCount: int,
  expectedMinor: int,
  receivedMinor: int,
  createdBy: nStr,
  createdAt: date,
  undoneBy: nStr,
  undoneAt: nDate,
});

const rowSchema = object({
  id: str,
  importId: str,
  line: nInt,
  outcome,
  matchedBy: { type: ['string', 'null'], enum: ['reference', 'identifier', 'amount-date', null] },
  reference: nStr,
  identifierHint: { type: ['string', 'null'], examples: ['…0274'] },
  paidOn: nStr,
  receivedMinor: int,
  expectedMinor: int,
  differenceMinor: int,
  saleId: nStr,
  lineId: nStr,
  resolution: { type: ['string', 'null'], enum: ['accepted', 'adjusted', 'disputed', null] },
  resolutionReason: nStr,
  adjustedLineIds: { type: ['array', 'null'], items: str },
  resolvedBy: nStr,
  resolvedAt: nDate,
});

const total = object({ count: int, expectedMinor: int, receivedMinor: int, differenceMinor: int });
const reconciliationSchema = object({
  import: importSchema,
  rows: {
    type: 'array',
    items: {
      ...rowSchema,
      properties: {
        ...rowSchema.properties,
        sale: { type: ['object', 'null'], properties: { saleDate: str, product: str, clientId: str } },
      },
    },
  },
  totals: {
    ...total,
    properties: {
      ...total.properties,
      byOutcome: object({
        matched: total,
        'short-paid': total,
        'over-paid': total,
        unexpected: total,
        missing: total,
      }),
    },
  },
});

export function reconciliationRoutes(_crm: Crm): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/reconciliation/imports',
      response: list(importSchema),
      tag: 'reconciliation',
      summary: 'Provider statement imports (active ones unless includeUndone)',
      query: {
        type: 'object',
        properties: { provider: providerId, period, includeUndone: { type: 'boolean' } },
        additionalProperties: false,
      },
      handler: ({ ctx, query }) => listImports(ctx, query).then((items) => ({ items })),
    }),
    defineRoute({
      method: 'post',
      path: '/api/reconciliation/imports',
      response: importSchema,
      status: 201,
      tag: 'reconciliation',
      body: {
        type: 'object',
        properties: {
          provider: providerId,
          period,
          fileName: { type: 'string', minLength: 1, maxLength: 200 },
          contentBase64: {
            type: 'string',
            minLength: 1,
            pattern: '^[A-Za-z0-9+/\\r\\n]*={0,2}\\s*$',
            description: 'The statement file (CSV or XLSX) in base64.',
          },
        },
        required: ['provider', 'period', 'fileName', 'contentBase64'],
        additionalProperties: false,
      },
      summary: "Import a provider's monthly statement and reconcile it with the firm ledger",
      description:
        '422 with every problem by row and column (unknown column, duplicate row, another currency, no ' +
        'mapping for the provider): nothing is imported. 409 when the month is already imported (undo it first).',
      handler: ({ ctx, body }) =>
        importStatement(ctx, {
          provider: body.provider,
          period: body.period,
          fileName: body.fileName,
          content: new Uint8Array(Buffer.from(body.contentBase64, 'base64')),
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/reconciliation/imports/:id',
      response: reconciliationSchema,
      tag: 'reconciliation',
      summary: 'One reconciliation: its rows (differences first) and totals per outcome in grosze',
      handler: ({ ctx, params }) => getReconciliation(ctx, params.id!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/reconciliation/imports/:id/undo',
      response: importSchema,
      tag: 'reconciliation',
      summary: 'Undo an import (kept, marked undone); 409 once a difference of it was adjusted',
      handler: ({ ctx, params }) => undoImport(ctx, params.id!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/reconciliation/rows/:id/resolve',
      response: rowSchema,
      tag: 'reconciliation',
      body: {
        type: 'object',
        properties: {
          action: { type: 'string', enum: ['accept', 'adjust', 'dispute'] },
          reason: { type: ['string', 'null'], maxLength: 1000 },
        },
        required: ['action'],
        additionalProperties: false,
      },
      summary: 'Resolve a difference: accept, adjust the ledger (reason required) or dispute (reason required)',
      handler: ({ ctx, params, body }) => resolveRow(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/reconciliation/reports/:provider/:period',
      produces: ['application/pdf', XLSX_MEDIA],
      tag: 'reconciliation',
      summary: "The reconciliation report of a provider's month as PDF or XLSX",
      query: {
        type: 'object',
        properties: {
          format: { type: 'string', enum: ['pdf', 'xlsx'] },
          locale: { type: 'string', enum: ['pl', 'en'] },
        },
        required: ['format'],
        additionalProperties: false,
      },
      async handler({ ctx, params, query }) {
        const f = await reconciliationFile(ctx, params.provider!, params.period!, query.format, query.locale);
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
