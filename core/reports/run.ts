/**
 * @module reports/run
 * Running a report: resolve the type from the registry, validate the parameters, run the
 * definition, and (when asked) run it again for the previous period to compare totals.
 */
import type { Ctx } from '../context.ts';
import { invalid } from '../errors.ts';
import { loadNetwork } from './dimension.ts';
import { resolveParams, type ReportInput } from './params.ts';
import { instantsOf, previousRange } from './period.ts';
import { reportsOf } from './registry.ts';
import type { ReportResult } from './types.ts';

/**
 * @example
 * const r = await runReport(ctx, { type: 'sales', groupBy: 'region', period: 'quarter', at: '2026-05-14',
 *   compare: true });
 * r.table.rows[0] // { key, label: { pl: 'Region Północ', … }, drill: { groupBy: 'branch', unitId },
 *   // cells: { sales: 12, volume: 540000000, … } }
 * r.previous?.totals.sales // the same figure for the quarter before
 */
export async function runReport(ctx: Ctx, input: ReportInput): Promise<ReportResult> {
  const registry = reportsOf(ctx);
  const def = registry.get(input.type ?? '');
  if (!def)
    throw invalid(`Unknown report type ${JSON.stringify(input.type ?? '')}`, [
      {
        path: '/type',
        message: `must be one of ${registry
          .list()
          .map((d) => d.id)
          .join(', ')}`,
      },
    ]);
  const net = await loadNetwork(ctx);
  const p = resolveParams(ctx, net, def, input);
  const prev = p.compare ? previousRange(p.period, p) : null;
  const [out, before] = await Promise.all([
    def.run(ctx, p, net),
    prev ? def.run(ctx, { ...p, ...prev, ...instantsOf(prev, ctx.config.firm.timeZone) }, net) : null,
  ]);
  const { fromInstant: _f, toInstant: _t, ...shown } = p;
  return {
    type: def.id,
    title: def.title,
    params: { ...shown, previous: prev },
    table: out.table,
    charts: out.charts,
    previous: before ? { totals: before.table.totals } : null,
  };
}

/** The report types a caller may run, for a picker. */
export function listReportTypes(ctx: Ctx) {
  return reportsOf(ctx)
    .list()
    .map((d) => ({
      id: d.id,
      title: d.title,
      description: d.description,
      groupBys: d.groupBys,
      needsUser: !!d.needsUser,
    }));
}
