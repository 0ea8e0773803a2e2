/**
 * Reports over HTTP on both engines: the list of types, a regional director's drill-down region →
 * branch → advisor, the PDF, and bad parameters answered with a 4xx naming the parameter.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { PASSWORD } from './fixtures/small-firm.ts';
import { reportsFirm, type ReportsFirm } from './fixtures/reports-firm.ts';

describeEngines('reports HTTP API', (database) => {
  let f: ReportsFirm;
  let app: ReturnType<typeof createHttpApi>;
  const cookies = new Map<string, string>();
  async function get(email: string, path: string) {
    if (!cookies.has(email)) {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      cookies.set(email, (res.headers.get('set-cookie') ?? '').split(';')[0]!);
    }
    return app.request(`http://localhost${path}`, { headers: { cookie: cookies.get(email)! } });
  }
  // any: each test reads its own response shape
  const json = async (email: string, path: string) => {
    const res = await get(email, path);
    return { status: res.status, body: (await res.json()) as any };
  };
  const director = 'dyrektor.polnoc@kredyt-dom.pl';
  const march = 'period=month&at=2026-03-15';

  beforeAll(async () => {
    f = await reportsFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
  });

  it('lists the report types', async () => {
    const r = await json(director, '/api/reports');
    expect(r.body.items.map((t: { id: string }) => t.id)).toEqual(['pipeline', 'efficiency', 'sales', 'individual']);
  });

  it('a regional director drills region → branch → advisor', async () => {
    const regions = await json(director, `/api/reports/sales?groupBy=region&${march}`);
    expect(regions.status).toBe(200);
    expect(regions.body.table.rows.map((r: any) => [r.label.pl, r.cells.sales, r.cells.volume])).toEqual([
      ['Region Północ', 4, 65_000_000],
    ]);
    const drill = regions.body.table.rows[0].drill;
    const branches = await json(
      director,
      `/api/reports/sales?groupBy=${drill.groupBy}&unitId=${drill.unitId}&${march}`,
    );
    expect(branches.body.table.rows.map((r: any) => [r.label.pl, r.cells.sales])).toEqual([
      ['Gdańsk Wrzeszcz', 2],
      ['Gdynia Centrum', 2],
    ]);
    const next = branches.body.table.rows[1].drill;
    const advisors = await json(director, `/api/reports/sales?groupBy=${next.groupBy}&unitId=${next.unitId}&${march}`);
    expect(advisors.body.table.rows.map((r: any) => [r.label.pl, r.cells.sales, r.cells.volume])).toEqual([
      ['Anna Nowak', 1, 10_000_000],
      ['Piotr Kowalski', 1, 30_000_000],
    ]);
    const anna = advisors.body.table.rows[0].drill;
    expect(anna).toEqual({ type: 'individual', groupBy: 'firm', userId: f.users.anna.id });
    const person = await json(director, `/api/reports/individual?userId=${anna.userId}&${march}`);
    expect(person.body.table.rows[0].cells).toMatchObject({ sales: 2, volume: 30_000_000 });
  });

  it('answers the PDF', async () => {
    const res = await get(director, `/api/reports/efficiency.pdf?groupBy=branch&${march}&lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('efficiency-2026-03-01-2026-03-31.pdf');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('bad parameters: 4xx naming the parameter, never a 500', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/reports/revenue', 422, '/type'],
      ['/api/reports/sales?groupBy=planet', 422, '/groupBy'],
      ['/api/reports/sales?from=2026-03-31&to=2026-03-01', 422, '/to'],
      ['/api/reports/sales?from=1926-01-01&to=2026-01-01', 422, '/to'],
      ['/api/reports/sales?period=century', 422, '/period'],
      ['/api/reports/sales?colour=red', 422, '?colour'],
      ['/api/reports/pipeline?stalledDays=0', 422, '?stalledDays'],
    ];
    for (const [path, status, param] of cases) {
      const r = await json(director, path);
      expect([path, r.status]).toEqual([path, status]);
      expect(JSON.stringify(r.body.error.details), path).toContain(param);
    }
    const other = await json(director, `/api/reports/sales?unitId=${f.units.krakow.id}`);
    expect([other.status, other.body.error.details.parameter]).toEqual([403, 'unitId']);
    const anon = await app.request('http://localhost/api/reports/sales');
    expect(anon.status).toBe(401);
  });
});
