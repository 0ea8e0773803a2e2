/**
 * @module http/routes/password-reset
 * "Nie pamiętam hasła" for the sign-in pages: ask for a one-time link by e-mail (the same 202 for any
 * address; 429 past the per-address and per-e-mail limits), and set a new password with the link's
 * token (every session of the user ends). Both are public and never use a session; a request from
 * another site's page (a cross-site `Origin`) is refused, as for every cookie write.
 */
import type { Context } from 'hono';
import { requestPasswordReset, resetPassword } from '../../auth/index.ts';
import type { Crm } from '../../crm.ts';
import { CrmError } from '../../errors.ts';
import { clientAddress } from '../client-address.ts';
import type { HttpEnv } from '../env.ts';
import { object } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

/** A page of another origin may not ask for or use a reset (a browser always sends `Origin` on a POST). */
function sameOrigin(c: Context<HttpEnv>): void {
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== new URL(c.req.url).origin)
    throw new CrmError('forbidden', 'Cross-site request refused', { reason: 'origin' });
}

export function passwordResetRoutes(crm: Crm): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/password-reset',
      response: object({ accepted: { const: true } }),
      tag: 'session',
      auth: 'public',
      status: 202,
      summary:
        'Ask for a one-time password reset link by e-mail (30 minutes, single use); the same answer whether or ' +
        'not the address has an account; 429 when asked too often',
      body: {
        type: 'object',
        properties: {
          email: { type: 'string', minLength: 3, maxLength: 254 },
          lang: { type: 'string', enum: ['pl', 'en'] },
        },
        required: ['email'],
        additionalProperties: false,
      },
      async handler({ body, c }) {
        sameOrigin(c);
        await requestPasswordReset(crm.runtime, body.email, {
          address: clientAddress(c),
          ...(body.lang ? { lang: body.lang } : {}),
        });
        return { accepted: true as const };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/password-reset/confirm',
      tag: 'session',
      auth: 'public',
      status: 204,
      summary: "Set a new password with a reset link's token; every session of the user ends (422 for a spent link)",
      body: {
        type: 'object',
        properties: {
          token: { type: 'string', minLength: 1, maxLength: 200 },
          password: { type: 'string', minLength: 1, maxLength: 200 },
        },
        required: ['token', 'password'],
        additionalProperties: false,
      },
      async handler({ body, c }) {
        sameOrigin(c);
        await resetPassword(crm.runtime, body.token, body.password);
      },
    }),
  ];
}
