/**
 * @module http/routes/gdpr
 * Data-subject requests over HTTP (`gdpr:manage`, scoped by the client's owner and unit): the
 * register with deadlines, the person export as JSON or PDF, the erasure preview and execution,
 * extension and closing, restrictions lifted, and the retention dry run and log. A client or request
 * outside the caller's reach is 404 like a missing one; a caller without `gdpr:manage` gets 403
 * before anything is looked up, so nobody learns whether a person is a client.
 */
import {
  closeRequest,
  erasurePreview,
  executeRequest,
  extendRequest,
  getRequest,
  liftRestriction,
  listRequests,
  listRetentionRuns,
  personExportPdf,
  planRetention,
  registerRequest,
  requestExport,
  requestKinds,
  requestRow,
} from '../../gdpr/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' } as const;
const nText = { type: ['string', 'null'] } as const;
const requestSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: [...requestKinds] },
    clientId: nText,
    clientName: nText,
    identifiers: { type: 'object', additionalProperties: { type: 'string' } },
    receivedOn: { type: 'string' },
    dueOn: { type: 'string' },
    extendedTo: nText,
    extensionReason: nText,
    due: { type: 'string' },
    overdue: { type: 'boolean' },
    status: { type: 'string', enum: ['open', 'extended', 'done', 'refused'] },
    decision: nText,
    basis: nText,
    outcome: { type: ['object', 'null'] },
    note: nText,
    createdBy: nText,
    handledBy: nText,
    closedAt: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'kind', 'status', 'receivedOn', 'dueOn', 'due', 'overdue'],
} as const;

function file(bytes: Uint8Array | string, type: string, name: string): Response {
  return new Response(typeof bytes === 'string' ? bytes : (bytes.slice().buffer as ArrayBuffer), {
    headers: {
      'content-type': type,
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'private, no-store',
    },
  });
}

export function gdprRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/gdpr/requests',
      tag: 'gdpr',
      summary: 'Data-subject requests in your gdpr:manage scope, the soonest due first (overdue flagged)',
      response: { type: 'object', properties: { items: { type: 'array', items: requestSchema } } },
      query: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['active', 'open', 'extended', 'done', 'refused'] },
          clientId: text(64),
          limit: { type: 'integer', minimum: 1, maximum: 500 },
        },
        additionalProperties: false,
      },
      handler: ({ ctx, query }) => listRequests(ctx, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/gdpr/requests',
      status: 201,
      tag: 'gdpr',
      summary: 'Register a request (the client, or how the person identified themselves); due in one month',
      response: requestSchema,
      body: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: [...requestKinds] },
          clientId: { type: ['string', 'null'], maxLength: 64 },
          identifiers: {
            type: 'object',
            properties: {
              name: text(200),
              email: text(200),
              phone: text(40),
              pesel: text(20),
              nip: text(20),
              note: text(500),
            },
            additionalProperties: false,
          },
          receivedOn: date,
          note: { type: ['string', 'null'], maxLength: 2000 },
        },
        required: ['kind'],
        additionalProperties: false,
      },
      handler: ({ ctx, body }) => registerRequest(ctx, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/gdpr/requests/:id',
      tag: 'gdpr',
      summary: 'One request',
      response: requestSchema,
      handler: ({ ctx, params }) => getRequest(ctx, params.id!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/gdpr/requests/:id/extend',
      tag: 'gdpr',
      summary: 'Extend the deadline by one or two months, once, with the reason (Art. 12(3))',
      response: requestSchema,
      body: {
        type: 'object',
        properties: { months: { type: 'integer', minimum: 1, maximum: 2 }, reason: text(1000) },
        required: ['months', 'reason'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => extendRequest(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/gdpr/requests/:id/close',
      tag: 'gdpr',
      summary: 'Close a request as done or refused, with the decision and its legal basis',
      response: requestSchema,
      body: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['done', 'refused'] },
          decision: text(2000),
          basis: { type: ['string', 'null'], maxLength: 500 },
        },
        required: ['status', 'decision'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => closeRequest(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/gdpr/requests/:id/export',
      tag: 'gdpr',
      summary: 'Everything held about the person (Art. 15, 20): JSON, or a readable PDF with ?format=pdf',
      produces: ['application/pdf'],
      response: { type: 'object', properties: { format: { type: 'string' }, client: { type: 'object' } } },
      query: {
        type: 'object',
        properties: {
          format: { type: 'string', enum: ['json', 'pdf'], default: 'json' },
          lang: { type: 'string', enum: ['pl', 'en'], default: 'pl' },
        },
        additionalProperties: false,
      },
      async handler({ ctx, params, query }) {
        const format = query.format ?? 'json';
        const data = await requestExport(ctx, params.id!, format);
        const name = `dane-osobowe-${params.id}`;
        if (format === 'pdf')
          return file(await personExportPdf(data, query.lang ?? 'pl'), 'application/pdf', `${name}.pdf`);
        return file(JSON.stringify(data, null, 2), 'application/json; charset=utf-8', `${name}.json`);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/gdpr/requests/:id/erasure-preview',
      tag: 'gdpr',
      summary: 'What an erasure would remove and what it keeps (and why), before the DPO confirms',
      response: { type: 'object' },
      async handler({ ctx, params }) {
        const row = await requestRow(ctx, params.id!);
        if (!row.clientId) return { clientId: null, erased: [], kept: [] };
        return erasurePreview(ctx, row.clientId);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/gdpr/requests/:id/execute',
      tag: 'gdpr',
      summary: 'Carry out an erasure (confirm: true; needs clients:delete too), restriction or objection; closes it',
      response: requestSchema,
      body: {
        type: 'object',
        properties: {
          confirm: { type: 'boolean' },
          basis: { type: ['string', 'null'], maxLength: 500 },
          reason: { type: ['string', 'null'], maxLength: 1000 },
        },
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => executeRequest(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/gdpr/clients/:id/limits/:kind',
      status: 204,
      tag: 'gdpr',
      summary: "Lift a client's restriction (Art. 18) or objection (Art. 21)",
      handler: ({ ctx, params }) => liftRestriction(ctx, params.id!, params.kind!),
    }),
    defineRoute({
      method: 'get',
      path: '/api/gdpr/retention',
      tag: 'gdpr',
      summary: 'The retention dry run: who the rules would anonymise today, and why (Art. 5(1)(e))',
      response: { type: 'object', properties: { items: { type: 'array' } } },
      handler: async ({ ctx }) => ({ items: await planRetention(ctx) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/gdpr/retention/runs',
      tag: 'gdpr',
      summary: 'The last retention runs (dry or real), newest first',
      response: { type: 'object', properties: { items: { type: 'array' } } },
      handler: async ({ ctx }) => ({ items: await listRetentionRuns(ctx) }),
    }),
  ];
}
