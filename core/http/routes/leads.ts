/**
 * @module http/routes/leads
 * `POST /api/leads` for landing pages (public source key in `?key=`, CORS only for the key's
 * origins, spam screening, small bodies) and for portals and servers (an API key with
 * `leads:write`, optionally through a portal `?mapping=`); `Idempotency-Key` on both. Also the
 * form description for `<crm-lead-form>`, public key management and referral conflicts.
 */
import type { Context } from 'hono';
import { requirePermission } from '../../access/index.ts';
import type { Crm } from '../../crm.ts';
import { badRequest, CrmError, unauthorized } from '../../errors.ts';
import { newId } from '../../ids/index.ts';
import {
  applyMapping,
  bodyHash,
  checkIdempotencyKey,
  receiveLead,
  newReference,
  type LeadCaller,
  createRateLimiter,
  createSourceKey,
  forgetSourceKeys,
  listSourceKeys,
  resolveSourceKey,
  revokeSourceKey,
  rotateSourceKey,
  type SourceKey,
  screenSubmission,
  formConfig,
  listReferralConflicts,
  resolveReferralConflict,
} from '../../leads/index.ts';
import type { HttpEnv } from '../env.ts';
import { clientAddress } from '../client-address.ts';
import { readJsonPayload } from '../read-body.ts';
import {
  leadBody,
  leadFormSchema,
  leadSourceSchema,
  list,
  referralConflictListSchema,
  referralConflictSchema,
} from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const keyQuery = {
  type: 'object',
  properties: { key: { type: 'string', maxLength: 60 }, mapping: { type: 'string', maxLength: 60 } },
  additionalProperties: false,
} as const;

/**
 * The public key and the caller's origin, checked; CORS headers set for an allowed origin. With
 * `sameOriginRead`, a request with no `Origin` header is a same-origin read (browsers send no
 * Origin on a same-origin GET, and a cross-origin fetch always carries one; `Sec-Fetch-Site`, when
 * present, must agree): the CRM's own pages can load the form without listing the CRM's origin.
 */
async function publicKey(
  crm: Crm,
  c: Context<HttpEnv>,
  presented: string,
  options: { sameOriginRead?: boolean } = {},
): Promise<{ key: SourceKey; origin: string }> {
  const key = await resolveSourceKey(crm.runtime, presented);
  if (!key) throw unauthorized('This public source key is unknown or revoked');
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if (options.sameOriginRead && origin === undefined && (!site || site === 'same-origin' || site === 'none'))
    return { key, origin: new URL(c.req.url).origin };
  if (!origin || !key.origins.includes(origin))
    throw new CrmError('forbidden', "This page's origin is not allowed to use this source key", { reason: 'origin' });
  c.header('access-control-allow-origin', origin);
  c.header('vary', 'Origin');
  c.header('access-control-expose-headers', 'idempotent-replayed');
  return { key, origin };
}

export function leadRoutes(crm: Crm): AnyRoute[] {
  const limiter = createRateLimiter(crm.database);
  const spam = () => crm.config.leads.spam;
  const preflight = (path: string, methods: string) =>
    defineRoute({
      method: 'options' as 'get',
      path,
      tag: 'leads',
      auth: 'public',
      status: 204,
      summary: "CORS preflight for a public source key's origins",
      query: keyQuery,
      async handler({ c, query }) {
        if (!query.key) return c.body(null, 204);
        await publicKey(crm, c, query.key);
        c.header('access-control-allow-methods', methods);
        c.header('access-control-allow-headers', 'content-type, idempotency-key');
        c.header('access-control-max-age', '600');
        return c.body(null, 204);
      },
    });
  return [
    preflight('/api/leads', 'POST'),
    preflight('/api/leads/form', 'GET'),
    defineRoute({
      method: 'get',
      path: '/api/leads/form',
      response: leadFormSchema,
      tag: 'leads',
      auth: 'public',
      query: keyQuery,
      summary:
        'The lead form for a public source key: fields, consent texts with versions, honeypot name and a signed ' +
        'form token',
      async handler({ c, query }) {
        if (!query.key) throw badRequest('Give the public source key as ?key=bpk_…');
        const { key } = await publicKey(crm, c, query.key, { sameOriginRead: true });
        c.header('cache-control', 'no-store');
        return formConfig(crm.config, crm.runtime.secret, key, crm.runtime.clock.now().getTime());
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/leads',
      requestBody: leadBody(crm.config),
      tag: 'leads',
      auth: 'public',
      status: 201,
      query: keyQuery,
      summary: 'Send a lead (public source key in ?key=, or an API key with leads:write); honours Idempotency-Key',
      description:
        'Body: { kind?, data: {client fields the config allows}, consents: [{purpose, version}], partner?: {id, ' +
        "personId?, reference?}, formToken? }. With ?mapping=<id> the body is the portal's own JSON. A repeated " +
        'Idempotency-Key replays the first response (header Idempotent-Replayed: true); the same key with ' +
        'another body is 422.',
      response: {
        type: 'object',
        properties: { id: { type: 'string' }, reference: { type: 'string' }, received: { const: true } },
      },
      async handler({ c, query }) {
        const now = crm.runtime.clock.now().getTime();
        let caller: LeadCaller;
        if (query.key) {
          const { key, origin } = await publicKey(crm, c, query.key);
          // The address first: an address over its limit does not use up the key's (one round trip for both).
          const limits = [
            { key: `ip:${clientAddress(c) ?? 'unknown'}`, limit: spam().perIpPerMinute },
            { key: `key:${key.id}`, limit: spam().perKeyPerMinute },
          ];
          if (!(await limiter.hitWithin(limits, now))) {
            throw new CrmError('rate_limited', 'Too many leads from here; try again in a minute', {
              retryAfterSeconds: 60,
            });
          }
          caller = { kind: 'public-key', key, origin };
        } else {
          const ctx = c.get('ctx');
          if (!ctx)
            throw unauthorized('Send a public source key (?key=bpk_…) or an API key (Authorization: Bearer bck_…)');
          requirePermission(ctx.actor, 'leads:write');
          caller = { kind: 'actor', actor: ctx.actor };
        }
        let body = await readJsonPayload(c, {
          maxBytes: caller.kind === 'public-key' ? spam().maxBodyBytes : 256 * 1024,
          name: 'lead',
        });
        if (caller.kind === 'public-key') {
          if (query.mapping) throw badRequest('Portal mappings are for API keys');
          if (screenSubmission(crm.config, crm.runtime.secret, caller.key.id, body, now).bot) {
            // Looks like success; nothing is stored, so a bot has nothing to learn from.
            return c.json({ id: newId(), reference: newReference(), received: true }, 201);
          }
        } else if (query.mapping) {
          body = await applyMapping(crm.config, crm.runtime.plugins, query.mapping, body);
        }
        const idem = c.req.header('idempotency-key');
        if (idem !== undefined) checkIdempotencyKey(idem);
        const { formToken: _t, ...hashed } = (body ?? {}) as Record<string, unknown>;
        const r = await receiveLead(crm.runtime, caller, body, {
          idempotencyKey: idem,
          bodyHash: bodyHash(hashed),
          mapping: query.mapping,
        });
        if (r.replayed) c.header('idempotent-replayed', 'true');
        return c.json(r.body, r.status as 201);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/lead-sources',
      response: list(leadSourceSchema),
      tag: 'leads',
      summary: 'Public source keys',
      handler: async ({ ctx }) => ({ items: await listSourceKeys(ctx) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/lead-sources',
      response: leadSourceSchema,
      tag: 'leads',
      status: 201,
      summary: 'Create a public source key for landing pages',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'clientType', 'source', 'origins'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200 },
          clientType: { type: 'string', minLength: 1, maxLength: 60 },
          source: { type: 'string', minLength: 1, maxLength: 60 },
          origins: { type: 'array', items: { type: 'string', maxLength: 200 }, minItems: 1, maxItems: 20 },
          partnerId: { type: ['string', 'null'], maxLength: 64 },
        },
      },
      handler: ({ ctx, body }) => createSourceKey(ctx, body),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/lead-sources/:id',
      status: 204,
      tag: 'leads',
      summary: 'Revoke a public source key (takes effect at once)',
      async handler({ ctx, params }) {
        await revokeSourceKey(ctx, params.id!);
        forgetSourceKeys(crm.runtime);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/lead-sources/:id/rotate',
      response: leadSourceSchema,
      tag: 'leads',
      status: 201,
      summary: 'Replace a public source key with a new one (same settings); the old one is revoked at once',
      async handler({ ctx, params }) {
        const fresh = await rotateSourceKey(ctx, params.id!);
        forgetSourceKeys(crm.runtime);
        return fresh;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/referral-conflicts',
      response: referralConflictListSchema,
      tag: 'leads',
      summary:
        'Referral conflicts within the clients:assign scope: the client (name within clients:read scope), both ' +
        'referrals side by side (partner, representative, dates, protection end, source, who registered it), ' +
        'the advisor, and the decision once resolved',
      query: {
        type: 'object',
        properties: { includeResolved: { type: 'boolean', default: false } },
        additionalProperties: false,
      },
      handler: async ({ ctx, query }) => ({
        items: await listReferralConflicts(ctx, { includeResolved: query.includeResolved }),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/referral-conflicts/:id/resolve',
      response: referralConflictSchema,
      tag: 'leads',
      summary:
        "Decide a referral conflict: which referral wins ('first', 'second' or its lead id; the first when left " +
        "out) and why; when the second wins, the client's partner and referrer become its; 409 once resolved",
      body: {
        type: 'object',
        properties: {
          winner: { type: 'string', minLength: 1, maxLength: 64, examples: ['second'] },
          note: { type: 'string', minLength: 1, maxLength: 2000 },
        },
        required: ['note'],
        additionalProperties: false,
      },
      errors: { 409: 'The conflict is already resolved' },
      handler: ({ ctx, params, body }) => resolveReferralConflict(ctx, params.id!, body),
    }),
  ];
}
