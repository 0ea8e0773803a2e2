/**
 * @module http/routes/password-reset
 * "Nie pamiętam hasła" for the sign-in pages: ask for a one-time link by e-mail (the same 202 for any
 * address; 429 past the per-address and per-e-mail limits), and set a new password with the link's
 * token (every session of the user ends). Both are public and never use a session, like signing in:
 * neither sets a cookie, a request for a link only sends the account's owner an e-mail (rate limited),
 * and setting a password needs the e-mailed token.
 */
import { requestPasswordReset, resetPassword } from '../../auth/index.ts';
import type { Crm } from '../../crm.ts';
import { clientAddress } from '../client-address.ts';
import { object } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

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
      async handler({ body }) {
        await resetPassword(crm.runtime, body.token, body.password);
      },
    }),
  ];
}
