/**
 * @module http/routes/exports
 * Excel exports over HTTP: `GET /api/exports/<list>` with the list API's own filters answers the
 * XLSX itself (200) or, above the direct-download limit, 202 with a job; the job's progress is at
 * `GET /api/export-jobs/:id` and its file at `GET /api/export-jobs/:id/file`, for the job's creator
 * only. Plus the report subscriptions (scheduled report e-mails).
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { clientFields } from '../../clients/index.ts';
import type { Crm } from '../../crm.ts';
import {
  exportJobFile,
  exportJobs,
  exportJobStatus,
  exportList,
  type ExportOutcome,
  type ExportResource,
} from '../../reports/index.ts';
import { reportQuery } from './reports.ts';
import {
  exportReport,
  runReport,
  deleteReportSubscription,
  listReportSubscriptions,
  subscribeReport,
  scheduledReportList,
} from '../../reports/index.ts';
import { reportSubscriptionSchema, reportSubscriptionsSchema, XLSX_MEDIA } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const period = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;
const common = {
  locale: { type: 'string', enum: ['pl', 'en'], default: 'pl', description: 'Language of headers and labels.' },
  job: { type: 'boolean', description: 'Run as a background job even when small.' },
  columns: { type: 'string', maxLength: 2000, description: 'Only these columns, comma-separated keys, in order.' },
} as const;
const reservedClientQuery = new Set([
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
  'locale',
  'job',
  'columns',
]);

const jobView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    resource: { type: 'string' },
    status: { type: 'string', enum: ['running', 'done', 'failed'] },
    rows: { type: 'integer' },
    total: { type: 'integer' },
    progress: { type: 'number' },
    url: { type: ['string', 'null'] },
    expiresAt: { type: ['string', 'null'] },
    error: { type: ['string', 'null'] },
  },
} as const;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Streams a file as the response; `remove` deletes it once sent (a one-off direct download). */
export function xlsxFileResponse(path: string, filename: string, remove: boolean): Response {
  const stream = createReadStream(path);
  if (remove) stream.on('close', () => void rm(path, { force: true }));
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
}

function answer(out: ExportOutcome): Response {
  if (out.kind === 'file') return xlsxFileResponse(out.path, out.filename, true);
  return Response.json({ job: out.job }, { status: 202, headers: { location: `/api/export-jobs/${out.job.id}` } });
}

const split = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
const when = (v: unknown) => (typeof v === 'string' ? new Date(v) : undefined);
/** The query without undefined values and without the export's own switches. */
function defined(q: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q))
    if (v !== undefined && k !== 'locale' && k !== 'job' && k !== 'columns') out[k] = v;
  return out;
}

export function exportRoutes(crm: Crm): AnyRoute[] {
  const kinds = clientFields(crm.config);
  const fieldFilters: Record<string, unknown> = {};
  for (const k of [kinds.person, kinds.company])
    for (const f of k.fields.values())
      if (f.searchable && !reservedClientQuery.has(f.name))
        fieldFilters[f.name] ??= { type: 'string', maxLength: 200, description: `Equality on the field ${f.name}.` };

  const listExport = (
    resource: ExportResource,
    summary: string,
    properties: Record<string, unknown>,
    toFilter: (q: Record<string, unknown>) => object,
    required: string[] = [],
  ) =>
    defineRoute({
      method: 'get',
      path: `/api/exports/${resource}`,
      produces: [XLSX_MEDIA],
      responses: { 202: { type: 'object', properties: { job: jobView }, required: ['job'] } },
      tag: 'exports',
      summary,
      description:
        'Same filters, scope and field masking as the list. 200 with the XLSX, or 202 with a job when the ' +
        'export is long (poll `GET /api/export-jobs/:id`). 403 without the export permission (the attempt ' +
        'is audited).',
      query: { type: 'object', properties: { ...properties, ...common }, required, additionalProperties: false },
      async handler({ ctx, query }) {
        const q = query as Record<string, unknown>;
        const out = await exportList(ctx, resource, toFilter(q), {
          locale: (q.locale as 'pl' | 'en' | undefined) ?? 'pl',
          job: q.job === true,
          ...(typeof q.columns === 'string' ? { columns: split(q.columns) } : {}),
        });
        return answer(out);
      },
    }) as AnyRoute;

  return [
    listExport(
      'clients',
      'Export the client list to Excel (clients:export)',
      {
        q: { type: 'string', maxLength: 200 },
        status: { type: 'string', maxLength: 500, description: 'One status or several, comma-separated.' },
        type: { type: 'string', maxLength: 60 },
        source: { type: 'string', maxLength: 60 },
        ownerId: id,
        unitId: { ...id, description: 'This unit and every unit below it.' },
        createdFrom: instant,
        createdTo: instant,
        updatedFrom: instant,
        updatedTo: instant,
        sort: { type: 'string', enum: ['createdAt', 'updatedAt', 'displayName'] },
        order: { type: 'string', enum: ['asc', 'desc'] },
        ...fieldFilters,
      },
      (q) => {
        const fields = Object.fromEntries(
          Object.keys(fieldFilters)
            .filter((n) => q[n] !== undefined)
            .map((n) => [n, String(q[n])]),
        );
        return defined({
          q: q.q,
          status: split(q.status),
          type: q.type,
          source: q.source,
          ownerId: q.ownerId,
          unitId: q.unitId,
          createdFrom: when(q.createdFrom),
          createdTo: when(q.createdTo),
          updatedFrom: when(q.updatedFrom),
          updatedTo: when(q.updatedTo),
          sort: q.sort,
          order: q.order,
          ...(Object.keys(fields).length ? { fields } : {}),
        });
      },
    ),
    listExport(
      'activities',
      'Export contacts with clients to Excel (clients:export)',
      {
        clientId: id,
        type: { type: 'string', maxLength: 60 },
        outcome: { type: 'string', maxLength: 60 },
        actorId: id,
        from: instant,
        to: instant,
      },
      (q) => defined({ ...q, from: when(q.from), to: when(q.to) }),
    ),
    listExport(
      'calendar',
      'Export a calendar window to Excel (calendar:export)',
      {
        from: instant,
        to: { ...instant, description: 'At most 93 days after from.' },
        userId: id,
        unitId: id,
        everyone: { type: 'boolean' },
      },
      (q) => defined({ ...q, from: when(q.from), to: when(q.to) }),
      ['from', 'to'],
    ),
    listExport(
      'sales',
      'Export sales to Excel (commissions:export)',
      { clientId: id, status: { type: 'string', enum: ['active', 'cancelled'] }, period },
      defined,
    ),
    listExport(
      'commission-lines',
      'Export commission lines to Excel (commissions:export)',
      {
        period,
        ledger: { type: 'string', enum: ['firm', 'advisor', 'partner', 'unit'] },
        status: { type: 'string', enum: ['proposed', 'corrected', 'approved'] },
        kind: { type: 'string', enum: ['proposal', 'adjustment', 'clawback'] },
        beneficiaryKind: { type: 'string', enum: ['provider', 'advisor', 'partner', 'unit'] },
        beneficiaryId: id,
        saleId: id,
        mine: { type: 'boolean' },
      },
      defined,
    ),
    defineRoute({
      method: 'get',
      path: '/api/exports/reports/:type',
      produces: [XLSX_MEDIA],
      tag: 'exports',
      summary: 'A report as Excel (reports:read scope, reports:export; the same parameters as the report)',
      description: 'The 403 of a person without reports:export is audited, like every export.',
      query: reportQuery,
      async handler({ ctx, params, query }) {
        const { lang, ...input } = query;
        const locale = lang ?? 'pl';
        const result = await runReport(ctx, { ...input, type: params.type! });
        const jobs = exportJobs(ctx.database);
        const path = jobs.scratchPath();
        const label = (l: { pl: string; en: string }) => l[locale];
        try {
          await exportReport(
            ctx,
            {
              type: result.type,
              title: result.title,
              params: result.params as unknown as Record<string, unknown>,
              columns: result.table.columns.map((c) => ({ key: c.key, label: c.label, type: c.type })),
              rows: result.table.rows.map((r) => ({
                ...r.cells,
                ...('group' in r.cells ? { group: label(r.label) } : {}),
              })),
              totals: result.table.totals,
            },
            path,
            { locale },
          );
        } catch (error) {
          await rm(path, { force: true });
          throw error;
        }
        return xlsxFileResponse(path, `${result.type}-${result.params.from}-${result.params.to}.xlsx`, true);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/export-jobs/:id',
      tag: 'exports',
      summary: "A long export's progress; `url` is the download link once done (creator only; 404 otherwise)",
      response: jobView,
      handler: async ({ ctx, params }) => exportJobStatus(ctx, params.id!),
    }),
    defineRoute({
      method: 'get',
      path: '/api/export-jobs/:id/file',
      produces: [XLSX_MEDIA],
      tag: 'exports',
      summary: "A finished export's XLSX (creator only, until it expires; 409 while running)",
      async handler({ ctx, params }) {
        const f = exportJobFile(ctx, params.id!);
        return xlsxFileResponse(f.path, f.filename, false);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/report-subscriptions',
      response: reportSubscriptionsSchema,
      tag: 'exports',
      summary: 'Your scheduled report e-mails',
      handler: async ({ ctx }) => ({
        items: await listReportSubscriptions(ctx),
        types: scheduledReportList(ctx),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/report-subscriptions',
      response: reportSubscriptionSchema,
      tag: 'exports',
      status: 201,
      summary: 'Subscribe to a report as a weekly or monthly PDF e-mail to your own address (reports:export)',
      body: {
        type: 'object',
        properties: {
          report: { type: 'string', minLength: 1, maxLength: 60 },
          frequency: { type: 'string', enum: ['weekly', 'monthly'] },
          params: { type: 'object', description: "The report's parameters (group-by, unit…), as for the report." },
          locale: { type: 'string', enum: ['pl', 'en'] },
        },
        required: ['report', 'frequency'],
        additionalProperties: false,
      },
      handler: ({ ctx, body }) => subscribeReport(ctx, body as Parameters<typeof subscribeReport>[1]),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/report-subscriptions/:id',
      status: 204,
      tag: 'exports',
      summary: 'Stop a scheduled report (your own; 404 otherwise)',
      handler: async ({ ctx, params }) => {
        await deleteReportSubscription(ctx, params.id!);
      },
    }),
  ];
}
