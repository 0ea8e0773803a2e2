/**
 * @module tests/security/support/routes
 * The routes under attack, read from the running Hono app at test time (`app.routes`), joined with
 * the OpenAPI document the same declarations produce (for body and query schemas). A route added
 * later is in the list without anyone editing a test.
 */
import type { App } from './world.ts';

export interface SchemaLike {
  type?: string | string[];
  properties?: Record<string, SchemaLike>;
  required?: string[];
  items?: SchemaLike;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  additionalProperties?: boolean | SchemaLike;
  [k: string]: unknown;
}

export interface RouteInfo {
  method: string;
  /** Hono path, e.g. `/api/units/:id`. */
  path: string;
  /** `actor` routes need a signed-in caller; `public` ones do not. */
  auth: 'actor' | 'public';
  body?: SchemaLike;
  query?: Record<string, SchemaLike>;
  params: string[];
  /** `GET /api/units/:id` → `GET /api/units/{id}`, the OpenAPI spelling. */
  key: string;
}

const toOpenApi = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** Every endpoint the app answers, with the schemas it declared. */
export async function routesOf(app: App): Promise<RouteInfo[]> {
  const spec = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  const seen = new Set<string>();
  const out: RouteInfo[] = [];
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue; // middleware and the 404 fallback
    const id = `${r.method} ${r.path}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const op = spec.paths[toOpenApi(r.path)]?.[r.method.toLowerCase()] as
      | {
          security?: unknown[];
          requestBody?: { content: Record<string, { schema: SchemaLike }> };
          parameters?: Array<{ in: string; name: string; schema: SchemaLike }>;
        }
      | undefined;
    const query: Record<string, SchemaLike> = {};
    for (const p of op?.parameters ?? []) if (p.in === 'query') query[p.name] = p.schema;
    out.push({
      method: r.method,
      path: r.path,
      auth: Array.isArray(op?.security) && op.security.length === 0 ? 'public' : 'actor',
      body: op?.requestBody?.content['application/json']?.schema,
      query: Object.keys(query).length ? query : undefined,
      params: [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!),
      key: `${r.method} ${r.path}`,
    });
  }
  return out;
}

/** Fill a route's path parameters. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? 'missing'));
}
