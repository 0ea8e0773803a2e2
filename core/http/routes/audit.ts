/**
 * @module http/routes/audit
 * The audit log over HTTP: `GET /api/audit?clientId=…` ("who saw or changed this person's data"),
 * `?userId=…`, `?action=…`, a time range and keyset pages, newest first. Needs `audit:read`, scoped
 * like every client query; a client outside the caller's scope is a 404.
 */
import { listAudit } from '../../audit/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;

const entrySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    seq: { type: 'integer', description: 'Place in the hash chain' },
    at: { type: 'string', format: 'date-time' },
    actorId: { type: ['string', 'null'] },
    actorName: { type: ['string', 'null'] },
    action: { type: 'string', description: 'e.g. client.read, client.update, client.transition, session.fail' },
    entity: { type: 'string' },
    entityId: { type: ['string', 'null'] },
    clientId: { type: ['string', 'null'] },
    data: { type: 'object', description: 'What the entry records (ids, field names, counts; no personal data)' },
  },
} as const;

export function auditRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit',
      tag: 'audit',
      summary: "The audit log: who saw or changed a client's data, what a user did (newest first)",
      description:
        'Filters combine. Reads of personal data (a card opened, a list, an export) are written within 100 ms of ' +
        'the read, so a page fetched at once may not show the read that opened it yet.',
      query: {
        type: 'object',
        properties: {
          clientId: id,
          userId: id,
          action: { type: 'string', minLength: 1, maxLength: 80, description: 'One action, or a family: "client."' },
          from: { type: 'string', format: 'date-time' },
          to: { type: 'string', format: 'date-time', description: 'Exclusive' },
          limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          cursor: { type: 'string', maxLength: 400, description: 'nextCursor of the previous page' },
        },
        additionalProperties: false,
      },
      response: {
        type: 'object',
        properties: { items: { type: 'array', items: entrySchema }, nextCursor: { type: ['string', 'null'] } },
      },
      handler: ({ ctx, query: q }) =>
        listAudit(ctx, {
          clientId: q.clientId,
          userId: q.userId,
          action: q.action,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          limit: q.limit,
          cursor: q.cursor,
        }),
    }),
  ];
}
