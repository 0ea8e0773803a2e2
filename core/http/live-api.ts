/**
 * @module http/live-api
 * The HTTP API follows the running configuration without a restart. Routes are built from the
 * configuration (request schemas of client fields, the OpenAPI document, lead-form bodies…), so
 * when an admin saves a new version (`core/config-versions` swaps `crm.config`) the next request
 * builds the API again from the new configuration and answers with it; requests already running
 * finish on the API they started on. Building takes a fraction of a second and happens once per
 * configuration change, never per request.
 *
 * Served on its own (`serve({ fetch: api.fetch })`, `api.request(…)`), a request costs one comparison
 * more than the built app: `fetch` hands it straight to the current app, with no routing of its own.
 * Mounted in a host app (`host.route('/crm', api)`), the host routes it through the API's routes,
 * which are declared on the returned app too, to the same current app. A build may come with an
 * early answer for a few hot requests (`fast-me.ts`), tried before its app routes the request.
 */
import { Hono, type Context } from 'hono';
import type { Crm } from '../crm.ts';
import type { HttpEnv } from './env.ts';

const API = '/api/*';

/** Answers a request before the app routes it, or returns undefined for the app to answer it. */
export type EarlyAnswer = (request: Request, env: unknown) => Promise<Response | undefined> | undefined;

/** What one build of the API is: the app, and optionally an early answer tried before it. */
export interface BuiltApi {
  app: Hono<HttpEnv>;
  early?: EarlyAnswer;
}

/**
 * An app that answers `/api/*` with `build()`, built again whenever `crm.config` is another object.
 * It can be mounted under a prefix (`app.route('/crm', api)`): the prefix is taken off before the
 * inner app routes the request.
 * @example
 * const api = liveApi(crm, () => ({ app: buildApi(crm, options) }), console.error);
 */
export function liveApi(crm: Crm, build: () => BuiltApi, log: (e: unknown) => void): Hono<HttpEnv> {
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
    return answer(current(), req, c.env);
  };
  const declared = new Set<string>();
  for (const r of inner.app.routes) {
    const key = `${r.method} ${r.path}`;
    if (r.method === 'ALL' || r.path.includes('*') || declared.has(key)) continue;
    declared.add(key);
    outer.on(r.method, r.path, delegate(r.path));
  }
  outer.all(API, delegate(API));
  // Served directly, a request goes to the current app at once: the outer routes above only serve a
  // host that mounts this app (and list the API). The app is picked when the request arrives, so one
  // that is running when the configuration changes finishes on the app it started on.
  const fetch: Hono<HttpEnv>['fetch'] = (request, env, executionCtx) => answer(current(), request, env, executionCtx);
  outer.fetch = fetch;
  return outer;
}

function answer(built: BuiltApi, request: Request, env: unknown, executionCtx?: Parameters<Hono['fetch']>[2]) {
  const early = built.early?.(request, env);
  if (!early) return built.app.fetch(request, env as never, executionCtx);
  return early.then((res) => res ?? built.app.fetch(request, env as never, executionCtx));
}
