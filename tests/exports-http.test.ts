/**
 * Excel exports over HTTP on both engines: the screen's scope (a branch manager exports only their
 * branch) and field masking (a back-office export without pii:read has no personal column or
 * value), formula payloads as text cells, numbers and dates as typed cells, 403 with an audit entry
 * for an advisor without the export permission, an audit entry per export, and a long export as a
 * job: 202, progress, then a link only its creator may use.
 */
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { createUser } from '../core/org/index.ts';
import { exportJobs } from '../core/reports/export/index.ts';
import { describeEngines } from './engines.ts';
import { readJson } from './fixtures/read-json.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const DIRECT_ROWS = 8;
const HYPERLINK = '=HYPERLINK("http://evil.example/steal","Kliknij")';

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer); // exceljs types predate Buffer<T>
  return workbook.worksheets[0]!;
}

/** Header labels → column number, and every data row as label → cell. */
function table(sheet: ExcelJS.Worksheet) {
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Array<Record<string, ExcelJS.Cell>> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1)])));
  });
  return { header, rows };
}

describeEngines('exports HTTP API', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  async function call(email: string, method: string, path: string, body?: unknown) {
    let s = sessions.get(email);
    if (!s) {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      s = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: (await readJson(res)).csrfToken };
      sessions.set(email, s);
    }
    return app.request(`http://localhost${path}`, {
      method,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        origin: 'http://localhost',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }
  /** Follows a job to its file when the export is long. */
  async function download(email: string, path: string): Promise<{ sheet: ExcelJS.Worksheet; viaJob: boolean }> {
    const res = await call(email, 'GET', path);
    if (res.status === 200) {
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      return { sheet: await sheetOf(new Uint8Array(await res.arrayBuffer())), viaJob: false };
    }
    expect(res.status).toBe(202);
    let job = (await readJson(res)).job;
    for (let i = 0; i < 3000 && job.status === 'running'; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      job = await readJson(await call(email, 'GET', `/api/export-jobs/${job.id}`));
    }
    expect(job.status).toBe('done');
    const file = await call(email, 'GET', job.url);
    expect(file.status).toBe(200);
    return { sheet: await sheetOf(new Uint8Array(await file.arrayBuffer())), viaJob: true };
  }
  const admin = 'admin@kredyt-dom.pl';
  const manager = 'kierownik.gdansk@kredyt-dom.pl';
  const backOffice = 'rozliczenia@kredyt-dom.pl';
  const advisor = 'anna.nowak@kredyt-dom.pl';
  let hyperlinkId: string;

  beforeAll(async () => {
    exportJobs(database(), { directRows: DIRECT_ROWS }); // before the first export of this database
    f = await smallFirm(database());
    app = createHttpApi(f.crm);
    await createUser(f.crm.system('fixture'), {
      email: backOffice,
      name: 'Beata Rozliczeniowa',
      roles: ['back-office'],
      unitId: f.units.hq.id,
      password: PASSWORD,
    });
    const person = (data: Record<string, unknown>) => ({
      kind: 'person',
      type: 'private',
      ownerId: f.users.anna.id,
      unitId: f.units.gdansk.id,
      data,
    });
    const created = await call(
      admin,
      'POST',
      '/api/clients',
      person({ firstName: HYPERLINK, lastName: 'Nowak', netMonthlyIncomeMinor: 1_234_567, householdSize: 3 }),
    );
    expect(created.status).toBe(201);
    hyperlinkId = (await readJson(created)).id;
    const second = await call(
      admin,
      'POST',
      '/api/clients',
      person({ firstName: 'Jan', lastName: 'Kowalski', pesel: '44051401359', phone: '+48600100200' }),
    );
    expect(second.status).toBe(201);
  });

  it('a branch manager exports only their branch, directly, with names, PII and typed cells', async () => {
    const { sheet, viaJob } = await download(manager, '/api/exports/clients');
    expect(viaJob).toBe(false);
    const { header, rows } = table(sheet);
    const gdansk = f.clients.filter((c) => c.unit === f.units.gdansk.id).map((c) => c.id);
    expect(rows.map((r) => r['Identyfikator']!.value).sort()).toEqual(
      [...gdansk, hyperlinkId, expect.any(String)].sort(),
    );
    expect(new Set(rows.map((r) => r['Oddział']!.value))).toEqual(new Set(['Gdańsk Wrzeszcz']));
    expect(header).toEqual(expect.arrayContaining(['Klient', 'Imię', 'PESEL', 'Doradca']));
    const jan = rows.find((r) => r['Nazwisko']?.value === 'Kowalski')!;
    expect(jan['PESEL']!.value).toBe('44051401359');
    const rich = rows.find((r) => r['Identyfikator']!.value === hyperlinkId)!;
    const income = rich['Dochód netto miesięcznie']!;
    expect(income.type).toBe(ExcelJS.ValueType.Number);
    expect(income.value).toBe(12345.67);
    expect(income.numFmt).toBe('#,##0.00 "zł"');
    expect(rich['Liczba osób w gospodarstwie']!.value).toBe(3);
    expect(rich['Utworzony']!.type).toBe(ExcelJS.ValueType.Date);
    // 09:00 UTC on 2 March 2026 is 10:00 in Warsaw (CET)
    expect(rich['Utworzony']!.value).toEqual(new Date('2026-03-02T10:00:00Z'));
    expect(rich['Doradca']!.value).toBe('Anna Nowak');
  });

  it('a formula in a client name stays a text cell', async () => {
    const { sheet } = await download(manager, '/api/exports/clients?status=new');
    const { rows } = table(sheet);
    const rich = rows.find((r) => r['Identyfikator']!.value === hyperlinkId)!;
    for (const label of ['Klient', 'Imię']) {
      const cell = rich[label]!;
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(String(cell.value)).toBe(label === 'Imię' ? `'${HYPERLINK}` : `'${HYPERLINK} Nowak`);
    }
  });

  it('the back office (no pii:read) gets no personal column or value, but the financial ones', async () => {
    const { sheet } = await download(backOffice, '/api/exports/clients');
    const { header, rows } = table(sheet);
    for (const pii of ['Klient', 'Imię', 'Nazwisko', 'PESEL', 'Telefon', 'E-mail', 'Ulica i numer', 'Osoba kontaktowa'])
      expect(header).not.toContain(pii);
    expect(header).toContain('Dochód netto miesięcznie');
    expect(rows.length).toBe(f.clients.length + 2);
    const values = rows.flatMap((r) => Object.values(r).map((c) => String(c.value ?? '')));
    for (const value of ['44051401359', '+48600100200', 'Jan Kowalski', 'HYPERLINK', 'Klient Anna'])
      expect(values.filter((v) => v.includes(value))).toEqual([]);
    expect(values).not.toContain('Kowalski'); // the last name; the advisor "Piotr Kowalski" may appear
  });

  it('an advisor without the export permission gets 403, and the attempt is in the audit log', async () => {
    const res = await call(advisor, 'GET', '/api/exports/clients?status=new');
    expect(res.status).toBe(403);
    const body = await readJson(res);
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message).toContain('clients:export');
    const { t, db } = database();
    const entries = await db
      .select()
      .from(t.auditLog)
      .where(and(eq(t.auditLog.action, 'export.refused'), eq(t.auditLog.actorId, f.users.anna.id)));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.entity).toBe('clients');
    expect(entries[0]!.data).toMatchObject({ filter: { status: ['new'] }, permission: 'clients:export' });
  });

  it('each export is audited with who, what, the filter and the row count', async () => {
    const { db, t } = database();
    const before = await db.select().from(t.auditLog).where(eq(t.auditLog.action, 'export'));
    const { sheet } = await download(manager, `/api/exports/clients?status=new&ownerId=${f.users.senior.id}`);
    expect(table(sheet).rows).toHaveLength(2);
    const after = await db.select().from(t.auditLog).where(eq(t.auditLog.action, 'export'));
    const entry = after.find((a) => !before.some((b) => b.id === a.id))!;
    expect(entry.actorId).toBe(f.users.manager.id);
    expect(entry.entity).toBe('clients');
    expect(entry.data).toMatchObject({ filter: { status: ['new'], ownerId: f.users.senior.id }, rows: 2 });
  });

  it('a long export runs as a job: 202, progress, a link for its creator only', async () => {
    const res = await call(admin, 'GET', '/api/exports/clients?locale=en');
    expect(res.status).toBe(202);
    const { job } = await readJson(res);
    expect(job).toMatchObject({ resource: 'clients', total: f.clients.length + 2 });
    expect(res.headers.get('location')).toBe(`/api/export-jobs/${job.id}`);
    expect((await call(manager, 'GET', `/api/export-jobs/${job.id}`)).status).toBe(404);
    let view = job;
    for (let i = 0; i < 3000 && view.status === 'running'; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      view = await readJson(await call(admin, 'GET', `/api/export-jobs/${job.id}`));
    }
    expect(view).toMatchObject({ status: 'done', progress: 1, rows: f.clients.length + 2 });
    expect(view.url).toBe(`/api/export-jobs/${job.id}/file`);
    expect((await call(manager, 'GET', view.url)).status).toBe(404);
    const file = await call(admin, 'GET', view.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/clients-2026-03-02\.xlsx/);
    const { header, rows } = table(await sheetOf(new Uint8Array(await file.arrayBuffer())));
    expect(header.slice(0, 2)).toEqual(['Id', 'Client']);
    expect(rows).toHaveLength(f.clients.length + 2);
  });

  it("a report's XLSX: typed cells and a totals row for reports:export, 403 (audited) without it", async () => {
    const { sheet } = await download(
      manager,
      '/api/exports/reports/pipeline?groupBy=advisor&period=month&at=2026-03-02',
    );
    const { header, rows } = table(sheet);
    expect(header.length).toBeGreaterThan(1);
    expect(rows.at(-1)![header[0]!]!.value).toBe('Razem');
    const numeric = rows.flatMap((r) => Object.values(r)).filter((c) => c.type === ExcelJS.ValueType.Number);
    expect(numeric.length).toBeGreaterThan(0);
    const res = await call(advisor, 'GET', '/api/exports/reports/pipeline?period=month&at=2026-03-02');
    expect(res.status).toBe(403);
    const { db, t } = database();
    const refused = await db
      .select()
      .from(t.auditLog)
      .where(and(eq(t.auditLog.action, 'export.refused'), eq(t.auditLog.entity, 'report:pipeline')));
    expect(refused).toHaveLength(1);
    expect((await call(manager, 'GET', '/api/exports/reports/horoscope')).status).toBe(422);
  });

  it('bad filters are 4xx naming the parameter, before anything is written', async () => {
    const res = await call(manager, 'GET', '/api/exports/clients?sort=salary');
    expect(res.status).toBe(422);
    expect(JSON.stringify(await readJson(res))).toContain('?sort');
    const cal = await call(manager, 'GET', '/api/exports/calendar?from=2026-03-01T00:00:00Z&to=2027-03-01T00:00:00Z');
    expect(cal.status).toBe(422);
    expect(JSON.stringify(await readJson(cal))).toContain('/to');
  });

  it('activities, calendar, sales and commission lines export with their own permissions', async () => {
    for (const path of [
      '/api/exports/activities',
      '/api/exports/calendar?from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z&everyone=true',
      '/api/exports/sales',
      '/api/exports/commission-lines?period=2026-03',
    ]) {
      const { sheet } = await download(manager, path);
      expect((sheet.getRow(1).values as unknown[]).length).toBeGreaterThan(5);
      expect((await call(advisor, 'GET', path)).status).toBe(403);
    }
  });
});
