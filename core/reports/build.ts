/**
 * @module reports/build
 * Assembles a report table from grouped figures: labels, drill-down targets, totals.
 */
import { drillOf, labelsFor, type Network } from './dimension.ts';
import type { Cell, GroupBy, Label, ReportColumn, ReportRow, ReportTable } from './types.ts';
import type { Ctx } from '../context.ts';

export const GROUP_COLUMN: ReportColumn = { key: 'group', label: { pl: 'Grupa', en: 'Group' }, type: 'text' };

const groupLabels: Record<GroupBy, Label> = {
  advisor: { pl: 'Doradca', en: 'Advisor' },
  branch: { pl: 'Oddział', en: 'Branch' },
  region: { pl: 'Region', en: 'Region' },
  firm: { pl: 'Firma', en: 'Firm' },
  'branch-type': { pl: 'Typ oddziału', en: 'Branch type' },
  product: { pl: 'Produkt', en: 'Product' },
  provider: { pl: 'Dostawca', en: 'Provider' },
  category: { pl: 'Kategoria', en: 'Category' },
  source: { pl: 'Źródło', en: 'Source' },
  partner: { pl: 'Partner', en: 'Partner' },
};
export const groupColumn = (g: GroupBy): ReportColumn => ({ ...GROUP_COLUMN, label: groupLabels[g] });

/** A rate as a fraction rounded to 4 places (0.3333), or null when the base is 0. */
export const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : null);

/**
 * Rows from grouped figures. `cellsOf` maps one group's sums to its cells; totals sum the money and
 * number columns, and `totalsOf` may add rates computed from the summed figures.
 */
export async function tableOf(
  ctx: Ctx,
  net: Network,
  groupBy: GroupBy,
  columns: ReportColumn[],
  groups: Map<string, Record<string, number>>,
  cellsOf: (g: Record<string, number>) => Record<string, Cell>,
  lang: 'pl' | 'en' = 'pl',
): Promise<ReportTable & { labels: Map<string, Label> }> {
  const labels = await labelsFor(ctx, net, groupBy, [...groups.keys()]);
  const rows: ReportRow[] = [...groups.entries()].map(([key, g]) => {
    const drill = drillOf(groupBy, key);
    const label = labels.get(key)!;
    return { key, label, ...(drill ? { drill } : {}), cells: { group: label[lang], ...cellsOf(g) } };
  });
  rows.sort((a, b) =>
    a.key === '-' ? 1 : b.key === '-' ? -1 : String(a.cells.group).localeCompare(String(b.cells.group), 'pl'),
  );
  const sum: Record<string, number> = {};
  for (const g of groups.values()) for (const [k, v] of Object.entries(g)) sum[k] = (sum[k] ?? 0) + v;
  const totalCells = cellsOf(sum);
  const totals: Record<string, Cell> = { group: lang === 'pl' ? 'Razem' : 'Total' };
  for (const c of columns) if (c.key !== 'group') totals[c.key] = totalCells[c.key] ?? null;
  return { columns, rows, totals, labels };
}
