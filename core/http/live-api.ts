/**
 * @module http/live-api
 * The HTTP API follows the running configuration without a restart. Routes are built from the
 * configuration (request schemas of client fields, the OpenAPI document, lead-form bodies…), so
 * when an admin saves a new version (`core/config-versions` swaps `crm.config`) the next request
 * builds the API again from the new configuration and answers with it; requests already running
 * finish on the API they started on. Building takes a fraction of a second and happens once per
 * configuration change, never per request.
 */
import { Hono, type Context } from 'hono';
import type { Crm } from '../crm.ts';
import type { HttpEnv } from './env.ts';

const API = '/api/*';

/**
 * An app that answers `/api/*` with `build()`, built again whenever `crm.config` is another object.
 * It can be mounted under a prefix (`app.route('/crm', api)`): the prefix is taken off before the
 * inner app routes the request.
 * @example
 * const api = liveApi(crm, () => buildApi(crm, options));
 */
export function liveApi(crm: Crm, build: () => Hono<HttpEnv>, log: (e: unknown) => void): Hono<HttpEnv> {
  let builtFor = crm.config;
  let inner = build();
  const current = () => {
    if (crm.config !== builtFor) {
      const wanted = crm.config;
      try {
        inner = build();
      } catch (e) {
        log(e); // the previous API keeps answering; the config was validated, so this is a bug to report
      }
      builtFor = wanted;
    }
    return inner;
  };
  const outer = new Hono<HttpEnv>();
  // Each route is declared on the outer app too (same method and path), so `outer.routes` lists the API
  // as it is (tests read it) and `app.route('/crm', api)` copies them; the catch-all answers the rest.
  const delegate = (path: string) => (c: Context<HttpEnv>) => {
    const prefix = c.req.routePath.slice(0, c.req.routePath.length - path.length);
    let req = c.req.raw;
    if (prefix && prefix !== '/') {
      const url = new URL(req.url);
      url.pathname = url.pathname.slice(prefix.length);
      req = new Request(url, req);
    }
    return current().fetch(req, c.env);
  };
  const declared = new Set<string>();
  for (const r of inner.routes) {
    const key = `${r.method} ${r.path}`;
    if (r.method === 'ALL' || r.path.includes('*') || declared.has(key)) continue;
    declared.add(key);
    outer.on(r.method, r.path, delegate(r.path));
  }
  outer.all(API, delegate(API));
  return outer;
}
