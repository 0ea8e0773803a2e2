/**
 * @module reports/definitions/pipeline
 * The pipeline: clients per status now (per group), stalled clients (open, no status change or
 * contact for `stalledDays`), the flow between statuses in the period, and the average time spent
 * in each status for stays that ended in the period (a window function over the status history of
 * the clients in scope, on both engines).
 */
import { and, eq, gte, isNotNull, lt, notExists, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { addLocalDays } from '../../time/index.ts';
import { groupColumn, tableOf } from '../build.ts';
import { rollUp, unitKey, unitLevels, type Figures, type Network } from '../dimension.ts';
import { drillFilter, num, reportScope } from '../sql-parts.ts';
import type { GroupBy, Label, ReportColumn, ReportDefinition, ReportParams } from '../types.ts';

type Statuses = Record<string, { label: Label; terminal?: boolean }>;

function clientKey(ctx: Ctx, g: GroupBy) {
  const c = ctx.t.clients;
  if (g === 'advisor') return c.ownerId;
  if (g === 'source') return c.source;
  if (g === 'partner') return c.partnerId;
  return c.unitId;
}

function clientWhere(ctx: Ctx, net: Network, p: ReportParams): SQL | undefined {
  const c = ctx.t.clients;
  return and(
    reportScope(ctx, { owner: c.ownerId, unit: c.unitId, partner: c.partnerId }),
    ...drillFilter(net, p, c.unitId, c.ownerId),
  );
}

/** Clients per (group, status) now, and stalled open clients per group. */
async function nowFigures(ctx: Ctx, net: Network, p: ReportParams, statuses: Statuses) {
  const { t } = ctx;
  const c = t.clients;
  const k = clientKey(ctx, p.groupBy);
  const terminal = Object.keys(statuses).filter((s) => statuses[s]!.terminal);
  const cutoff = addLocalDays(ctx.clock.now(), -p.stalledDays, ctx.config.firm.timeZone);
  const [perStatus, stalled] = await Promise.all([
    ctx.db
      .select({ k: sql<string | null>`${k}`, status: c.status, n: sql<number>`count(*)` })
      .from(c)
      .where(clientWhere(ctx, net, p))
      .groupBy(k, c.status),
    ctx.db
      .select({ k: sql<string | null>`${k}`, n: sql<number>`count(*)` })
      .from(c)
      .where(
        and(
          clientWhere(ctx, net, p),
          terminal.length ? notInArray(c.status, terminal) : undefined,
          lt(c.createdAt, cutoff),
          notExists(
            ctx.db
              .select({ one: sql`1` })
              .from(t.activities)
              .where(and(eq(t.activities.clientId, c.id), gte(t.activities.at, cutoff))),
          ),
          notExists(
            ctx.db
              .select({ one: sql`1` })
              .from(t.statusHistory)
              .where(and(eq(t.statusHistory.clientId, c.id), gte(t.statusHistory.at, cutoff))),
          ),
        ),
      )
      .groupBy(k),
  ]);
  return [
    ...perStatus.map((r): Figures => ({ k: r.k, [`s_${r.status}`]: num(r.n) })),
    ...stalled.map((r): Figures => ({ k: r.k, stalled: num(r.n) })),
  ];
}

/** Moves between statuses in the period (scoped by who moved and where). */
async function flow(ctx: Ctx, net: Network, p: ReportParams) {
  const h = ctx.t.statusHistory;
  const rows = await ctx.db
    .select({ from: h.fromStatus, to: h.toStatus, n: sql<number>`count(*)` })
    .from(h)
    .where(
      and(
        reportScope(ctx, { owner: h.actorId, unit: h.unitId }),
        isNotNull(h.fromStatus),
        gte(h.at, p.fromInstant),
        lt(h.at, p.toInstant),
        ...drillFilter(net, p, h.unitId, h.actorId),
      ),
    )
    .groupBy(h.fromStatus, h.toStatus);
  return rows
    .map((r) => ({ from: r.from!, to: r.to, n: num(r.n) }))
    .sort((a, b) => b.n - a.n || `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`));
}

/** Average days in each status, for stays that ended in the period (clients in scope). */
async function timeInStatus(ctx: Ctx, net: Network, p: ReportParams) {
  const { t } = ctx;
  const h = t.statusHistory;
  const pg = ctx.database.dialect === 'postgres';
  const x = ctx.db
    .select({
      status: sql<string>`${h.toStatus}`.as('stay_status'),
      at: sql`${h.at}`.as('stay_at'),
      nextAt: sql`lead(${h.at}) over (partition by ${h.clientId} order by ${h.at}, ${h.id})`.as('stay_next'),
    })
    .from(h)
    .innerJoin(t.clients, eq(t.clients.id, h.clientId))
    .where(and(clientWhere(ctx, net, p), lt(h.at, p.toInstant)))
    .as('stays');
  const bound = (d: Date) => (pg ? sql`${d.toISOString()}::timestamptz` : sql`${d.getTime()}`);
  const days = pg
    ? sql`avg(extract(epoch from (${x.nextAt} - ${x.at})) / 86400.0)`
    : sql`avg((${x.nextAt} - ${x.at}) / 86400000.0)`;
  const rows = await ctx.db
    .select({ status: x.status, n: sql<number>`count(*)`, days: sql<number>`${days}` })
    .from(x)
    .where(and(sql`${x.nextAt} >= ${bound(p.fromInstant)}`, sql`${x.nextAt} < ${bound(p.toInstant)}`))
    .groupBy(sql`${x.status}`);
  return rows.map((r) => ({ status: r.status, n: num(r.n), days: Math.round(num(r.days) * 10) / 10 }));
}

export const pipelineReport: ReportDefinition = {
  id: 'pipeline',
  title: { pl: 'Lejek klientów', en: 'Pipeline' },
  description: {
    pl: 'Klienci według statusu teraz, zastoje, przepływ między statusami i czas w statusie',
    en: 'Clients per status now, stalled clients, flow between statuses and time in status',
  },
  groupBys: ['branch', 'region', 'advisor', 'firm', 'branch-type', 'source', 'partner'],
  async run(ctx, p, net) {
    const statuses = ctx.config.workflow.statuses as Statuses;
    const ids = Object.keys(statuses);
    const [now, moves, stays] = await Promise.all([
      nowFigures(ctx, net, p, statuses),
      flow(ctx, net, p),
      timeInStatus(ctx, net, p),
    ]);
    const keyOf = unitLevels.includes(p.groupBy)
      ? (k: string | null) => unitKey(net, p.groupBy, k)
      : (k: string | null) => k;
    const groups = rollUp(now, keyOf);
    const columns: ReportColumn[] = [
      groupColumn(p.groupBy),
      ...ids.map((s) => ({ key: `s_${s}`, label: statuses[s]!.label, type: 'number' as const })),
      { key: 'total', label: { pl: 'Razem', en: 'Total' }, type: 'number' },
      {
        key: 'stalled',
        label: { pl: `Bez ruchu ${p.stalledDays} dni`, en: `Stalled ${p.stalledDays} days` },
        type: 'number',
      },
    ];
    const table = await tableOf(ctx, net, p.groupBy, columns, groups, (g) => ({
      ...Object.fromEntries(ids.map((s) => [`s_${s}`, g[`s_${s}`] ?? 0])),
      total: ids.reduce((a, s) => a + (g[`s_${s}`] ?? 0), 0),
      stalled: g.stalled ?? 0,
    }));
    const label = (s: string) => statuses[s]?.label ?? { pl: s, en: s };
    return {
      table: { columns: table.columns, rows: table.rows, totals: table.totals },
      charts: [
        {
          kind: 'bar',
          title: { pl: 'Klienci według statusu', en: 'Clients per status' },
          type: 'number',
          categories: ids.map((s) => ({ key: s, label: label(s) })),
          series: [
            {
              key: 'clients',
              label: { pl: 'Klienci', en: 'Clients' },
              values: ids.map((s) => Number(table.totals[`s_${s}`] ?? 0)),
            },
          ],
        },
        {
          kind: 'bar',
          title: { pl: 'Przepływ między statusami w okresie', en: 'Moves between statuses in the period' },
          type: 'number',
          categories: moves.map((m) => ({
            key: `${m.from}>${m.to}`,
            label: { pl: `${label(m.from).pl} → ${label(m.to).pl}`, en: `${label(m.from).en} → ${label(m.to).en}` },
          })),
          series: [{ key: 'moves', label: { pl: 'Przejścia', en: 'Moves' }, values: moves.map((m) => m.n) }],
        },
        {
          kind: 'bar',
          title: { pl: 'Średni czas w statusie (dni)', en: 'Average time in status (days)' },
          type: 'number',
          categories: stays.map((s) => ({ key: s.status, label: label(s.status) })),
          series: [{ key: 'days', label: { pl: 'Dni', en: 'Days' }, values: stays.map((s) => s.days) }],
        },
      ],
    };
  },
};
