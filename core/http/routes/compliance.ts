/**
 * @module http/routes/compliance
 * Advisors' compliance under the mortgage credit act (`compliance:read/write`): a user's KNF
 * registration, OC policies and training records, the manager's list of advisors about to lapse;
 * and the client's pre-contract disclosure (art. 17): generate (`clients:write`), download, record
 * its delivery. See docs/compliance.md.
 */
import {
  addPolicy,
  addTraining,
  createDisclosure,
  disclosureFile,
  getCompliance,
  listDisclosures,
  listLapsing,
  recordDelivery,
  removePolicy,
  removeTraining,
  setRegistration,
} from '../../compliance/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const str = { type: 'string' } as const;
const nStr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-12-31'] } as const;
const nDay = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const obj = <P extends Record<string, unknown>>(properties: P, optional: readonly string[] = []) =>
  ({ type: 'object', properties, required: Object.keys(properties).filter((k) => !optional.includes(k)) }) as const;

const itemState = obj({ status: str }, []);
const problem = obj({ item: str, status: str, reference: nStr, validTo: nStr, message: str });
export const complianceStateSchema = obj({
  date: day,
  registration: itemState,
  policy: itemState,
  missing: { type: 'array', items: problem },
});
export const complianceRecordSchema = obj({
  userId: str,
  registration: {
    type: ['object', 'null'],
    properties: { knfNumber: str, agentType: { enum: ['tied', 'independent'] }, validFrom: day, validTo: nDay },
  },
  policies: {
    type: 'array',
    items: obj({ id: str, policyNumber: str, insurer: nStr, validFrom: day, validTo: day, createdAt: dateTime }),
  },
  trainings: { type: 'array', items: obj({ id: str, name: str, date: day, hours: { type: 'number' } }) },
  trainingHoursByYear: { type: 'object', additionalProperties: { type: 'number' } },
  today: complianceStateSchema,
});
const lapsingSchema = obj({
  items: {
    type: 'array',
    items: obj({
      userId: str,
      name: str,
      unitId: nStr,
      item: { enum: ['registration', 'policy'] },
      reference: str,
      validTo: day,
      daysLeft: int,
      status: { enum: ['lapsing', 'lapsed'] },
    }),
  },
});
export const disclosureSchema = obj({
  id: str,
  clientId: str,
  advisorId: nStr,
  remunerationMinor: { type: 'integer', description: 'Grosze: what the firm will receive from the lender' },
  document: { type: 'object' },
  pdfHash: str,
  createdAt: dateTime,
  deliveredAt: nDateTime,
  deliveryMethod: { type: ['string', 'null'], enum: ['email', 'paper', 'in-person', null] },
});

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const dateIn = { type: 'string', minLength: 10, maxLength: 10 } as const;

export function complianceRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/users/:id/compliance',
      response: complianceRecordSchema,
      tag: 'compliance',
      summary: "A user's KNF registration, OC policies, trainings, and whether they may act today",
      handler: ({ ctx, params }) => getCompliance(ctx, params.id!),
    }),
    defineRoute({
      method: 'put',
      path: '/api/users/:id/compliance/registration',
      response: complianceRecordSchema,
      tag: 'compliance',
      summary: "Record or replace the user's entry in the KNF register (number, tied or independent, dates)",
      body: {
        type: 'object',
        properties: {
          knfNumber: text(40),
          agentType: { type: 'string', enum: ['tied', 'independent'] },
          validFrom: dateIn,
          validTo: { type: ['string', 'null'], minLength: 10, maxLength: 10 },
        },
        required: ['knfNumber', 'agentType', 'validFrom'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => setRegistration(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/compliance/policies',
      response: complianceRecordSchema,
      status: 201,
      tag: 'compliance',
      summary: 'Add an OC (professional liability) policy with its cover dates (a renewal is a new policy)',
      body: {
        type: 'object',
        properties: {
          policyNumber: text(60),
          insurer: { type: ['string', 'null'], maxLength: 200 },
          validFrom: dateIn,
          validTo: dateIn,
        },
        required: ['policyNumber', 'validFrom', 'validTo'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => addPolicy(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/users/:id/compliance/policies/:policyId',
      response: complianceRecordSchema,
      tag: 'compliance',
      summary: 'Remove an OC policy entered by mistake',
      handler: ({ ctx, params }) => removePolicy(ctx, params.id!, params.policyId!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/compliance/trainings',
      response: complianceRecordSchema,
      status: 201,
      tag: 'compliance',
      summary: 'Record a training (name, date, hours)',
      body: {
        type: 'object',
        properties: { name: text(200), date: dateIn, hours: { type: 'number', exclusiveMinimum: 0, maximum: 1000 } },
        required: ['name', 'date', 'hours'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => addTraining(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/users/:id/compliance/trainings/:trainingId',
      response: complianceRecordSchema,
      tag: 'compliance',
      summary: 'Remove a training record entered by mistake',
      handler: ({ ctx, params }) => removeTraining(ctx, params.id!, params.trainingId!),
    }),
    defineRoute({
      method: 'get',
      path: '/api/compliance/lapsing',
      response: lapsingSchema,
      tag: 'compliance',
      summary: 'Advisors in your scope whose KNF registration or OC policy ends within `withinDays` (or has ended)',
      query: {
        type: 'object',
        properties: { withinDays: { type: 'integer', minimum: 0, maximum: 366 } },
        additionalProperties: false,
      },
      handler: async ({ ctx, query }) => ({ items: await listLapsing(ctx, query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/clients/:id/disclosures',
      response: obj({ items: { type: 'array', items: disclosureSchema } }),
      tag: 'compliance',
      summary: "The client's pre-contract disclosures (art. 17), newest first",
      handler: async ({ ctx, params }) => ({ items: await listDisclosures(ctx, params.id!) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/clients/:id/disclosures',
      response: disclosureSchema,
      status: 201,
      tag: 'compliance',
      summary:
        "Prepare the pre-contract disclosure (art. 17) of the client's case: the firm's remuneration is " +
        'computed by the commission engine on these values',
      body: {
        type: 'object',
        properties: {
          provider: text(100),
          product: text(100),
          amountMinor: { type: 'integer', minimum: 1, maximum: 1_000_000_000_000 },
          date: dateIn,
        },
        required: ['provider', 'product', 'amountMinor'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => createDisclosure(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/disclosures/:ref',
      produces: ['application/pdf'],
      tag: 'compliance',
      summary: 'A disclosure as the PDF given to the client (`:id.pdf`), byte for byte as generated',
      async handler({ ctx, params }) {
        const id = params.ref!.replace(/\.pdf$/, '');
        const f = await disclosureFile(ctx, id);
        return new Response(f.bytes.slice().buffer as ArrayBuffer, {
          headers: {
            'content-type': 'application/pdf',
            'content-disposition': `attachment; filename="${f.filename}"`,
            'cache-control': 'private, no-store',
          },
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/disclosures/:id/delivery',
      response: disclosureSchema,
      tag: 'compliance',
      summary: "Record that the disclosure was given to the client (when, how); the client's history shows it",
      body: {
        type: 'object',
        properties: {
          method: { type: 'string', enum: ['email', 'paper', 'in-person'] },
          at: { type: 'string', format: 'date-time' },
        },
        required: ['method'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => recordDelivery(ctx, params.id!, body),
    }),
  ];
}
