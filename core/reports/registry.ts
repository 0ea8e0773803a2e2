/**
 * @module reports/registry
 * The report types as data: the four built-in definitions plus any a firm adds, from a plugin's
 * `reports` slot or by passing definitions here. An id can be taken once: a second definition with
 * the same id fails at start-up, naming it.
 */
import type { Ctx } from '../context.ts';
import { efficiencyReport } from './definitions/efficiency.ts';
import { individualReport } from './definitions/individual.ts';
import { pipelineReport } from './definitions/pipeline.ts';
import { salesReport } from './definitions/sales.ts';
import type { ReportDefinition } from './types.ts';

export const builtInReports: readonly ReportDefinition[] = [
  pipelineReport,
  efficiencyReport,
  salesReport,
  individualReport,
];

export interface ReportRegistry {
  get(id: string): ReportDefinition | undefined;
  list(): ReportDefinition[];
}

/**
 * @example
 * const registry = createReportRegistry([myReport]); // built-ins + myReport
 * registry.get('sales')?.title.pl // 'Sprzedaż'
 */
export function createReportRegistry(extra: readonly ReportDefinition[] = [], replace = false): ReportRegistry {
  const map = new Map<string, ReportDefinition>();
  for (const d of replace ? extra : [...builtInReports, ...extra]) {
    if (map.has(d.id) && !builtInReports.includes(map.get(d.id)!))
      throw new Error(`Two report definitions have the id "${d.id}"`);
    map.set(d.id, d);
  }
  return { get: (id) => map.get(id), list: () => [...map.values()] };
}

const cache = new WeakMap<object, ReportRegistry>();

/** The registry of a CRM instance: built-ins plus the plugins' `reports` (a plugin may replace a built-in). */
export function reportsOf(ctx: Ctx): ReportRegistry {
  let r = cache.get(ctx.plugins);
  if (!r) {
    const extra = ctx.plugins.plugins.flatMap((p) => Object.values(p.reports ?? {}));
    cache.set(ctx.plugins, (r = createReportRegistry(extra)));
  }
  return r;
}
