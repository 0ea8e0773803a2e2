/**
 * @module http/fast-me
 * `GET /api/me` with a session cookie, answered before the API's router and middleware chain: a
 * signed-in page asks it again and again, and for this one request the Hono dispatch (routing, the
 * context, the middleware chain, the route wrapper) cost as much as everything else of ours together.
 *
 * It answers exactly what the full chain answers for that request, and only that request: a GET of
 * `/api/me` itself (no query, no HEAD), a plain `crm_session` cookie and no `Authorization` header.
 * The session is resolved by the same `resolveSession` (its cache, expiry, idleness, disabled users,
 * revocations and the change bus are the one source of truth); the text is the route's own
 * (`routes/session.ts` `meAnswer`), sent by `jsonResponse` with the API's security headers. Anything
 * else, including no valid session or an error, goes on to the full chain, which answers it (401,
 * the error JSON) as before. Not used when CORS origins are configured (their middleware adds headers).
 */
import type { IncomingMessage } from 'node:http';
import { resolveSession } from '../auth/index.ts';
import type { Crm } from '../crm.ts';
import { jsonResponse } from './api-headers.ts';
import { SESSION_COOKIE } from './auth.ts';
import type { EarlyAnswer } from './live-api.ts';
import { plainCookie } from './request-headers.ts';
import type { MeAnswer } from './routes/session.ts';

/**
 * The early answer for a cookie's `GET /api/me`.
 * @example
 * const early = fastMe(crm, meAnswer(crm));
 * const res = (await early(request, env)) ?? (await app.fetch(request, env));
 */
export function fastMe(crm: Crm, me: MeAnswer): EarlyAnswer {
  return function fastMe(request, env) {
    if (request.method !== 'GET') return undefined;
    const url = request.url;
    // The path and query as Hono's getPath finds them: from the first '/' after the scheme's '://'.
    if (url.slice(url.indexOf('/', url.indexOf(':') + 3)) !== '/api/me') return undefined;
    const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (header(request, incoming, 'authorization') !== undefined) return undefined;
    const token = plainCookie(header(request, incoming, 'cookie'), SESSION_COOKIE);
    if (!token) return undefined;
    return answer(crm, me, token);
  };
}

/** A request header: from Node's parse when served by Node (as `requestHeader` reads it), else the Request's. */
function header(request: Request, incoming: IncomingMessage | undefined, name: string): string | undefined {
  if (!incoming?.headers) return request.headers.get(name) ?? undefined;
  const v = incoming.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

async function answer(crm: Crm, me: MeAnswer, token: string): Promise<Response | undefined> {
  try {
    const s = await resolveSession(crm.runtime, token);
    return s ? jsonResponse(await me(s.actor, 'cookie', s.csrfToken)) : undefined;
  } catch {
    return undefined; // the full chain meets the same failure and answers it as an error
  }
}
