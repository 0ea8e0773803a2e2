/**
 * @module http/routes/clients
 * The client database over HTTP. Request schemas are built at start-up from the firm's configured
 * fields, so validation and the OpenAPI document show the firm's real fields (identifier checksums
 * included). Edits need the version they were made on: `If-Match: "<version>"` (the ETag of GET) or
 * `version` in the body; a stale one is a 409.
 */
import type { Context } from 'hono';
import {
  assignClients,
  checkDuplicate,
  DUPLICATE_CHECKS_PER_MINUTE,
  MAX_ASSIGN,
  createClient,
  clientFields,
  type KindFields,
  getClient,
  listClientsJson,
  type Client,
  clientSummary,
  updateClient,
} from '../../clients/index.ts';
import { clientTasks } from '../../calendar/index.ts';
import { bufferAudit } from '../../audit/index.ts';
import type { Crm } from '../../crm.ts';
import { badRequest } from '../../errors.ts';
import { requirePermission } from '../../access/index.ts';
import { jsonResponse } from '../api-headers.ts';
import type { HttpEnv } from '../env.ts';
import { calendarEntrySchema, clientSchemaSchema, list } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const nullableId = { type: ['string', 'null'], maxLength: 64 } as const;
const date = { type: 'string', format: 'date-time' } as const;
/** Query names the list uses itself; a searchable field with one of these names is not filterable by query. */
const reserved = [
  'q',
  'status',
  'type',
  'source',
  'ownerId',
  'unitId',
  'createdFrom',
  'createdTo',
  'updatedFrom',
  'updatedTo',
  'sort',
  'order',
  'limit',
  'cursor',
  'total',
];

/** A field's schema that also accepts null (PATCH: null removes the field). */
function nullable(s: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...s };
  if (typeof s.type === 'string') out.type = [s.type, 'null'];
  else if (Array.isArray(s.type)) out.type = [...s.type, 'null'];
  if (Array.isArray(s.enum)) out.enum = [...s.enum, null];
  return out;
}

const clientCore = {
  type: { type: 'string', minLength: 1, maxLength: 60 },
  source: { type: ['string', 'null'], maxLength: 60 },
  partnerId: nullableId,
  referrerId: nullableId,
} as const;

function bodies(kinds: KindFields[]) {
  const create = {
    type: 'object',
    properties: {
      kind: { type: 'string', enum: kinds.map((k) => k.kind) },
      ...clientCore,
      ownerId: nullableId,
      unitId: nullableId,
      data: { type: 'object' },
    },
    required: ['kind', 'type', 'data'],
    additionalProperties: false,
    allOf: kinds.map((k) => ({
      if: { properties: { kind: { const: k.kind } }, required: ['kind'] },
      then: { properties: { data: k.schema } },
    })),
  };
  const patchData = { type: 'object', additionalProperties: false, properties: {} as Record<string, unknown> };
  for (const k of kinds)
    for (const [n, s] of Object.entries(k.schema.properties)) patchData.properties[n] ??= nullable(s);
  const patch = {
    type: 'object',
    description:
      'Fields to change. `data` is a patch: a field set to null is removed. The whole record is then validated ' +
      "against the kind's schema.",
    properties: { version: { type: 'integer', minimum: 1 }, ...clientCore, data: patchData },
    additionalProperties: false,
  };
  const clientOut = {
    type: 'object',
    description:
      'A client as you may see it: fields you may not read (x-crm-pii without pii:read, x-crm-financial without ' +
      'financial:read) are absent.',
    properties: {
      id: { type: 'string' },
      kind: { type: 'string' },
      type: { type: 'string' },
      source: { type: ['string', 'null'] },
      status: { type: 'string' },
      ownerId: { type: ['string', 'null'] },
      unitId: { type: ['string', 'null'] },
      partnerId: { type: ['string', 'null'] },
      referrerId: { type: ['string', 'null'] },
      displayName: { type: 'string' },
      data: { type: 'object', properties: patchData.properties },
      version: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  };
  return { create, patch, clientOut };
}

function listQuery(kinds: KindFields[]) {
  const props: Record<string, unknown> = {
    q: {
      type: 'string',
      maxLength: 200,
      description: 'Name, phone, e-mail (word prefixes) or a PESEL/NIP/REGON (exact).',
    },
    status: { type: 'string', maxLength: 500, description: 'One status or several, comma-separated.' },
    type: { type: 'string', maxLength: 60 },
    source: { type: 'string', maxLength: 60 },
    ownerId: id,
    unitId: { ...id, description: 'This unit and every unit below it.' },
    createdFrom: date,
    createdTo: date,
    updatedFrom: date,
    updatedTo: date,
    sort: { type: 'string', enum: ['createdAt', 'updatedAt', 'displayName'], default: 'createdAt' },
    order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', maxLength: 2000, description: 'nextCursor of the previous page.' },
    total: { type: 'boolean', description: 'Count the total (capped at 10,000). Default: on the first page only.' },
  };
  for (const k of kinds) {
    for (const f of k.fields.values()) {
      if (f.searchable && !reserved.includes(f.name))
        props[f.name] ??= { type: 'string', maxLength: 200, description: `Equality on the field ${f.name}.` };
    }
  }
  return { type: 'object', properties: props, additionalProperties: false } as const;
}

const etagOf = (c: Client) => `"${c.version}"`;
/** The client with its ETag: one `JSON.stringify`, security headers prebuilt (api-headers.ts). */
const withEtag = (client: Client, status: 200 | 201 = 200) =>
  jsonResponse(JSON.stringify(client), status, { etag: etagOf(client) });

/** The version an edit was made on: If-Match wins over the body's `version`. */
function expectedVersion(c: Context<HttpEnv>, bodyVersion: number | undefined): number {
  const header = c.req.header('if-match');
  if (header) {
    const m = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
    if (!m)
      throw badRequest('If-Match must be the ETag of the client, e.g. "3"', {
        problems: [{ path: 'If-Match', message: 'malformed' }],
      });
    return Number(m[1]);
  }
  if (bodyVersion === undefined)
    throw badRequest('Say which version you edited: send If-Match with the ETag, or "version" in the body', {
      problems: [{ path: '/version', message: 'required without If-Match' }],
    });
  return bodyVersion;
}

export function clientRoutes(crm: Crm): AnyRoute[] {
  const fields = clientFields(crm.config);
  const kinds = [fields.person, fields.company];
  const { create, patch, clientOut } = bodies(kinds);
  const query = listQuery(kinds);
  const filterFieldNames = Object.keys(query.properties).filter((k) => !reserved.includes(k));
  const page = {
    type: 'object',
    properties: {
      items: { type: 'array', items: clientOut },
      nextCursor: { type: ['string', 'null'] },
      total: { type: ['object', 'null'], properties: { value: { type: 'integer' }, capped: { type: 'boolean' } } },
    },
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/clients/schema',
      response: clientSchemaSchema,
      tag: 'clients',
      summary:
        "The firm's client fields (JSON Schema per kind, with labels and pii/financial marks), types, sources " +
        'and display name',
      async handler({ ctx }) {
        requirePermission(ctx.actor, 'clients:read');
        const { fields: f, types, displayName } = crm.config.clients;
        return { fields: f, types, displayName };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/clients/summary',
      tag: 'clients',
      summary: 'Counts per status for the list header (same scope and filters as the list)',
      query: {
        type: 'object',
        properties: { type: { type: 'string' }, source: { type: 'string' }, ownerId: id, unitId: id },
        additionalProperties: false,
      },
      response: {
        type: 'object',
        properties: {
          byStatus: { type: 'object', additionalProperties: { type: 'integer' } },
          total: { type: 'integer' },
        },
      },
      handler: ({ ctx, query: q }) => clientSummary(ctx, q),
    }),
    defineRoute({
      method: 'post',
      path: '/api/clients/assign',
      tag: 'clients',
      summary: 'Assign clients (one or many) to an advisor; all or nothing',
      body: {
        type: 'object',
        properties: {
          ids: { type: 'array', items: id, minItems: 1, maxItems: MAX_ASSIGN },
          ownerId: id,
          unitId: nullableId,
          note: { type: 'string', maxLength: 500 },
        },
        required: ['ids', 'ownerId'],
        additionalProperties: false,
      },
      response: {
        type: 'object',
        properties: { updated: { type: 'integer' }, ids: { type: 'array', items: { type: 'string' } } },
      },
      handler: ({ ctx, body }) => assignClients(ctx, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/clients/duplicates',
      tag: 'clients',
      summary: 'Is a person or firm with this PESEL, NIP or REGON already a client (anywhere in the firm)?',
      description:
        'For the new-client form, as the person types. Compared by keyed hash across the firm; the answer names ' +
        "the existing client's branch, and its id and name only when it is within your scope. 422 for an " +
        'invalid identifier (details.messageKey names the reason, e.g. `pesel.checksum`); ' +
        `${DUPLICATE_CHECKS_PER_MINUTE} checks a minute per user, then 429. Each check is in the audit log.`,
      body: {
        type: 'object',
        properties: {
          pesel: { type: 'string', maxLength: 40 },
          nip: { type: 'string', maxLength: 40 },
          regon: { type: 'string', maxLength: 40 },
        },
        minProperties: 1,
        maxProperties: 1,
        additionalProperties: false,
        examples: [{ pesel: '44051401359' }],
      },
      response: {
        type: 'object',
        properties: {
          exists: { type: 'boolean' },
          unitName: { type: ['string', 'null'] },
          clientId: { type: 'string' },
          displayName: { type: 'string' },
        },
        required: ['exists', 'unitName'],
      },
      handler: ({ ctx, body }) => checkDuplicate(ctx, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/clients/:id/tasks',
      tag: 'clients',
      summary: "The client's tasks: open ones soonest first, then the few finished last (calendars you may read)",
      response: list(calendarEntrySchema),
      handler: async ({ ctx, params }) => ({ items: await clientTasks(ctx, params.id!) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/clients',
      tag: 'clients',
      summary: 'Clients you may see: filters, search (?q=), sort, keyset pages',
      description:
        `Searchable fields filter by equality: ${filterFieldNames.map((n) => `\`${n}\``).join(', ') || 'none'}. ` +
        'Pages: pass `nextCursor` as `cursor`.',
      query: query as never,
      response: page as never,
      async handler({ ctx, query: q }) {
        const r = q as unknown as Record<string, string | number | boolean | undefined>;
        const fieldFilter = Object.fromEntries(
          filterFieldNames.filter((n) => r[n] !== undefined).map((n) => [n, String(r[n])]),
        );
        const when = (v: unknown) => (typeof v === 'string' ? new Date(v) : undefined);
        const page = await listClientsJson(ctx, {
          q: r.q as string | undefined,
          status:
            typeof r.status === 'string'
              ? r.status
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
              : undefined,
          type: r.type as string | undefined,
          source: r.source as string | undefined,
          ownerId: r.ownerId as string | undefined,
          unitId: r.unitId as string | undefined,
          createdFrom: when(r.createdFrom),
          createdTo: when(r.createdTo),
          updatedFrom: when(r.updatedFrom),
          updatedTo: when(r.updatedTo),
          fields: fieldFilter,
          sort: r.sort as never,
          order: r.order as never,
          limit: r.limit as number | undefined,
          cursor: r.cursor as string | undefined,
          total: r.total as boolean | undefined,
        });
        // One entry per request (not per row), buffered; filter names only, never their values or the search text.
        bufferAudit(ctx, {
          action: 'client.list',
          entity: 'client',
          data: {
            count: page.count,
            search: r.q !== undefined,
            filters: Object.keys(r).filter((k) => !['q', 'cursor', 'limit', 'sort', 'order', 'total'].includes(k)),
            page: r.cursor ? 'next' : 'first',
          },
        });
        // The page's JSON text, built from the rows (see listClientsJson): no second JSON.stringify.
        return jsonResponse(page.json);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/clients',
      tag: 'clients',
      summary: "Create a client (fields per the firm's config; identifiers checked by checksum)",
      status: 201,
      body: create as never,
      response: clientOut as never,
      handler: async ({ ctx, body }) =>
        withEtag(await createClient(ctx, body as unknown as Parameters<typeof createClient>[1]), 201),
    }),
    defineRoute({
      method: 'get',
      path: '/api/clients/:id',
      tag: 'clients',
      summary: 'One client (masked for you); ETag is its version',
      response: clientOut as never,
      async handler({ ctx, params }) {
        const client = await getClient(ctx, params.id!);
        // Who opened which card: buffered (no round trip on this path), written within 100 ms.
        bufferAudit(ctx, { action: 'client.read', entity: 'client', entityId: client.id });
        return withEtag(client);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/clients/:id',
      tag: 'clients',
      summary: 'Edit a client; If-Match or version required, 409 when stale',
      body: patch as never,
      response: clientOut as never,
      async handler({ ctx, params, body, c }) {
        const b = body as unknown as {
          version?: number;
          type?: string;
          source?: string | null;
          partnerId?: string | null;
          referrerId?: string | null;
          data?: Record<string, unknown>;
        };
        const { version, ...rest } = b;
        return withEtag(await updateClient(ctx, params.id!, { ...rest, version: expectedVersion(c, version) }));
      },
    }),
  ];
}
