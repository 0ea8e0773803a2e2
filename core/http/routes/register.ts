/**
 * @module http/routes/register
 * The record of processing activities (GDPR Art. 30) over HTTP: as JSON, or as a PDF with
 * `?format=pdf` (`&lang=en` for English). Needs `gdpr:manage` or `config:read`.
 */
import { buildRegister, registerPdf } from '../../processing-register/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const str = { type: 'string' } as const;
const label = { type: 'object', properties: { pl: str, en: str }, required: ['pl', 'en'] } as const;
const strings = { type: 'array', items: str } as const;

const registerSchema = {
  type: 'object',
  properties: {
    generatedAt: { type: 'string', format: 'date-time' },
    controller: { type: 'object', properties: { name: str, details: strings }, required: ['name', 'details'] },
    purposes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: str,
          label,
          basis: str,
          article: str,
          channels: strings,
          gates: strings,
          current: { type: ['string', 'null'] },
          retention: strings,
        },
        required: ['id', 'label', 'basis', 'article', 'channels', 'gates', 'retention'],
      },
    },
    dataSubjects: { type: 'array', items: label },
    dataCategories: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          category: str,
          label,
          fields: {
            type: 'array',
            items: {
              type: 'object',
              properties: { kind: str, name: str, label, category: str, encrypted: { type: 'boolean' } },
              required: ['kind', 'name', 'category', 'encrypted'],
            },
          },
        },
        required: ['category', 'label', 'fields'],
      },
    },
    encryptedFields: strings,
    recipients: {
      type: 'array',
      items: { type: 'object', properties: { category: str, label, names: strings }, required: ['category', 'names'] },
    },
    retention: {
      type: 'object',
      properties: { configured: { type: 'boolean' }, rules: { type: 'array', items: { type: 'object' } } },
      required: ['configured', 'rules'],
    },
    securityMeasures: { type: 'array', items: label },
  },
  required: ['generatedAt', 'controller', 'purposes', 'dataCategories', 'encryptedFields', 'recipients', 'retention'],
} as const;

export function registerRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/gdpr/register',
      response: registerSchema,
      produces: ['application/pdf'],
      tag: 'gdpr',
      summary: 'The record of processing activities (Art. 30) generated from the config; ?format=pdf for the PDF',
      query: {
        type: 'object',
        properties: { format: { type: 'string', enum: ['json', 'pdf'] }, lang: { type: 'string', enum: ['pl', 'en'] } },
        additionalProperties: false,
      },
      async handler({ ctx, query }) {
        const register = await buildRegister(ctx);
        if (query.format !== 'pdf') return register;
        const bytes = await registerPdf(register, query.lang ?? 'pl');
        return new Response(bytes.slice().buffer as ArrayBuffer, {
          headers: {
            'content-type': 'application/pdf',
            'content-disposition': `attachment; filename="rejestr-czynnosci-przetwarzania.pdf"`,
            'cache-control': 'private, no-store',
          },
        });
      },
    }),
  ];
}
