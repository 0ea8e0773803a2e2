/**
 * @module reports/definitions/sales
 * Sales: count and volume per group, average ticket, withdrawn sales, and commission totals per
 * ledger net of clawbacks. A sale counts when it stands: active, or cancelled by early repayment
 * (the loan was paid out; only part of the commission is clawed back). A sale withdrawn by the
 * client or rejected by the provider is not a sale: it is counted in "withdrawn" only, and its
 * commission lines net to 0 with their storno. Sales are attributed by sale date to the unit the
 * advisor belonged to that day (dated memberships), as recorded on the sale.
 * Volume needs `financial:read`, commissions `commissions:read`: without them the columns are absent.
 */
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { scopeCondition } from '../../access/index.ts';
import { saleStands } from '../../workflow/index.ts';
import type { Ctx } from '../../context.ts';
import { groupColumn, tableOf } from '../build.ts';
import { rollUp, unitKey, unitLevels, type Figures, type Network } from '../dimension.ts';
import { bucketOf, bucketsOf } from '../period.ts';
import { drillFilter, mayRead, num, reportScope } from '../sql-parts.ts';
import type { GroupBy, ReportChart, ReportColumn, ReportDefinition, ReportParams } from '../types.ts';

const ledgers = ['firm', 'advisor', 'partner', 'unit'] as const;
const ledgerLabel = {
  firm: { pl: 'Prowizja firmy', en: 'Firm commission' },
  advisor: { pl: 'Prowizja doradców', en: 'Advisor commission' },
  partner: { pl: 'Prowizja partnerów', en: 'Partner commission' },
  unit: { pl: 'Prowizja oddziałów', en: 'Unit commission' },
};

/** The SQL condition "this sale stands" (see the module note) lives in workflow, which counts sales too. */
export { saleStands };

/** The column a group-by reads on the sales table (source comes from the client). */
function keyColumn(ctx: Ctx, g: GroupBy) {
  const s = ctx.t.sales;
  if (g === 'advisor') return s.advisorId;
  if (unitLevels.includes(g)) return s.unitId;
  if (g === 'product') return s.product;
  if (g === 'provider') return s.provider;
  if (g === 'category') return s.productCategory;
  if (g === 'partner') return s.partnerId;
  return ctx.t.clients.source;
}

/** The WHERE of every sales query: scope, sale dates, drill-down. */
export function salesWhere(ctx: Ctx, net: Network, p: ReportParams): SQL | undefined {
  const s = ctx.t.sales;
  return and(
    reportScope(ctx, { owner: s.advisorId, unit: s.unitId, partner: s.partnerId }),
    gte(s.saleDate, p.from),
    lte(s.saleDate, p.to),
    ...drillFilter(net, p, s.unitId, s.advisorId),
  );
}

/**
 * The sales aggregate: one grouped query (count, volume, withdrawn) by the group-by's column and
 * the sale date, so the same scan gives the table and the chart over time (a quarter by 40 branches
 * is 3,640 rows at most). Exported for the individual report.
 */
export async function salesAggregate(ctx: Ctx, net: Network, p: ReportParams) {
  const s = ctx.t.sales;
  const stands = saleStands(ctx);
  const k = keyColumn(ctx, p.groupBy);
  const q = ctx.db
    .select({
      k: sql<string | null>`${k}`,
      n: sql<number>`sum(case when ${stands} then 1 else 0 end)`,
      volume: sql<number>`sum(case when ${stands} then ${s.amountMinor} else 0 end)`,
      withdrawn: sql<number>`sum(case when ${stands} then 0 else 1 end)`,
      d: s.saleDate,
    })
    .from(s);
  const rows = await (p.groupBy === 'source' ? q.innerJoin(ctx.t.clients, eq(ctx.t.clients.id, s.clientId)) : q)
    .where(salesWhere(ctx, net, p))
    .groupBy(k, s.saleDate);
  return rows.map((r) => ({ k: r.k, d: r.d, n: num(r.n), volume: num(r.volume), withdrawn: num(r.withdrawn) }));
}

async function commissionAggregate(ctx: Ctx, net: Network, p: ReportParams) {
  const s = ctx.t.sales;
  const l = ctx.t.commissionLines;
  const k = keyColumn(ctx, p.groupBy);
  const q = ctx.db
    .select({ k: sql<string | null>`${k}`, ledger: l.ledger, amount: sql<number>`sum(${l.amountMinor})` })
    .from(l)
    .innerJoin(s, eq(s.id, l.saleId));
  const rows = await (p.groupBy === 'source' ? q.innerJoin(ctx.t.clients, eq(ctx.t.clients.id, s.clientId)) : q)
    .where(
      and(
        salesWhere(ctx, net, p),
        scopeCondition(ctx.actor, 'commissions:read', { owner: l.ownerId, unit: l.unitId, partner: l.partnerId }),
      ),
    )
    .groupBy(k, l.ledger);
  return rows.map((r): Figures => ({ k: r.k, [`c_${r.ledger}`]: num(r.amount) }));
}

export const salesReport: ReportDefinition = {
  id: 'sales',
  title: { pl: 'Sprzedaż', en: 'Sales' },
  description: {
    pl: 'Liczba i wolumen sprzedaży, średni bilet, prowizje według rejestrów (po odstąpieniach i zwrotach)',
    en: 'Sales count and volume, average ticket, commissions per ledger (net of withdrawals and clawbacks)',
  },
  groupBys: [
    'region',
    'branch',
    'advisor',
    'firm',
    'branch-type',
    'product',
    'provider',
    'category',
    'source',
    'partner',
  ],
  async run(ctx, p, net) {
    const money = mayRead(ctx, 'financial:read');
    const commissions = mayRead(ctx, 'commissions:read');
    const [agg, lines] = await Promise.all([
      salesAggregate(ctx, net, p),
      commissions ? commissionAggregate(ctx, net, p) : Promise.resolve([]),
    ]);
    const keyOf = unitLevels.includes(p.groupBy)
      ? (k: string | null) => unitKey(net, p.groupBy, k)
      : (k: string | null) => k;
    const groups = rollUp([...agg.map(({ d: _d, ...figures }) => figures), ...lines], keyOf);
    const columns: ReportColumn[] = [
      groupColumn(p.groupBy),
      { key: 'sales', label: { pl: 'Sprzedaże', en: 'Sales' }, type: 'number' },
      ...(money
        ? ([
            { key: 'volume', label: { pl: 'Wolumen', en: 'Volume' }, type: 'money' },
            { key: 'avgTicket', label: { pl: 'Średni bilet', en: 'Average ticket' }, type: 'money' },
          ] as ReportColumn[])
        : []),
      { key: 'withdrawn', label: { pl: 'Odstąpienia i odrzucenia', en: 'Withdrawn or rejected' }, type: 'number' },
      ...(commissions
        ? ledgers.map((l) => ({ key: `commission_${l}`, label: ledgerLabel[l], type: 'money' as const }))
        : []),
    ];
    const table = await tableOf(ctx, net, p.groupBy, columns, groups, (g) => ({
      sales: g.n ?? 0,
      ...(money ? { volume: g.volume ?? 0, avgTicket: g.n ? Math.round((g.volume ?? 0) / g.n) : null } : {}),
      withdrawn: g.withdrawn ?? 0,
      ...(commissions ? Object.fromEntries(ledgers.map((l) => [`commission_${l}`, g[`c_${l}`] ?? 0])) : {}),
    }));
    const metric = money ? 'volume' : 'sales';
    const bucket = bucketOf(p.from, p.to);
    const buckets = bucketsOf(p.from, p.to);
    const perBucket = new Map<string, number>();
    for (const r of agg) perBucket.set(bucket(r.d), (perBucket.get(bucket(r.d)) ?? 0) + (money ? r.volume : r.n));
    const title = money
      ? { pl: 'Wolumen sprzedaży', en: 'Sales volume' }
      : { pl: 'Liczba sprzedaży', en: 'Number of sales' };
    const charts: ReportChart[] = [
      {
        kind: 'bar',
        title,
        type: money ? 'money' : 'number',
        categories: table.rows.map((r) => ({ key: r.key, label: r.label })),
        series: [{ key: metric, label: title, values: table.rows.map((r) => Number(r.cells[metric] ?? 0)) }],
      },
      {
        kind: 'line',
        title: { pl: `${title.pl} w czasie`, en: `${title.en} over time` },
        type: money ? 'money' : 'number',
        categories: buckets.map((b) => ({ key: b, label: { pl: b, en: b } })),
        series: [{ key: metric, label: title, values: buckets.map((b) => perBucket.get(b) ?? 0) }],
      },
    ];
    return { table: { columns: table.columns, rows: table.rows, totals: table.totals }, charts };
  },
};
