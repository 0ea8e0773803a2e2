/**
 * @module http/routes/consents
 * A client's consents over HTTP: the state per purpose with its history (`clients:read` on the
 * client), and recording a consent given by phone or on paper, or a withdrawal / objection
 * (`clients:write` on the client). Scoped like every client route: a client out of reach is a 404.
 */
import { consentMethods, getConsents, recordConsent } from '../../consents/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const str = { type: 'string' } as const;
const nStr = { type: ['string', 'null'] } as const;
const nDate = { type: ['string', 'null'], format: 'date-time' } as const;
const label = { type: 'object', properties: { pl: str, en: str }, required: ['pl', 'en'] } as const;
const nLabel = { type: ['object', 'null'], properties: { pl: str, en: str } } as const;

const event = {
  type: 'object',
  properties: {
    id: str,
    purpose: str,
    version: str,
    action: { type: 'string', enum: ['given', 'withdrawn'] },
    at: { type: 'string', format: 'date-time' },
    method: str,
    recordedBy: {
      type: ['object', 'null'],
      properties: { id: str, name: str },
    },
    leadId: nStr,
    leadSource: nStr,
    origin: nStr,
    textHash: nStr,
    language: nStr,
    note: nStr,
  },
  required: ['id', 'purpose', 'version', 'action', 'at', 'method'],
} as const;

const purposeState = {
  type: 'object',
  properties: {
    purpose: {
      type: 'object',
      properties: {
        id: str,
        label,
        basis: { type: 'string', enum: ['consent', 'contract', 'legal-obligation', 'legitimate-interest'] },
        channels: { type: 'array', items: str },
        current: nStr,
        text: nLabel,
        sha256: nLabel,
      },
      required: ['id', 'label', 'basis', 'channels'],
    },
    state: { type: 'string', enum: ['given', 'withdrawn', 'none', 'not-needed'] },
    version: nStr,
    at: nDate,
    source: { type: 'string', enum: ['ledger', 'field', 'basis', 'none'] },
    outdated: { type: 'boolean' },
    allowsSending: { type: 'boolean' },
    history: { type: 'array', items: event },
  },
  required: ['purpose', 'state', 'source', 'allowsSending', 'history'],
} as const;

const consentsSchema = {
  type: 'object',
  properties: {
    clientId: str,
    purposes: { type: 'array', items: purposeState },
    other: { type: 'array', items: event },
  },
  required: ['clientId', 'purposes', 'other'],
} as const;

export function consentRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/clients/:id/consents',
      response: consentsSchema,
      tag: 'consents',
      summary: "A client's consents: per purpose the state (from the ledger), the current text and the history",
      handler: ({ ctx, params }) => getConsents(ctx, params.id!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/clients/:id/consents',
      response: purposeState,
      status: 201,
      tag: 'consents',
      summary: 'Record a consent given (by phone, on paper…) or withdrawn; withdrawing one never given is a 409',
      body: {
        type: 'object',
        properties: {
          purpose: { type: 'string', minLength: 1, maxLength: 64 },
          action: { type: 'string', enum: ['given', 'withdrawn'] },
          method: { type: 'string', enum: [...consentMethods] },
          version: { type: 'string', minLength: 1, maxLength: 64 },
          language: { type: 'string', enum: ['pl', 'en'] },
          note: { type: 'string', maxLength: 1000 },
        },
        required: ['purpose', 'action', 'method'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => recordConsent(ctx, params.id!, body),
    }),
  ];
}
