/**
 * @module http/routes/people
 * The people screens' extra doors: invite a user (an e-mailed one-time link to set their password),
 * send a password reset link, the commission groups' labels, and a unit's membership history (who
 * joined and left, with dates).
 */
import { requirePermission } from '../../access/index.ts';
import { inviteUser, sendPasswordReset, unitHistory } from '../../org/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const date = { type: 'string', format: 'date-time' } as const;

/** The language of an e-mailed one-time link (invitation, password reset). */
const linkLanguage = {
  type: 'object',
  properties: { lang: { type: 'string', enum: ['pl', 'en'] } },
  additionalProperties: false,
} as const;

/** Whom a one-time link was sent to and until when it works. */
const linkSent = {
  type: 'object',
  properties: { userId: { type: 'string' }, expiresAt: date },
  required: ['userId', 'expiresAt'],
} as const;

const label = {
  type: 'object',
  properties: { pl: { type: 'string' }, en: { type: 'string' } },
  required: ['pl', 'en'],
} as const;

export function peopleRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/commission-groups',
      tag: 'users',
      summary: "The firm's commission groups with their labels and whom they are for (advisor, partner, unit)",
      response: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string', examples: ['advisor-senior'] },
                label,
                for: { type: 'string', examples: ['advisor'] },
              },
              required: ['id', 'label', 'for'],
            },
          },
        },
        required: ['items'],
      },
      async handler({ ctx }) {
        requirePermission(ctx.actor, 'users:read');
        const groups = ctx.config.commissionGroups as Record<
          string,
          { label: { pl: string; en: string }; for: string }
        >;
        return { items: Object.entries(groups).map(([id, g]) => ({ id, label: g.label, for: g.for })) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/invite',
      status: 202,
      tag: 'users',
      summary: 'E-mail an invitation: a one-time link, valid 7 days, to set a password (409 if one is set)',
      body: linkLanguage,
      response: linkSent,
      handler: ({ ctx, params, body }) => inviteUser(ctx, params.id!, { lang: body.lang }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/password-reset',
      status: 202,
      tag: 'users',
      summary: 'E-mail the user a one-time link, valid 24 hours, to set a new password (the old one works until then)',
      body: linkLanguage,
      errors: { 409: 'The user is disabled' },
      response: linkSent,
      handler: ({ ctx, params, body }) => sendPasswordReset(ctx, params.id!, { lang: body.lang }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/units/:id/memberships',
      tag: 'units',
      summary: "A unit's people over time: every membership with the person's name and dates, newest first",
      response: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                userId: { type: 'string' },
                name: { type: 'string' },
                validFrom: date,
                validTo: { type: ['string', 'null'], format: 'date-time' },
                note: { type: ['string', 'null'] },
              },
            },
          },
        },
        required: ['items'],
      },
      handler: async ({ ctx, params }) => ({ items: await unitHistory(ctx, params.id!) }),
    }),
  ];
}
