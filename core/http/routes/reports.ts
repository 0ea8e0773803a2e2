/**
 * @module http/routes/reports
 * Reports over HTTP: `GET /api/reports` lists the report types; `GET /api/reports/:type` runs one
 * (JSON: typed table + chart series), `:type.pdf` answers its PDF. Parameters are validated by the
 * reports module, which names the bad one in a 4xx. (`/api/reports/advisor-activity` is the older
 * per-advisor counter, declared with the workflow routes.)
 */
import type { Crm } from '../../crm.ts';
import { listReportTypes, reportPdf, runReport } from '../../reports/index.ts';
import { reportCatalogSchema, reportResultSchema } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const text = (maxLength: number, description: string) => ({ type: 'string', maxLength, description }) as const;
export const reportQuery = {
  type: 'object',
  properties: {
    groupBy: text(20, 'advisor, branch, region, firm, branch-type, product, provider, category, source, partner'),
    period: text(10, 'day, week, month (default), quarter, custom'),
    at: text(10, 'A day inside the period, YYYY-MM-DD (default today, Europe/Warsaw)'),
    from: text(10, 'Custom range start, YYYY-MM-DD'),
    to: text(10, 'Custom range end (inclusive), YYYY-MM-DD; at most 5 years after from'),
    unitId: text(64, 'Only this unit and the units below it (drill-down)'),
    userId: text(64, 'Only this person (the individual report: whose)'),
    compare: { type: 'boolean', description: 'Also compute the previous period of the same length' },
    stalledDays: { type: 'integer', minimum: 1, maximum: 365, description: 'Pipeline: stalled after N days' },
    lang: { type: 'string', enum: ['pl', 'en'], default: 'pl', description: 'Language of the PDF' },
  },
  additionalProperties: false,
} as const;

export function reportRoutes(_crm: Crm): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/reports',
      response: reportCatalogSchema,
      tag: 'reports',
      summary: 'The report types (built-in and from plugins) with their group-bys',
      handler: async ({ ctx }) => ({ items: listReportTypes(ctx) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/reports/:ref',
      produces: ['application/pdf'],
      response: reportResultSchema,
      tag: 'reports',
      summary: 'Run a report in your reports:read scope: `:type` as JSON, `:type.pdf` as a PDF',
      query: reportQuery,
      async handler({ ctx, params, query }) {
        const m = /^(.+?)(?:\.(pdf))?$/.exec(params.ref!)!;
        const { lang, ...input } = query;
        const result = await runReport(ctx, { ...input, type: m[1]! });
        if (!m[2]) return result;
        const bytes = await reportPdf(ctx, result, lang ?? 'pl');
        const fileName = `${result.type}-${result.params.from}-${result.params.to}.pdf`;
        return new Response(bytes.slice().buffer as ArrayBuffer, {
          headers: {
            'content-type': 'application/pdf',
            'content-disposition': `attachment; filename="${fileName}"`,
            'cache-control': 'private, no-store',
          },
        });
      },
    }),
  ];
}
