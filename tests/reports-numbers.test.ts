/**
 * Every built-in report's numbers on a hand-built month (tests/fixtures/reports-firm.ts), on both
 * engines: historical attribution of an advisor who moved mid-month, own vs franchise branches, a
 * withdrawn sale that is not a sale, and a partial clawback netted from the commissions.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Ctx } from '../core/context.ts';
import { runReport, type ReportResult } from '../core/reports/index.ts';
import { advisorActivity } from '../core/workflow/advisor-activity.ts';
import { describeEngines } from './engines.ts';
import { reportsFirm, type ReportsFirm } from './fixtures/reports-firm.ts';

const march = { period: 'month', at: '2026-03-15' } as const;
/** Rows as `{ group label: cells without the label }`. */
const byGroup = (r: ReportResult) =>
  Object.fromEntries(r.table.rows.map(({ cells: { group, ...rest } }) => [group as string, rest]));

describeEngines('reports: numbers on a hand-built month', (database) => {
  let f: ReportsFirm;
  let director: Ctx;
  beforeAll(async () => {
    f = await reportsFirm(database());
    director = await f.crm.asUser(f.users.director.id);
  });

  it('sales by branch: Anna counts for Gdańsk before her move, Gdynia after; a withdrawn sale is no sale', async () => {
    const r = await runReport(f.sys, { type: 'sales', groupBy: 'branch', ...march });
    expect(r.params).toMatchObject({ from: '2026-03-01', to: '2026-03-31', groupBy: 'branch' });
    const money = (firm: number, advisor: number, partner: number, unit: number) => ({
      commission_firm: firm,
      commission_advisor: advisor,
      commission_partner: partner,
      commission_unit: unit,
    });
    expect(byGroup(r)).toEqual({
      // S1 (Anna, 5 Mar) + S5 (Tomasz; 9/12 of its commission clawed back after an early repayment)
      'Gdańsk Wrzeszcz': {
        sales: 2,
        volume: 25_000_000,
        avgTicket: 12_500_000,
        withdrawn: 0,
        ...money(356_250, 148_125, 0, 0),
      },
      // S2 (Anna, 20 Mar, after the move) + S3 (Piotr, referred): franchise share 70%, partner 0.3%
      'Gdynia Centrum': {
        sales: 2,
        volume: 40_000_000,
        avgTicket: 20_000_000,
        withdrawn: 0,
        ...money(600_000, 0, 90_000, 420_000),
      },
      // S4 withdrawn within 14 days: no sale, its commissions net to 0
      'Kraków Kazimierz': { sales: 0, volume: 0, avgTicket: null, withdrawn: 1, ...money(0, 0, 0, 0) },
    });
    expect(r.table.totals).toMatchObject({ sales: 4, volume: 65_000_000, avgTicket: 16_250_000, withdrawn: 1 });
    expect(r.table.rows.find((x) => x.cells.group === 'Gdynia Centrum')!.drill).toEqual({
      groupBy: 'advisor',
      unitId: f.units.gdynia.id,
    });
    const line = r.charts.find((c) => c.kind === 'line')!;
    expect(line.categories).toHaveLength(31);
    expect(line.series[0]!.values.filter((v) => v > 0)).toEqual([20_000_000, 30_000_000, 10_000_000, 5_000_000]);
  });

  it('sales by region, by branch type (own vs franchise), by advisor, by partner', async () => {
    const region = byGroup(await runReport(f.sys, { type: 'sales', groupBy: 'region', ...march }));
    expect(region['Region Północ']).toMatchObject({ sales: 4, volume: 65_000_000, commission_firm: 956_250 });
    expect(region['Region Południe']).toMatchObject({ sales: 0, volume: 0, withdrawn: 1 });
    const types = byGroup(await runReport(f.sys, { type: 'sales', groupBy: 'branch-type', ...march }));
    expect(types['Oddziały własne']).toMatchObject({ sales: 2, volume: 25_000_000, withdrawn: 1, commission_unit: 0 });
    expect(types['Oddziały franczyzowe']).toMatchObject({ sales: 2, volume: 40_000_000, commission_unit: 420_000 });
    const advisors = byGroup(await runReport(f.sys, { type: 'sales', groupBy: 'advisor', ...march }));
    expect(advisors['Anna Nowak']).toMatchObject({ sales: 2, volume: 30_000_000, commission_advisor: 120_000 });
    expect(advisors['Ewa Dąbrowska']).toMatchObject({ sales: 0, withdrawn: 1, commission_advisor: 0 });
    expect(advisors['Tomasz Zieliński']).toMatchObject({
      sales: 1,
      commission_firm: 56_250,
      commission_advisor: 28_125,
    });
    const partners = byGroup(await runReport(f.sys, { type: 'sales', groupBy: 'partner', ...march }));
    expect(partners['Biuro Nieruchomości Bursztyn sp. z o.o.']).toMatchObject({ sales: 1, commission_partner: 90_000 });
    expect(partners['(brak)']).toMatchObject({ sales: 3, withdrawn: 1 });
    const products = byGroup(await runReport(f.sys, { type: 'sales', groupBy: 'category', ...march }));
    expect(products).toMatchObject({
      mortgage: { sales: 3, volume: 60_000_000 },
      'cash-loan': { sales: 1, volume: 5_000_000 },
    });
  });

  it('compares with the previous period (February: nothing)', async () => {
    const r = await runReport(f.sys, { type: 'sales', groupBy: 'firm', ...march, compare: 'true' });
    expect(r.params.previous).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(r.table.totals.sales).toBe(4);
    expect(r.previous!.totals).toMatchObject({ sales: 0, volume: 0 });
  });

  it('efficiency per advisor: leads → meetings → applications → sales, held vs no-shows, contacts', async () => {
    const r = await runReport(f.sys, { type: 'efficiency', groupBy: 'advisor', ...march });
    const row = (
      leads: number,
      meetings: number,
      held: number,
      noShows: number,
      applications: number,
      sales: number,
      conversion: number,
      activities: number,
    ) => ({ leads, meetings, held, noShows, applications, sales, conversion, activities });
    expect(byGroup(r)).toEqual({
      'Anna Nowak': row(4, 3, 2, 1, 2, 2, 0.5, 5),
      'Ewa Dąbrowska': row(4, 1, 0, 0, 1, 0, 0, 0),
      'Piotr Kowalski': row(2, 1, 1, 0, 1, 1, 0.5, 2),
      'Tomasz Zieliński': row(2, 0, 0, 0, 0, 1, 0.5, 1),
    });
    expect(r.table.totals).toMatchObject(row(12, 5, 3, 1, 4, 4, 0.3333, 8));
    const funnel = r.charts.find((c) => c.kind === 'funnel')!;
    expect(funnel.series[0]!.values).toEqual([12, 3, 4, 4]);
    const units = byGroup(await runReport(f.sys, { type: 'efficiency', groupBy: 'branch', ...march }));
    // Anna's work before the move stays in Gdańsk, after it in Gdynia.
    expect(units['Gdańsk Wrzeszcz']).toMatchObject({ meetings: 1, held: 1, applications: 1, sales: 2, activities: 4 });
    expect(units['Gdynia Centrum']).toMatchObject({
      meetings: 3,
      held: 2,
      noShows: 1,
      applications: 2,
      sales: 2,
      activities: 4,
    });
  });

  it('pipeline: clients per status now, stalled, flow between statuses, time in status', async () => {
    const r = await runReport(f.sys, { type: 'pipeline', groupBy: 'branch', ...march, stalledDays: '14' });
    const g = byGroup(r);
    expect(g['Gdańsk Wrzeszcz']).toMatchObject({ s_new: 6, s_disbursed: 2, total: 8, stalled: 5 });
    expect(g['Gdynia Centrum']).toMatchObject({ s_new: 2, s_disbursed: 2, total: 4, stalled: 2 });
    expect(g['Kraków Kazimierz']).toMatchObject({ s_new: 4, 's_agreement-signed': 1, total: 5, stalled: 5 });
    const [, moves, days] = r.charts;
    expect(moves!.categories.map((c) => c.key)).toEqual([
      'documents>application-filed',
      'agreement-signed>disbursed',
      'new>contact',
    ]);
    expect(moves!.series[0]!.values).toEqual([4, 2, 2]);
    expect(days!.categories.map((c) => c.key)).toEqual(['new']);
    expect(days!.series[0]!.values).toEqual([3]);
  });

  it("individual: Anna against her unit's average per person (Gdynia on 31 March: Anna, Piotr)", async () => {
    const r = await runReport(f.sys, { type: 'individual', userId: f.users.anna.id, ...march });
    const [me, avg] = r.table.rows;
    expect(me!.cells).toMatchObject({
      leads: 4,
      meetings: 3,
      held: 2,
      noShows: 1,
      applications: 2,
      sales: 2,
      volume: 30_000_000,
      activities: 5,
    });
    expect(avg!.cells).toMatchObject({
      leads: 1,
      meetings: 1.5,
      held: 1,
      noShows: 0.5,
      applications: 1,
      sales: 1,
      conversion: 1,
      volume: 20_000_000,
      activities: 2,
    });
    const [person, unit] = r.charts[0]!.series;
    expect(person!.values.filter(Boolean)).toEqual([20_000_000, 10_000_000]);
    expect(unit!.values.filter(Boolean)).toEqual([15_000_000, 5_000_000]);
  });

  it("a regional director sees only the region's data and drills region → branch → advisor", async () => {
    const regions = byGroup(await runReport(director, { type: 'sales', groupBy: 'region', ...march }));
    expect(Object.keys(regions)).toEqual(['Region Północ']);
    const branches = await runReport(director, {
      type: 'sales',
      groupBy: 'branch',
      unitId: f.units.north.id,
      ...march,
    });
    expect(Object.keys(byGroup(branches))).toEqual(['Gdańsk Wrzeszcz', 'Gdynia Centrum']);
    const advisors = byGroup(
      await runReport(director, { type: 'sales', groupBy: 'advisor', unitId: f.units.gdansk.id, ...march }),
    );
    expect(advisors).toMatchObject({
      'Anna Nowak': { sales: 1, volume: 20_000_000 },
      'Tomasz Zieliński': { sales: 1 },
    });
  });

  it('an advisor sees only their own figures, without commissions of others', async () => {
    const anna = await f.crm.asUser(f.users.anna.id);
    const r = byGroup(await runReport(anna, { type: 'sales', groupBy: 'branch', ...march }));
    expect(r).toMatchObject({ 'Gdańsk Wrzeszcz': { sales: 1 }, 'Gdynia Centrum': { sales: 1 } });
    expect(r['Gdynia Centrum']!.commission_partner).toBe(0);
  });

  it('advisor-activity no longer counts a withdrawn sale as a sale (it stays a status change)', async () => {
    const { advisors } = await advisorActivity(f.sys, { from: '2026-03-01', to: '2026-03-31' });
    const of = (name: string) => advisors.find((a) => a.name === name)!;
    expect([of('Anna Nowak').sales, of('Anna Nowak').byStatus.disbursed]).toEqual([1, 1]);
    expect([of('Ewa Dąbrowska').sales, of('Ewa Dąbrowska').byStatus.disbursed]).toEqual([0, 1]);
  });

  it('bad input gets a 4xx naming the parameter', async () => {
    const fails = async (ctx: Ctx, input: Record<string, unknown>) => {
      const e = (await runReport(ctx, input).then(
        () => null,
        (x: unknown) => x,
      )) as { status: number; details?: { problems?: { path: string }[]; parameter?: string } } | null;
      expect(e, JSON.stringify(input)).not.toBeNull();
      return [e!.status, e!.details?.problems?.[0]?.path ?? e!.details?.parameter];
    };
    expect(await fails(f.sys, { type: 'revenue' })).toEqual([422, '/type']);
    expect(await fails(f.sys, { type: 'sales', groupBy: 'planet' })).toEqual([422, '/groupBy']);
    expect(await fails(f.sys, { type: 'efficiency', groupBy: 'product' })).toEqual([422, '/groupBy']);
    expect(await fails(f.sys, { type: 'sales', from: '2026-03-31', to: '2026-03-01' })).toEqual([422, '/to']);
    expect(await fails(f.sys, { type: 'sales', from: '1926-01-01', to: '2026-01-01' })).toEqual([422, '/to']);
    expect(await fails(f.sys, { type: 'sales', from: '2026-02-30', to: '2026-03-01' })).toEqual([422, '/from']);
    expect(await fails(f.sys, { type: 'sales', period: 'decade' })).toEqual([422, '/period']);
    expect(await fails(director, { type: 'sales', unitId: f.units.krakow.id })).toEqual([403, 'unitId']);
    const anna = await f.crm.asUser(f.users.anna.id);
    expect(await fails(anna, { type: 'individual', userId: f.users.piotr.id })).toEqual([403, 'userId']);
  });
});
