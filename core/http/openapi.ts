/**
 * @module http/openapi
 * The OpenAPI 3.1 document, built from the same route declarations (and JSON Schemas) that validate
 * requests.
 */
import { exampleFor } from './openapi-example.ts';
import type { AnyRoute } from './route.ts';

/** Non-JSON bodies: files are bytes, a calendar is iCalendar text (RFC 5545). */
const mediaSchema = (media: string) =>
  media.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' };

/** The success response of a route: JSON with its schema and an example, and/or files and calendars. */
function successResponse(r: AnyRoute): object {
  const content: Record<string, object> = {};
  if (r.response || !r.produces?.length) {
    const schema = r.response ?? {};
    content['application/json'] = { schema, example: r.example ?? exampleFor(schema) };
  }
  for (const media of r.produces ?? []) content[media] = { schema: mediaSchema(media) };
  return { description: r.produces?.length ? `OK: ${Object.keys(content).join(' or ')}` : 'OK', content };
}

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {
          type: 'object',
          properties: {
            problems: {
              type: 'array',
              items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
            },
          },
        },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

const errorRef = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export function buildOpenApi(routes: readonly AnyRoute[], info: { title: string; version: string }): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const params = [...r.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const q = r.query as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    for (const [name, schema] of Object.entries(q?.properties ?? {}))
      params.push({ name, in: 'query', required: q?.required?.includes(name) ?? false, schema } as never);
    const ok = String(r.status ?? 200);
    paths[path] ??= {};
    paths[path]![r.method] = {
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      operationId: `${r.method}${path
        .replace(/[{}]/g, '')
        .replace(/\/(\w)/g, (_, ch: string) => ch.toUpperCase())
        .replace(/[^A-Za-z0-9]/g, '')}`,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body || r.requestBody
        ? { requestBody: { required: true, content: { 'application/json': { schema: r.body ?? r.requestBody } } } }
        : {}),
      ...(r.requestMedia
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                r.requestMedia.map((m) => [m, { schema: { type: 'string', format: 'binary' } }]),
              ),
            },
          }
        : {}),
      ...(r.auth === 'public' ? { security: [] } : {}),
      responses: {
        [ok]: ok === '204' ? { description: 'Done' } : successResponse(r),
        ...Object.fromEntries(
          Object.entries(r.responses ?? {}).map(([status, schema]) => [
            status,
            { description: 'OK', content: { 'application/json': { schema, example: exampleFor(schema) } } },
          ]),
        ),
        ...(r.body || r.requestBody || r.query || r.requestMedia
          ? { 400: errorRef('Malformed request'), 422: errorRef('Invalid input; details.problems name the fields') }
          : {}),
        ...(r.requestMedia ? { 413: errorRef('The file is larger than the limit') } : {}),
        ...(r.auth === 'public' ? {} : { 401: errorRef('Not signed in'), 403: errorRef('Not allowed') }),
        ...(params.some((p) => p.in === 'path') ? { 404: errorRef('Not found (or not visible to you)') } : {}),
        ...Object.fromEntries(Object.entries(r.errors ?? {}).map(([status, what]) => [status, errorRef(what)])),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'The HTTP API of broker-crm. Money is in integer grosze, times are ISO 8601 (the firm works in ' +
        'Europe/Warsaw). Errors are always `{ error: { code, message, details } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'crm_session',
          description: 'Browser session; writes need the x-csrf-token header.',
        },
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key (bck_…) or a session token.' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  };
}
