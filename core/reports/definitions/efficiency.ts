/**
 * @module reports/definitions/efficiency
 * Efficiency per advisor or unit: leads (clients created in the period) → meetings held →
 * applications filed → sales, the lead-to-sale conversion, meetings held vs no-shows (calendar
 * outcomes) and contacts recorded. Each figure is one grouped query on its own table, attributed
 * to the person and unit written on the row when the work was done.
 */
import { and, eq, gte, inArray, lt, ne, sql, type Column, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { groupColumn, rate, tableOf } from '../build.ts';
import { rollUp, unitKey, unitLevels, type Figures, type Network } from '../dimension.ts';
import { drillFilter, num, reportScope } from '../sql-parts.ts';
import type { GroupBy, ReportColumn, ReportDefinition, ReportParams } from '../types.ts';
import { saleStands, salesWhere } from './sales.ts';

export interface EfficiencyOptions {
  /** Statuses that mean "an application was filed" (default: `application-filed`). */
  applicationStatuses?: string[];
}

type Row = Figures;

async function grouped(
  ctx: Ctx,
  net: Network,
  p: ReportParams,
  table: any, // any: drizzle's union of table types is not nameable here; each caller passes one table
  cols: { person: Column; unit: Column; partner?: Column; at: Column },
  fields: Record<string, SQL>,
  extra: (SQL | undefined)[],
): Promise<Row[]> {
  const k = p.groupBy === 'advisor' ? cols.person : cols.unit;
  const rows = await ctx.db
    .select({ k: sql<string | null>`${k}`, ...fields })
    .from(table)
    .where(
      and(
        reportScope(ctx, { owner: cols.person, unit: cols.unit, ...(cols.partner ? { partner: cols.partner } : {}) }),
        gte(cols.at, p.fromInstant),
        lt(cols.at, p.toInstant),
        ...drillFilter(net, p, cols.unit, cols.person),
        ...extra,
      ),
    )
    .groupBy(sql`${k}`);
  return rows.map((r) => {
    const o: Row = { k: r.k as string | null };
    for (const f of Object.keys(fields)) o[f] = num((r as Record<string, unknown>)[f]);
    return o;
  });
}

/** The five grouped figures of the efficiency report (shared with the individual report). */
export async function efficiencyFigures(ctx: Ctx, net: Network, p: ReportParams, options: EfficiencyOptions = {}) {
  const { t } = ctx;
  const apps = options.applicationStatuses ?? ['application-filed'];
  const c = t.clients;
  const m = t.calendarItems;
  const h = t.statusHistory;
  const a = t.activities;
  const s = t.sales;
  const saleKey = p.groupBy === 'advisor' ? s.advisorId : s.unitId;
  const [leads, meetings, applications, sales, activities] = await Promise.all([
    grouped(
      ctx,
      net,
      p,
      c,
      { person: c.ownerId, unit: c.unitId, partner: c.partnerId, at: c.createdAt },
      { leads: sql`count(*)` },
      [],
    ),
    grouped(
      ctx,
      net,
      p,
      m,
      { person: m.assigneeId, unit: m.unitId, at: m.startAt },
      {
        meetings: sql`count(*)`,
        held: sql`sum(case when ${m.outcome} = 'held' then 1 else 0 end)`,
        noShows: sql`sum(case when ${m.outcome} = 'no-show' then 1 else 0 end)`,
      },
      [eq(m.kind, 'meeting'), ne(m.status, 'cancelled')],
    ),
    grouped(ctx, net, p, h, { person: h.actorId, unit: h.unitId, at: h.at }, { applications: sql`count(*)` }, [
      inArray(h.toStatus, apps.length ? apps : ['']),
    ]),
    ctx.db
      .select({ k: sql<string | null>`${saleKey}`, sales: sql<number>`count(*)` })
      .from(s)
      .where(and(salesWhere(ctx, net, p), saleStands(ctx)))
      .groupBy(saleKey)
      .then((rows) => rows.map((r): Row => ({ k: r.k, sales: num(r.sales) }))),
    grouped(ctx, net, p, a, { person: a.actorId, unit: a.unitId, at: a.at }, { activities: sql`count(*)` }, []),
  ]);
  return [...leads, ...meetings, ...applications, ...sales, ...activities];
}

export const efficiencyColumns = (g: GroupBy): ReportColumn[] => [
  groupColumn(g),
  { key: 'leads', label: { pl: 'Leady', en: 'Leads' }, type: 'number' },
  { key: 'meetings', label: { pl: 'Spotkania', en: 'Meetings' }, type: 'number' },
  { key: 'held', label: { pl: 'Odbyte', en: 'Held' }, type: 'number' },
  { key: 'noShows', label: { pl: 'Nieobecności', en: 'No-shows' }, type: 'number' },
  { key: 'applications', label: { pl: 'Wnioski', en: 'Applications' }, type: 'number' },
  { key: 'sales', label: { pl: 'Sprzedaże', en: 'Sales' }, type: 'number' },
  { key: 'conversion', label: { pl: 'Konwersja lead → sprzedaż', en: 'Lead → sale conversion' }, type: 'percent' },
  { key: 'activities', label: { pl: 'Kontakty', en: 'Contacts' }, type: 'number' },
];

export const efficiencyCells = (g: Record<string, number>) => ({
  leads: g.leads ?? 0,
  meetings: g.meetings ?? 0,
  held: g.held ?? 0,
  noShows: g.noShows ?? 0,
  applications: g.applications ?? 0,
  sales: g.sales ?? 0,
  conversion: rate(g.sales ?? 0, g.leads ?? 0),
  activities: g.activities ?? 0,
});

/**
 * @example
 * const registry = createReportRegistry([createEfficiencyReport({ applicationStatuses: ['wniosek'] })]);
 */
export function createEfficiencyReport(options: EfficiencyOptions = {}): ReportDefinition {
  return {
    id: 'efficiency',
    title: { pl: 'Efektywność', en: 'Efficiency' },
    description: {
      pl: 'Leady → spotkania → wnioski → sprzedaże, spotkania odbyte i nieobecności, kontakty',
      en: 'Leads → meetings → applications → sales, meetings held and no-shows, contacts',
    },
    groupBys: ['advisor', 'branch', 'region', 'firm', 'branch-type'],
    async run(ctx, p, net) {
      const rows = await efficiencyFigures(ctx, net, p, options);
      const keyOf = unitLevels.includes(p.groupBy)
        ? (k: string | null) => unitKey(net, p.groupBy, k)
        : (k: string | null) => k;
      const groups = rollUp(rows, keyOf);
      const table = await tableOf(ctx, net, p.groupBy, efficiencyColumns(p.groupBy), groups, efficiencyCells);
      const tot = table.totals;
      const steps = [
        ['leads', { pl: 'Leady', en: 'Leads' }],
        ['held', { pl: 'Spotkania odbyte', en: 'Meetings held' }],
        ['applications', { pl: 'Wnioski', en: 'Applications' }],
        ['sales', { pl: 'Sprzedaże', en: 'Sales' }],
      ] as const;
      const cats = table.rows.map((r) => ({ key: r.key, label: r.label }));
      return {
        table: { columns: table.columns, rows: table.rows, totals: table.totals },
        charts: [
          {
            kind: 'funnel',
            title: { pl: 'Lejek sprzedaży', en: 'Sales funnel' },
            type: 'number',
            categories: steps.map(([key, label]) => ({ key, label })),
            series: [
              { key: 'count', label: { pl: 'Liczba', en: 'Count' }, values: steps.map(([k]) => Number(tot[k] ?? 0)) },
            ],
          },
          {
            kind: 'bar',
            title: { pl: 'Spotkania: odbyte i nieobecności', en: 'Meetings: held and no-shows' },
            type: 'number',
            categories: cats,
            series: [
              { key: 'held', label: { pl: 'Odbyte', en: 'Held' }, values: table.rows.map((r) => Number(r.cells.held)) },
              {
                key: 'noShows',
                label: { pl: 'Nieobecności', en: 'No-shows' },
                values: table.rows.map((r) => Number(r.cells.noShows)),
              },
            ],
          },
        ],
      };
    },
  };
}

export const efficiencyReport = createEfficiencyReport();
