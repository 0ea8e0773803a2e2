/**
 * @module http/routes/commission-inquiries
 * Inquiries on commission lines and statements: raised by whoever sees the line
 * (`commissions:read`) or statement (`settlements:read`); answered, corrected (through the ledger's
 * correction path) or rejected by the back office (`commissions:correct`); and a line's history.
 * See docs/commissions.md, "Inquiries".
 */
import {
  answerInquiry,
  correctFromInquiry,
  getInquiry,
  inquiryReasons,
  lineHistory,
  listInquiries,
  raiseLineInquiry,
  raiseStatementInquiry,
  rejectInquiry,
} from '../../commissions/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const str = { type: 'string' } as const;
const nStr = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
const obj = <P extends Record<string, unknown>>(properties: P, optional: readonly string[] = []) =>
  ({ type: 'object', properties, required: Object.keys(properties).filter((k) => !optional.includes(k)) }) as const;

export const inquirySchema = obj({
  id: str,
  lineId: nStr,
  statementId: nStr,
  period: { type: 'string', examples: ['2026-03'] },
  reasonCode: { type: 'string', enum: [...inquiryReasons] },
  text: str,
  attachment: { type: ['object', 'null'], properties: { name: str, contentType: str, bytes: { type: 'integer' } } },
  status: { type: 'string', enum: ['open', 'answered', 'corrected', 'rejected'] },
  answer: nStr,
  correctionLineId: nStr,
  raisedBy: nStr,
  resolvedBy: nStr,
  resolvedAt: nDateTime,
  createdAt: dateTime,
  events: {
    type: 'array',
    items: obj({ id: str, kind: str, text: nStr, data: { type: ['object', 'null'] }, actorId: nStr, at: dateTime }),
  },
});
const historySchema = obj({
  items: {
    type: 'array',
    items: obj({ at: dateTime, kind: str, actorId: nStr, amountMinor: { type: 'integer' }, text: nStr, ref: str }, [
      'amountMinor',
      'text',
      'ref',
    ]),
  },
});

const raiseBody = {
  type: 'object',
  properties: {
    reasonCode: { type: 'string', enum: [...inquiryReasons] },
    text: { type: 'string', minLength: 1, maxLength: 4000 },
    attachment: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        contentType: { type: 'string', minLength: 3, maxLength: 100 },
        base64: { type: 'string', minLength: 4, maxLength: 1_400_000 },
      },
      required: ['name', 'contentType', 'base64'],
      additionalProperties: false,
    },
  },
  required: ['reasonCode', 'text'],
  additionalProperties: false,
} as const;
const textBody = {
  type: 'object',
  properties: { text: { type: 'string', minLength: 1, maxLength: 4000 } },
  required: ['text'],
  additionalProperties: false,
} as const;

export function inquiryRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/commission-lines/:id/inquiries',
      response: inquirySchema,
      status: 201,
      tag: 'commissions',
      summary: 'Raise an inquiry on a commission line you see (reason code, text, optional attachment)',
      body: raiseBody,
      handler: ({ ctx, params, body }) => raiseLineInquiry(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/statements/:id/inquiries',
      response: inquirySchema,
      status: 201,
      tag: 'commissions',
      summary: 'Raise an inquiry on a whole statement you see',
      body: raiseBody,
      handler: ({ ctx, params, body }) => raiseStatementInquiry(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/commission-inquiries',
      response: obj({ items: { type: 'array', items: inquirySchema } }),
      tag: 'commissions',
      summary: 'Inquiries you may see, newest first',
      query: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['open', 'answered', 'corrected', 'rejected'] },
          period: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
          lineId: { type: 'string', maxLength: 64 },
          statementId: { type: 'string', maxLength: 64 },
        },
        additionalProperties: false,
      },
      handler: async ({ ctx, query }) => ({ items: await listInquiries(ctx, query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/commission-inquiries/:id',
      response: inquirySchema,
      tag: 'commissions',
      summary: 'One inquiry with every step',
      handler: ({ ctx, params }) => getInquiry(ctx, params.id!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/commission-inquiries/:id/answer',
      response: inquirySchema,
      tag: 'commissions',
      summary: 'Answer an open inquiry without changing the line (closes it)',
      body: textBody,
      handler: ({ ctx, params, body }) => answerInquiry(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/commission-inquiries/:id/reject',
      response: inquirySchema,
      tag: 'commissions',
      summary: 'Reject an open inquiry with a reason (closes it)',
      body: textBody,
      handler: ({ ctx, params, body }) => rejectInquiry(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/commission-inquiries/:id/correct',
      response: inquirySchema,
      tag: 'commissions',
      summary:
        'Correct the inquired line to `amountMinor` with a reason: a proposed line in place, an approved one ' +
        'by an adjustment line of the difference in the current month (closes the inquiry)',
      body: {
        type: 'object',
        properties: {
          amountMinor: { type: 'integer', minimum: -1_000_000_000_000, maximum: 1_000_000_000_000 },
          reason: { type: 'string', minLength: 1, maxLength: 4000 },
        },
        required: ['amountMinor', 'reason'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => correctFromInquiry(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/commission-lines/:id/history',
      response: historySchema,
      tag: 'commissions',
      summary: "A line's history: proposed, corrected, approved, adjusted, clawed back, every inquiry step",
      handler: async ({ ctx, params }) => ({ items: await lineHistory(ctx, params.id!) }),
    }),
  ];
}
