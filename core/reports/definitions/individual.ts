/**
 * @module reports/definitions/individual
 * One person's efficiency and sales next to the average per person of their unit
 * (the unit they belonged to at the end of the period; "per person" = people with a membership in
 * that unit overlapping the period). The line chart follows the person's sales volume (or count,
 * without `financial:read`) over the period against the unit's average.
 */
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { unitOfUser } from '../../org/index.ts';
import { GROUP_COLUMN, rate } from '../build.ts';
import { rollUp, type Figures, type Network } from '../dimension.ts';
import { bucketOf, bucketsOf } from '../period.ts';
import { mayRead, num } from '../sql-parts.ts';
import type { Cell, ReportColumn, ReportDefinition, ReportParams, ReportRow } from '../types.ts';
import { efficiencyCells, efficiencyColumns, efficiencyFigures, type EfficiencyOptions } from './efficiency.ts';
import { saleStands, salesAggregate, salesWhere } from './sales.ts';

async function peopleIn(ctx: Ctx, unitId: string, p: ReportParams): Promise<number> {
  const m = ctx.t.memberships;
  const [r] = await ctx.db
    .select({ n: sql<number>`count(distinct ${m.userId})` })
    .from(m)
    .where(
      and(eq(m.unitId, unitId), lt(m.validFrom, p.toInstant), or(isNull(m.validTo), gt(m.validTo, p.fromInstant))),
    );
  return Math.max(1, num(r?.n));
}

async function daily(ctx: Ctx, net: Network, p: ReportParams, money: boolean) {
  const s = ctx.t.sales;
  const rows = await ctx.db
    .select({ d: s.saleDate, v: money ? sql<number>`sum(${s.amountMinor})` : sql<number>`count(*)` })
    .from(s)
    .where(and(salesWhere(ctx, net, p), saleStands(ctx)))
    .groupBy(s.saleDate);
  const bucket = bucketOf(p.from, p.to);
  const out = new Map<string, number>();
  for (const r of rows) out.set(bucket(r.d), (out.get(bucket(r.d)) ?? 0) + num(r.v));
  return out;
}

const one = (rows: Figures[]) => rollUp(rows, () => 'x').get('x') ?? {};

/** @example const r = await runReport(ctx, { type: 'individual', userId: anna.id, period: 'quarter' }); */
export function createIndividualReport(options: EfficiencyOptions = {}): ReportDefinition {
  return {
    id: 'individual',
    title: { pl: 'Raport indywidualny', en: 'Individual report' },
    description: {
      pl: 'Efektywność i sprzedaż jednej osoby w czasie na tle średniej jej oddziału',
      en: "One person's efficiency and sales over time against their unit's average",
    },
    groupBys: ['firm'],
    needsUser: true,
    async run(ctx, p, net) {
      const money = mayRead(ctx, 'financial:read');
      const userId = p.userId!;
      const unitId = await unitOfUser(ctx, userId, new Date(p.toInstant.getTime() - 1));
      const person = { ...p, groupBy: 'advisor' as const, unitId: null };
      const unit = unitId ? { ...p, groupBy: 'branch' as const, unitId, userId: null } : null;
      const [mine, mineSales, theirs, theirSales, people, myLine, unitLine] = await Promise.all([
        efficiencyFigures(ctx, net, person, options),
        salesAggregate(ctx, net, person),
        unit ? efficiencyFigures(ctx, net, unit, options) : Promise.resolve([]),
        unit ? salesAggregate(ctx, net, unit) : Promise.resolve([]),
        unitId ? peopleIn(ctx, unitId, p) : Promise.resolve(1),
        daily(ctx, net, person, money),
        unit ? daily(ctx, net, unit, money) : Promise.resolve(new Map<string, number>()),
      ]);
      const me = one([...mine, ...mineSales.map(({ k, volume }) => ({ k, volume }))]);
      const all = one([...theirs, ...theirSales.map(({ k, volume }) => ({ k, volume }))]);
      const avg: Record<string, number> = {};
      for (const [k, v] of Object.entries(all)) avg[k] = Math.round((v / people) * 10) / 10;
      const [user] = await ctx.db
        .select({ name: ctx.t.users.name })
        .from(ctx.t.users)
        .where(eq(ctx.t.users.id, userId));
      const unitName = unitId ? (net.units.get(unitId)?.name ?? unitId) : '-';
      const base = efficiencyColumns('advisor').map((c) =>
        c.key === 'group' ? { ...GROUP_COLUMN, label: { pl: 'Kto', en: 'Who' } } : c,
      );
      const columns: ReportColumn[] = money
        ? [
            ...base.slice(0, 7),
            { key: 'volume', label: { pl: 'Wolumen', en: 'Volume' }, type: 'money' },
            ...base.slice(7),
          ]
        : base;
      const cells = (g: Record<string, number>, averaged: boolean): Record<string, Cell> => ({
        ...efficiencyCells(g),
        ...(averaged ? { conversion: rate(all.sales ?? 0, all.leads ?? 0) } : {}),
        ...(money ? { volume: averaged ? Math.round(g.volume ?? 0) : (g.volume ?? 0) } : {}),
      });
      const rows: ReportRow[] = [
        {
          key: userId,
          label: { pl: user?.name ?? userId, en: user?.name ?? userId },
          cells: { group: user?.name ?? userId, ...cells(me, false) },
        },
        {
          key: unitId ?? '-',
          label: { pl: `Średnia na osobę: ${unitName}`, en: `Average per person: ${unitName}` },
          cells: { group: `Średnia na osobę: ${unitName}`, ...cells(avg, true) },
        },
      ];
      const buckets = bucketsOf(p.from, p.to);
      const title = money
        ? { pl: 'Wolumen sprzedaży', en: 'Sales volume' }
        : { pl: 'Liczba sprzedaży', en: 'Number of sales' };
      return {
        table: { columns, rows, totals: {} },
        charts: [
          {
            kind: 'line',
            title: { pl: `${title.pl} w czasie`, en: `${title.en} over time` },
            type: money ? 'money' : 'number',
            categories: buckets.map((b) => ({ key: b, label: { pl: b, en: b } })),
            series: [
              {
                key: 'person',
                label: { pl: user?.name ?? '', en: user?.name ?? '' },
                values: buckets.map((b) => myLine.get(b) ?? 0),
              },
              {
                key: 'unitAverage',
                label: { pl: 'Średnia oddziału', en: 'Unit average' },
                values: buckets.map((b) => Math.round((unitLine.get(b) ?? 0) / people)),
              },
            ],
          },
        ],
      };
    },
  };
}

export const individualReport = createIndividualReport();
