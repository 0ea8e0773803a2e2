/**
 * Report types are data: a plugin adds one (scoped like the built-ins, listed by the API, run by
 * `runReport`), a second definition with a taken id fails at start-up, and a firm replaces the
 * efficiency report's notion of "application" by registering its own definition.
 */
import { and, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { scopeCondition } from '../core/access/scope.ts';
import { createCrm } from '../core/crm.ts';
import { definePlugin } from '../core/plugin/index.ts';
import {
  createEfficiencyReport,
  createReportRegistry,
  listReportTypes,
  runReport,
  type ReportDefinition,
} from '../core/reports/index.ts';
import { describeEngines } from './engines.ts';
import { reportsFirm, type ReportsFirm } from './fixtures/reports-firm.ts';
import { demoConfig } from './fixtures/small-firm.ts';

/** A firm's own report: sales of each product category, as a share of all standing sales. */
const categoryShare: ReportDefinition = {
  id: 'category-share',
  title: { pl: 'Udział kategorii', en: 'Category share' },
  description: { pl: 'Udział kategorii produktów w sprzedaży', en: 'Share of product categories in sales' },
  groupBys: ['category'],
  async run(ctx, p) {
    const s = ctx.t.sales;
    const rows = await ctx.db
      .select({ k: s.productCategory, n: sql<number>`count(*)` })
      .from(s)
      .where(
        and(
          scopeCondition(ctx.actor, 'reports:read', { owner: s.advisorId, unit: s.unitId, partner: s.partnerId }),
          sql`${s.saleDate} between ${p.from} and ${p.to} and ${s.status} = 'active'`,
        ),
      )
      .groupBy(s.productCategory);
    const all = rows.reduce((a, r) => a + Number(r.n), 0);
    return {
      table: {
        columns: [
          { key: 'group', label: { pl: 'Kategoria', en: 'Category' }, type: 'text' },
          { key: 'share', label: { pl: 'Udział', en: 'Share' }, type: 'percent' },
        ],
        rows: rows.map((r) => ({
          key: r.k ?? '-',
          label: { pl: r.k ?? '-', en: r.k ?? '-' },
          cells: { group: r.k ?? '-', share: Number(r.n) / all },
        })),
        totals: {},
      },
      charts: [],
    };
  },
};

describeEngines('reports: the registry', (database) => {
  let f: ReportsFirm;
  beforeAll(async () => {
    f = await reportsFirm(database());
  });

  it('a plugin adds a report type that runs in the same scope as the built-ins', async () => {
    const crm = await createCrm({
      config: demoConfig(),
      database: database(),
      clock: f.clock,
      plugins: [definePlugin({ name: 'report-category-share', reports: { 'category-share': categoryShare } })],
    });
    const sys = crm.system('test');
    expect(listReportTypes(sys).map((t) => t.id)).toEqual([
      'pipeline',
      'efficiency',
      'sales',
      'individual',
      'category-share',
    ]);
    const r = await runReport(sys, { type: 'category-share', period: 'month', at: '2026-03-15' });
    // Active sales in March: S1, S2, S3 (mortgages); S5 (cash loan) was repaid early and is cancelled.
    expect(Object.fromEntries(r.table.rows.map((x) => [x.key, x.cells.share]))).toEqual({ mortgage: 1 });
    const ewa = await crm.asUser(f.users.ewa.id);
    const own = await runReport(ewa, { type: 'category-share', period: 'month', at: '2026-03-15' });
    expect(own.table.rows).toEqual([]); // Ewa's only sale was withdrawn
    await expect(runReport(sys, { type: 'category-share', groupBy: 'region' })).rejects.toMatchObject({
      status: 422,
      details: { problems: [{ path: '/groupBy' }] },
    });
  });

  it('a second definition with a taken id fails at start-up, naming it', () => {
    expect(() => createReportRegistry([categoryShare, categoryShare])).toThrow(/"category-share"/);
  });

  it("a firm's own efficiency definition counts its own application statuses", async () => {
    const crm = await createCrm({
      config: demoConfig(),
      database: database(),
      clock: f.clock,
      plugins: [
        definePlugin({
          name: 'report-efficiency-decisions',
          reports: { efficiency: createEfficiencyReport({ applicationStatuses: ['contact'] }) },
        }),
      ],
    });
    const r = await runReport(crm.system('test'), {
      type: 'efficiency',
      groupBy: 'firm',
      period: 'month',
      at: '2026-03-15',
    });
    expect(r.table.totals.applications).toBe(2); // the two moves new → contact
  });
});
