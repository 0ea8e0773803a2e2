/**
 * @module http/route
 * One way to declare an endpoint: method, path, schemas, permission note and a handler that calls one
 * core operation. The same declaration validates requests and feeds the OpenAPI document, so the two
 * cannot disagree.
 */
import type { Context, Hono } from 'hono';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { Ctx } from '../context.ts';
import { unauthorized } from '../errors.ts';
import type { HttpEnv } from './env.ts';
import { jsonResponse } from './api-headers.ts';
import { readJsonBody, readQuery } from './read-body.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Media types of success bodies that are not JSON. */
export type ResponseMedia =
  | 'application/pdf'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  | 'text/calendar'
  | 'text/plain'
  | 'text/csv';
type Infer<S> = [S] extends [never] ? undefined : S extends JSONSchema ? FromSchema<S> : undefined;

export interface RouteArgs<B, Q> {
  ctx: Ctx;
  body: B;
  query: Q;
  params: Record<string, string>;
  c: Context<HttpEnv>;
}

export interface RouteSpec<B extends JSONSchema = never, Q extends JSONSchema = never> {
  method: Method;
  /** Hono path, e.g. `/api/units/:id`. */
  path: string;
  summary: string;
  tag: string;
  description?: string;
  body?: B;
  query?: Q;
  /** `public` routes run without an actor (ctx is the system context only where the handler says). */
  auth?: 'actor' | 'public';
  /** Status of a successful response (default 200). */
  status?: 200 | 201 | 202 | 204;
  /**
   * A JSON Schema of the successful JSON response, for the OpenAPI document (and the test that checks
   * real answers against it). Documentation only, so any JSON Schema object (see `responses.ts`).
   */
  response?: object;
  /** Success bodies that are not JSON (files, calendars), by media type; with `response` JSON is one choice. */
  produces?: readonly ResponseMedia[];
  /** Other success answers by status, each a JSON Schema (e.g. 202 with a job when an export runs long). */
  responses?: Record<number, object>;
  /**
   * Error answers beyond the ones every route documents (400/422 with input, 401/403 unless public, 404
   * with path parameters), by status, with what each means; documented in the usual error shape.
   */
  errors?: Record<number, string>;
  /** A body the handler reads itself (e.g. lead intake with its own limits), shown in the OpenAPI document. */
  requestBody?: object;
  /** A raw body of these media types (a file upload) that the handler reads itself; declared as binary. */
  requestMedia?: readonly string[];
  /** An example of the successful JSON response; without it the document derives one from `response`. */
  example?: unknown;
  handler(args: RouteArgs<Infer<B>, Infer<Q>>): Promise<unknown>;
}

/** A declared route with its types erased, so lists can hold routes of many body types. */
export type AnyRoute = Omit<RouteSpec, 'handler' | 'body' | 'query'> & {
  body?: JSONSchema;
  query?: JSONSchema;
  handler(args: RouteArgs<any, any>): Promise<unknown>; // any: erased here, checked in defineRoute
};

/**
 * @example
 * export const getUnitRoute = defineRoute({ method: 'get', path: '/api/units/:id', tag: 'units', summary: 'One unit',
 *   handler: ({ ctx, params }) => getUnit(ctx, params.id) });
 */
export function defineRoute<const B extends JSONSchema = never, const Q extends JSONSchema = never>(
  spec: RouteSpec<B, Q>,
): AnyRoute {
  return spec as AnyRoute;
}

export function mountRoutes(app: Hono<HttpEnv>, routes: readonly AnyRoute[]): void {
  for (const r of routes) {
    app.on(r.method.toUpperCase(), r.path, async function route(c) {
      // A handler that sets headers of its own (a cookie, an ETag via `c.header`) is answered by Hono's
      // `c.json`, which merges them; any other answer is one `JSON.stringify` with prebuilt headers.
      let ownHeaders = false;
      const header = c.header;
      c.header = ((...args: Parameters<typeof header>) => {
        ownHeaders = true;
        return header(...args);
      }) as typeof header;
      const ctx = c.get('ctx');
      if ((r.auth ?? 'actor') === 'actor' && !ctx) throw unauthorized();
      const query = readQuery(c, r.query as object | undefined);
      const body =
        r.method === 'get' || r.method === 'delete' || r.requestMedia
          ? undefined
          : await readJsonBody(c, r.body as object | undefined);
      const out = await r.handler({
        ctx: ctx!,
        body,
        query,
        params: c.req.param() as Record<string, string>,
        c,
      } as never);
      if (out instanceof Response) return out;
      if (r.status === 204 || out === undefined) return c.body(null, 204);
      return ownHeaders ? c.json(out as object, r.status ?? 200) : jsonResponse(JSON.stringify(out), r.status ?? 200);
    });
  }
}
