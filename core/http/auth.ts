/**
 * @module http/auth
 * Who is calling: a `crm_session` cookie (browsers), or `Authorization: Bearer` with an API key
 * (`bck_…`) or a session token (widgets on another origin). Cookie-authenticated writes must carry
 * the session's CSRF token in `x-csrf-token`, and a cross-site `Origin` is refused.
 */
import type { MiddlewareHandler } from 'hono';
import { resolveApiKey, resolveSession, sameDigest } from '../auth/index.ts';
import type { Crm } from '../crm.ts';
import { contextFor, type Ctx, type Runtime } from '../context.ts';
import type { Actor } from '../access/index.ts';
import { CrmError, unauthorized } from '../errors.ts';
import type { HttpEnv } from './env.ts';
import { cookieValue, requestHeader } from './request-headers.ts';

export const SESSION_COOKIE = 'crm_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Public routes that never use a caller's session, so none is resolved for them (a browser sends its
 * cookie everywhere): the API document and reference, signing in and password resets, the secret
 * iCal feed URL, the SMS gateways' delivery reports, and
 * lead intake with a public source key (`?key=`; without one it needs an API key). `/api/health`
 * still reads a session when one is sent: a signed-in caller is told the database and version.
 */
const NO_SESSION = /\/api\/(openapi\.json|docs|auth\/login|auth\/token|calendar\/feed\/[^/]+)$/;
/** Asking for and using a password reset link; the SMS gateways' delivery reports (checked by their own secrets). */
const NO_SESSION_TOO = /\/api\/(auth\/password-reset(\/confirm)?|delivery-reports\/(smsapi|twilio))$/;
const LEAD_INTAKE = /\/api\/leads(\/form)?$/;
/** Paths end-anchored: the API may be mounted under a prefix (`app.route('/crm', …)`). */
const needsNoSession = (path: string, url: string) =>
  NO_SESSION.test(path) || NO_SESSION_TOO.test(path) || (LEAD_INTAKE.test(path) && /[?&]key=/.test(url));

/**
 * One operation context per cached actor (a session's actor is reused for a few seconds:
 * auth/session-cache.ts), built again when the running configuration is swapped.
 */
const contexts = new WeakMap<Actor, Ctx>();
function contextOf(rt: Runtime, actor: Actor): Ctx {
  const kept = contexts.get(actor);
  if (kept && kept.config === rt.config && kept.database === rt.database) return kept;
  const ctx = contextFor(rt, actor);
  contexts.set(actor, ctx);
  return ctx;
}

export function authenticate(crm: Crm): MiddlewareHandler<HttpEnv> {
  return async function authenticate(c, next) {
    if (needsNoSession(c.req.path, c.req.url)) return next();
    const header = requestHeader(c, 'authorization');
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw unauthorized('The Authorization header must be "Bearer <token>"');
      const token = m[1]!;
      if (token.startsWith('bck_')) {
        const actor = await resolveApiKey(crm.runtime, token);
        if (!actor) throw unauthorized('This API key is unknown, revoked or expired, or its user is disabled');
        c.set('ctx', contextFor(crm.runtime, actor));
        c.set('via', 'api-key');
      } else {
        const s = await resolveSession(crm.runtime, token);
        if (!s) throw unauthorized('Your session has ended; sign in again');
        c.set('ctx', contextOf(crm.runtime, s.actor));
        c.set('via', 'bearer-session');
        c.set('sessionToken', token);
      }
      return next();
    }
    const cookie = cookieValue(c, SESSION_COOKIE);
    if (cookie) {
      const s = await resolveSession(crm.runtime, cookie);
      if (s) {
        if (!SAFE.has(c.req.method))
          assertSameOriginAndCsrf(c.req.header('origin'), c.req.url, c.req.header('x-csrf-token'), s.csrfToken);
        c.set('ctx', contextOf(crm.runtime, s.actor));
        c.set('via', 'cookie');
        c.set('csrfToken', s.csrfToken);
        c.set('sessionToken', cookie);
      }
    }
    return next();
  };
}

function assertSameOriginAndCsrf(
  origin: string | undefined,
  url: string,
  presented: string | undefined,
  expected: string,
): void {
  // `Origin: null` (sandboxed frames, file: pages, some redirects) is not our origin: refused too.
  if (origin !== undefined && new URL(url).origin !== origin)
    throw new CrmError('forbidden', 'Cross-site request refused', { reason: 'origin' });
  if (!presented || !sameDigest(presented, expected)) {
    throw new CrmError('csrf_invalid', 'Missing or wrong CSRF token: send the x-csrf-token header from /api/me');
  }
}
