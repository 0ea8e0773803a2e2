/**
 * @module http/env
 * What the HTTP layer keeps per request.
 */
import type { Ctx } from '../context.ts';

export interface HttpVars {
  /** The operation context of the authenticated actor; absent on public routes without credentials. */
  ctx?: Ctx;
  /** How the actor authenticated: a cookie session needs CSRF protection on writes. */
  via?: 'cookie' | 'bearer-session' | 'api-key';
  csrfToken?: string;
  sessionToken?: string;
}
export interface HttpEnv {
  Variables: HttpVars;
}
