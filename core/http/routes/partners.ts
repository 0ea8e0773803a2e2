/**
 * @module http/routes/partners
 * Partner firms, their representatives and logins, report subscriptions (`partners:read/write`),
 * and the partner portal (`/api/partner-portal/*`) that a partner login uses: referred clients'
 * references, statuses, dates and advisors — never a personal or financial field.
 */
import type { Crm } from '../../crm.ts';
import {
  createPartner,
  getPartner,
  listPartners,
  updatePartner,
  addPartnerPerson,
  createPartnerLogin,
  listPartnerPeople,
  updatePartnerPerson,
  portalPartner,
  referredClient,
  referredClients,
  referralForm,
  submitReferral,
  sendPartnerReportNow,
  listPartnerSubscriptions,
  subscribePartnerReport,
} from '../../partners/index.ts';
import { requirePermission } from '../../access/index.ts';
import {
  list,
  object,
  partnerOptionsSchema,
  partnerPersonSchema,
  partnerSchema,
  partnerSubscriptionSchema,
  portalPartnerSchema,
  referredClientSchema,
  userSchema,
} from '../responses.ts';
import { bodyHash, checkIdempotencyKey } from '../../leads/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

type Label = { pl: string; en: string };
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const nullable = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
const emails = {
  type: 'array',
  items: { type: 'string', format: 'email', maxLength: 254 },
  maxItems: 20,
  uniqueItems: true,
} as const;
const address = {
  type: 'object',
  properties: {
    street: { type: 'string', maxLength: 200 },
    postalCode: { type: 'string', maxLength: 20 },
    city: { type: 'string', maxLength: 100 },
  },
  additionalProperties: false,
} as const;
const partnerProps = {
  name: text(200),
  type: text(60),
  nip: nullable(20),
  address,
  contactEmails: emails,
  commissionGroup: nullable(60),
  internalUserId: nullable(64),
} as const;

export function partnerRoutes(_crm: Crm): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/partner-options',
      response: partnerOptionsSchema,
      tag: 'partners',
      summary: "What a partner firm's form offers: the configured partner types and the partners' commission groups",
      handler: async ({ ctx }) => {
        requirePermission(ctx.actor, 'partners:read');
        const groups = ctx.config.commissionGroups as Record<string, { label: Label; for: string }>;
        return {
          types: Object.entries(ctx.config.partners.types).map(([id, t]) => ({
            id,
            label: t.label,
            internal: t.internal === true,
          })),
          commissionGroups: Object.entries(groups)
            .filter(([, g]) => g.for === 'partner')
            .map(([id, g]) => ({ id, label: g.label })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/partners',
      response: list(partnerSchema),
      tag: 'partners',
      summary: 'Partner firms (a partner login sees only its own)',
      query: {
        type: 'object',
        properties: { type: { type: 'string', maxLength: 60 }, includeArchived: { type: 'boolean', default: false } },
        additionalProperties: false,
      },
      handler: async ({ ctx, query }) => ({ items: await listPartners(ctx, query) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/partners',
      response: partnerSchema,
      tag: 'partners',
      status: 201,
      summary: 'Create a partner firm',
      body: { type: 'object', properties: partnerProps, required: ['name', 'type'], additionalProperties: false },
      handler: ({ ctx, body }) => createPartner(ctx, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/partners/:id',
      response: partnerSchema,
      tag: 'partners',
      summary: 'One partner firm',
      handler: ({ ctx, params }) => getPartner(ctx, params.id!),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/partners/:id',
      response: partnerSchema,
      tag: 'partners',
      summary: 'Change or archive a partner firm',
      body: {
        type: 'object',
        properties: { ...partnerProps, archived: { type: 'boolean' } },
        additionalProperties: false,
        minProperties: 1,
      },
      handler: ({ ctx, params, body }) => updatePartner(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/partners/:id/people',
      response: list(partnerPersonSchema),
      tag: 'partners',
      summary: "The partner's representatives",
      handler: async ({ ctx, params }) => ({ items: await listPartnerPeople(ctx, params.id!) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/partners/:id/people',
      response: partnerPersonSchema,
      tag: 'partners',
      status: 201,
      summary: 'Add a representative',
      body: {
        type: 'object',
        properties: {
          name: text(200),
          email: { type: ['string', 'null'], format: 'email', maxLength: 254 },
          phone: nullable(30),
        },
        required: ['name'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => addPartnerPerson(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/partners/:id/people/:personId',
      response: partnerPersonSchema,
      tag: 'partners',
      summary: 'Change or archive a representative',
      body: {
        type: 'object',
        properties: {
          name: text(200),
          email: { type: ['string', 'null'], format: 'email', maxLength: 254 },
          phone: nullable(30),
          archived: { type: 'boolean' },
        },
        additionalProperties: false,
        minProperties: 1,
      },
      handler: ({ ctx, params, body }) => updatePartnerPerson(ctx, params.id!, params.personId!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/partners/:id/people/:personId/login',
      response: object({ user: userSchema, invitedUntil: { type: 'string', format: 'date-time' } }, ['invitedUntil']),
      tag: 'partners',
      status: 201,
      summary:
        'Give a representative a partner login (scope referred); with invite: true and no password, e-mail a ' +
        'one-time link to set a password on the partner portal (outbox; 422 naming firm.partnerPortalUrl if unset)',
      body: {
        type: 'object',
        properties: {
          email: { type: 'string', format: 'email', maxLength: 254 },
          password: { type: 'string', maxLength: 200 },
          invite: { type: 'boolean' },
          lang: { type: 'string', enum: ['pl', 'en'] },
        },
        additionalProperties: false,
      },
      errors: { 409: 'The representative already has a login, or has no e-mail address' },
      async handler({ ctx, params, body }) {
        const { invitedUntil, ...user } = await createPartnerLogin(ctx, params.id!, params.personId!, body);
        return { user, ...(invitedUntil ? { invitedUntil: invitedUntil.toISOString() } : {}) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/partners/:id/reports',
      response: list(partnerSubscriptionSchema),
      tag: 'partners',
      summary: "The partner's report subscriptions",
      handler: async ({ ctx, params }) => ({ items: await listPartnerSubscriptions(ctx, params.id!) }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/partners/:id/reports',
      response: partnerSubscriptionSchema,
      tag: 'partners',
      summary: 'Subscribe the partner to a weekly or monthly report',
      body: {
        type: 'object',
        properties: {
          frequency: { type: 'string', enum: ['weekly', 'monthly'] },
          emails: { ...emails, minItems: 1 },
          locale: { type: 'string', enum: ['pl', 'en'] },
          active: { type: 'boolean' },
        },
        required: ['frequency', 'emails'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => subscribePartnerReport(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/partners/:id/reports/send',
      response: object({ outboxId: { type: 'string' } }),
      tag: 'partners',
      status: 202,
      summary: "Queue the partner's report for a period now (outbox)",
      body: {
        type: 'object',
        properties: {
          from: { type: 'string', format: 'date-time' },
          to: { type: 'string', format: 'date-time' },
          emails: { ...emails, minItems: 1 },
        },
        required: ['from', 'to'],
        additionalProperties: false,
      },
      handler: async ({ ctx, params, body }) => ({
        outboxId: await sendPartnerReportNow(ctx, params.id!, {
          from: new Date(body.from),
          to: new Date(body.to),
          emails: body.emails,
        }),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/partner-portal/me',
      response: portalPartnerSchema,
      tag: 'partner-portal',
      summary: "The signed-in partner's firm",
      handler: ({ ctx }) => portalPartner(ctx),
    }),
    defineRoute({
      method: 'get',
      path: '/api/partner-portal/clients',
      response: list(referredClientSchema),
      tag: 'partner-portal',
      summary: 'Clients the partner referred: reference, status, dates, advisor and branch (no personal data)',
      handler: ({ ctx }) => referredClients(ctx),
    }),
    defineRoute({
      method: 'get',
      path: '/api/partner-portal/referral-form',
      response: object({
        kind: { type: 'string' },
        fields: { type: 'array', items: { type: 'object' } },
        consents: { type: 'array', items: { type: 'object' } },
        reference: object({ maxLength: { type: 'integer' }, pattern: { type: 'string' } }),
        csrfToken: { type: ['string', 'null'] },
      }),
      tag: 'partner-portal',
      summary: "The lead form in partner mode: fields, consents, the reference's rule and the CSRF token",
      handler: async ({ ctx, c }) => ({ ...referralForm(ctx), csrfToken: c.get('csrfToken') ?? null }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/partner-portal/referrals',
      response: object({ id: { type: 'string' }, reference: { type: 'string' }, received: { const: true } }),
      tag: 'partner-portal',
      status: 201,
      summary:
        "Submit a referral as the signed-in partner (partner and representative from the login); the partner's " +
        'own reference is unique per partner (409 naming /reference); honours Idempotency-Key',
      body: {
        type: 'object',
        properties: {
          reference: { type: 'string', maxLength: 64 },
          data: { type: 'object' },
          consents: {
            type: 'array',
            maxItems: 20,
            items: {
              type: 'object',
              properties: { purpose: { type: 'string', maxLength: 64 }, version: { type: 'string', maxLength: 64 } },
              required: ['purpose', 'version'],
              additionalProperties: false,
            },
          },
        },
        required: ['reference', 'data'],
        additionalProperties: false,
      },
      async handler({ ctx, body, c }) {
        const idem = c.req.header('idempotency-key');
        if (idem !== undefined) checkIdempotencyKey(idem);
        const r = await submitReferral(ctx, body, { idempotencyKey: idem, bodyHash: bodyHash(body) });
        if (r.replayed) c.header('idempotent-replayed', 'true');
        return c.json(r.body, r.status as 201);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/partner-portal/clients/:id',
      response: referredClientSchema,
      tag: 'partner-portal',
      summary: 'One referred client (404 for any other)',
      handler: ({ ctx, params }) => referredClient(ctx, params.id!),
    }),
  ];
}
