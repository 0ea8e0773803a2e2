/**
 * @module http/routes/session
 * Sign-in, sign-out, tokens for other origins, the session's state for sign-in pages, and `/api/me`.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { scopesOf, type Actor, type Permission, systemActor } from '../../access/index.ts';
import { signIn, signOut } from '../../auth/index.ts';
import type { Crm } from '../../crm.ts';
import { getUser, type User } from '../../org/index.ts';
import { contextFor } from '../../context.ts';
import { jsonResponse } from '../api-headers.ts';
import { SESSION_COOKIE } from '../auth.ts';
import { clientAddress } from '../client-address.ts';
import type { HttpEnv } from '../env.ts';
import { meSchema, sessionSchema, sessionStateSchema, tokenSchema } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const credentials = {
  type: 'object',
  properties: {
    email: { type: 'string', minLength: 3, maxLength: 254 },
    password: { type: 'string', minLength: 1, maxLength: 200 },
  },
  required: ['email', 'password'],
  additionalProperties: false,
} as const;

/**
 * The caller's network address (the socket's, or what a trusted proxy saw: `client-address.ts`, never
 * a header anyone else can set) and, for audit, the forwarded one.
 */
function signInMeta(c: Context<HttpEnv>) {
  const address = clientAddress(c);
  const forwarded = c.req.header('x-forwarded-for') ?? null;
  return { address, ip: forwarded ?? address, userAgent: c.req.header('user-agent') ?? null };
}

/** `/api/me`'s JSON text for an actor, how it signed in and its session's CSRF token. */
export type MeAnswer = (a: Actor, via: string | undefined, csrfToken: string | null) => Promise<string>;

/**
 * `/api/me`'s answer for a signed-in actor, serialised once per cached actor: the route and the fast
 * path of a cookie's `/api/me` (`../fast-me.ts`) share it.
 * @example
 * const me = meAnswer(crm); const text = await me(actor, 'cookie', csrfToken);
 */
export function meAnswer(crm: Crm): MeAnswer {
  const profile = async (userId: string) => getUser(contextFor(crm.runtime, systemActor('profile')), userId);
  // `/api/me`'s user kept with the signed-in actor it was read for. A session's actor is cached for a few
  // seconds and dropped at once on any change to a user, a unit or a membership (auth/session-cache.ts), so
  // the profile lives exactly as long: a page's repeated `/api/me` reads no row. API-key actors are new per
  // request, so they read it every time.
  const meProfiles = new WeakMap<Actor, User>();
  const meProfile = async (a: Actor) => {
    let user = meProfiles.get(a);
    if (!user) meProfiles.set(a, (user = await profile(a.userId!)));
    return user;
  };
  // And the whole answer serialised once per cached actor (how it signed in and its CSRF token are part of it).
  const meTexts = new WeakMap<Actor, { via: string | undefined; csrfToken: string | null; text: string }>();
  return async (a, via, csrfToken) => {
    const kept = meTexts.get(a);
    if (kept && kept.via === via && kept.csrfToken === csrfToken) return kept.text;
    const permissions: Record<string, readonly string[]> = {};
    for (const p of a.permissions.keys()) permissions[p] = scopesOf(a, p as Permission);
    const user = a.userId ? await meProfile(a) : null;
    const text = JSON.stringify({
      user,
      via,
      roles: a.roles.map((r) => ({ id: r, label: crm.config.roles[r]?.label })),
      unitIds: [...a.unitIds],
      permissions,
      csrfToken,
      firm: {
        name: crm.config.firm.name,
        timeZone: crm.config.firm.timeZone,
        locale: crm.config.firm.locale,
        currency: crm.config.firm.currency,
      },
    });
    meTexts.set(a, { via, csrfToken, text });
    return text;
  };
}

export function sessionRoutes(crm: Crm, me: MeAnswer = meAnswer(crm)): AnyRoute[] {
  const profile = async (userId: string) => getUser(contextFor(crm.runtime, systemActor('profile')), userId);
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      response: sessionSchema,
      tag: 'session',
      auth: 'public',
      body: credentials,
      summary: 'Sign in with e-mail and password; sets the session cookie',
      async handler({ body, c }) {
        const r = await signIn(crm.runtime, body.email, body.password, signInMeta(c));
        setCookie(c, SESSION_COOKIE, r.token, {
          httpOnly: true,
          sameSite: 'Lax',
          path: '/',
          secure: new URL(c.req.url).protocol === 'https:',
          expires: r.expiresAt,
        });
        return { user: await profile(r.userId), csrfToken: r.csrfToken, expiresAt: r.expiresAt };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/token',
      response: tokenSchema,
      tag: 'session',
      auth: 'public',
      body: credentials,
      summary: 'Sign in and receive a bearer session token (for widgets on another origin); no cookie',
      async handler({ body, c }) {
        const r = await signIn(crm.runtime, body.email, body.password, signInMeta(c));
        return { token: r.token, expiresAt: r.expiresAt, user: await profile(r.userId) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      tag: 'session',
      status: 204,
      summary: 'End the current session',
      async handler({ c }) {
        const token = c.get('sessionToken');
        if (token) await signOut(crm.runtime, token);
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/session',
      response: sessionStateSchema,
      tag: 'session',
      auth: 'public',
      summary: "Whether the caller is signed in, and the firm's name and logo for a sign-in page (never a 401)",
      async handler({ ctx }) {
        const { name, locale, logo } = crm.config.firm;
        return { signedIn: Boolean(ctx?.actor.userId), firm: { name, locale, ...(logo ? { logo } : {}) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me',
      response: meSchema,
      tag: 'session',
      summary: 'The signed-in user, their unit, effective permissions with scopes, and the CSRF token',
      async handler({ ctx, c }) {
        return jsonResponse(await me(ctx.actor, c.get('via'), c.get('csrfToken') ?? null));
      },
    }),
  ];
}
