/**
 * Client import, the "Done when" of issue 18 item 3, on both engines: a 10,000-row Windows-1250 CSV
 * with `;` and decimal commas and some bad rows (a bad PESEL checksum, a bad phone, a duplicate
 * within the file, a duplicate of an existing client) is reported by row and column, the rest is
 * imported, and undo removes exactly what was imported. Also: undo refused while an imported
 * client has been worked on, and an import that dies mid-way leaves an import whose undo removes
 * what it wrote.
 */
import { beforeAll, expect, it } from 'vitest';
import { createClient, getClient } from '../core/clients/index.ts';
import type { Ctx } from '../core/context.ts';
import { CrmError } from '../core/errors.ts';
import {
  getImport,
  importClients,
  listImports,
  readSpreadsheet,
  runImport,
  startImport,
  undoImport,
  type ImportSource,
} from '../core/import/index.ts';
import { recordActivity } from '../core/workflow/index.ts';
import { describeEngines } from './engines.ts';
import { pesel, windows1250 } from './fixtures/cp1250.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const count = async (f: SmallFirm, sql: string) => Number(Object.values((await f.crm.database.raw(sql))[0]!)[0]);

async function errorOf(p: Promise<unknown>): Promise<CrmError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CrmError) return e;
    throw e;
  }
  throw new Error('expected a CrmError');
}

const sourceOf = async (fileName: string, bytes: Uint8Array): Promise<ImportSource> => {
  const sheet = await readSpreadsheet(bytes);
  return { fileName, encoding: sheet.encoding, header: sheet.header, total: sheet.rows.length, rows: sheet.rows };
};

describeEngines('client import: 10k-row Windows-1250 CSV, undo', (database) => {
  let f: SmallFirm;
  let admin: Ctx;
  let existingId: string;
  beforeAll(async () => {
    f = await smallFirm(database());
    admin = await f.crm.asUser(f.users.admin.id);
    existingId = (
      await createClient(admin, {
        kind: 'person',
        type: 'private',
        source: 'own-network',
        ownerId: f.users.anna.id,
        data: { firstName: 'Istniejący', lastName: 'Klient', pesel: pesel(4242, 75) },
      })
    ).id;
  });

  it('reports bad rows by row and column, imports the rest, and undo removes exactly them', async () => {
    const lines = ['Imię;Nazwisko;PESEL;Telefon;E-mail;Miejscowość;Dochód netto;Uwagi'];
    for (let i = 0; i < 10_000; i++)
      lines.push(
        [
          ['Łukasz', 'Żaneta', 'Ścibor', 'Małgorzata', 'Józef'][i % 5],
          `Wójcik-${i}`,
          pesel(i),
          `+48 5${String(i).padStart(8, '0')}`,
          `klient${i}@poczta.example`,
          'Łódź',
          `${4000 + (i % 100)},50`,
          'stały klient',
        ].join(';'),
      );
    // Data row i is line i + 2 of the file (the header is line 1).
    const bad = [
      {
        i: 10,
        column: 'PESEL',
        cells: ['Jan', 'Zły-PESEL', '80010112345', '+48 600000001', 'a@b.pl', 'Gdańsk', '1,00'],
      },
      { i: 3000, column: 'Telefon', cells: ['Ewa', 'Zły-telefon', pesel(1, 81), '12', 'e@b.pl', 'Gdańsk', '1,00'] },
      {
        i: 6000,
        column: 'PESEL',
        cells: ['Ola', 'Dubel-w-pliku', pesel(5999), '+48 600000003', 'o@b.pl', 'Sopot', '2'],
      },
      {
        i: 9000,
        column: 'PESEL',
        cells: ['Iga', 'Dubel-w-bazie', pesel(4242, 75), '+48 600000004', 'i@b.pl', 'Kraków', '2,00'],
      },
    ];
    for (const b of bad) lines[b.i + 1] = [...b.cells, ''].join(';');
    const bytes = windows1250(`${lines.join('\r\n')}\r\n`);
    const before = await count(f, 'select count(*) from clients');

    const progress: number[] = [];
    const source = await sourceOf('klienci-2026.csv', bytes);
    expect(source.encoding).toBe('windows-1250');
    const imp = await importClients(admin, source, {
      ownerId: f.users.anna.id,
      onProgress: (p) => progress.push(p.processed),
    });

    expect(imp).toMatchObject({
      status: 'done',
      fileName: 'klienci-2026.csv',
      encoding: 'windows-1250',
      rows: 10_000,
      imported: 9_996,
      duplicates: 2,
      errors: 2,
    });
    expect(imp.problems.map((p) => [p.row, p.column])).toEqual(bad.map((b) => [b.i + 2, b.column]));
    expect(imp.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/check digit|checksum|PESEL/i),
      expect.stringMatching(/phone/i),
      'the same pesel as row 6001',
      'the same PESEL as an existing client',
    ]);
    expect(progress.at(-1)).toBe(10_000);
    expect(progress.length).toBeGreaterThanOrEqual(20); // batches of 500: the bar moves
    expect(await count(f, 'select count(*) from clients')).toBe(before + 9_996);
    expect(await count(f, `select count(*) from import_clients where import_id = '${imp.id}'`)).toBe(9_996);
    // The bad rows' clients never existed; a good row's did, with the decimal comma read as grosze.
    for (const b of bad)
      expect(await count(f, `select count(*) from clients where display_name like '%${b.cells[1]}'`)).toBe(0);
    const [row] = await f.crm.database.raw("select id from clients where display_name = 'Łukasz Wójcik-0'");
    expect(await getClient(admin, String(row!.id))).toMatchObject({
      ownerId: f.users.anna.id,
      data: { city: 'Łódź', netMonthlyIncomeMinor: 400050, pesel: pesel(0), phone: '+48500000000' },
    });
    const audit = await f.crm.database.raw(
      `select action, count(*) as n from audit_log where entity = 'import' group by action order by action`,
    );
    expect(audit.map((a) => [a.action, Number(a.n)])).toEqual([
      ['import.finish', 1],
      ['import.start', 1],
    ]);

    expect((await listImports(admin)).items.map((i) => i.id)).toContain(imp.id);
    const undone = await undoImport(admin, imp.id);
    expect(undone.removed).toBe(9_996);
    expect(undone.import.status).toBe('undone');
    expect(await count(f, 'select count(*) from clients')).toBe(before);
    expect(await count(f, `select count(*) from clients where id = '${existingId}'`)).toBe(1);
    expect(await count(f, `select count(*) from audit_log where action = 'import.undo'`)).toBe(1);
    expect((await errorOf(undoImport(admin, imp.id))).status).toBe(409);
  }, 180_000); // about 5 s per engine on an idle 2-core machine; minutes when eight test runs share it

  it('refuses to undo while an imported client has been worked on, naming the client', async () => {
    const csv = 'Imię;Nazwisko;PESEL\nAnna;Pierwsza;' + pesel(1, 60) + '\nBeata;Druga;' + pesel(2, 60) + '\n';
    const imp = await importClients(admin, await sourceOf('dwie.csv', new TextEncoder().encode(csv)), {
      ownerId: f.users.anna.id,
    });
    expect(imp.imported).toBe(2);
    const [second] = await f.crm.database.raw("select id from clients where display_name = 'Beata Druga'");
    await recordActivity(admin, String(second!.id), { type: 'call', note: 'Umówiona na spotkanie' });
    const e = await errorOf(undoImport(admin, imp.id));
    expect(e.status).toBe(409);
    expect(e.details).toMatchObject({
      count: 1,
      clients: [{ id: second!.id, displayName: 'Beata Druga', reasons: ['contact history'] }],
    });
    expect(await count(f, "select count(*) from clients where display_name in ('Anna Pierwsza', 'Beata Druga')")).toBe(
      2,
    );
    expect((await getImport(admin, imp.id)).status).toBe('done');
  });

  it('an import that dies mid-way is failed, and its undo removes what it wrote', async () => {
    const header = ['Imię', 'Nazwisko', 'PESEL'];
    async function* rows() {
      for (let i = 0; i < 700; i++) {
        if (i === 650) throw new Error('the upload was cut off');
        yield { line: i + 2, cells: ['Cezary', `Przerwany-${i}`, pesel(i, 70)] };
      }
    }
    const source: ImportSource = { fileName: 'przerwany.csv', encoding: 'utf-8', header, total: 700, rows: rows() };
    const started = await startImport(admin, source, { ownerId: f.users.anna.id });
    await expect(runImport(admin, started.id, source, { batchSize: 200 })).rejects.toThrow('cut off');
    const failed = await getImport(admin, started.id);
    expect(failed).toMatchObject({ status: 'failed', failure: 'the upload was cut off', imported: 600 });
    expect(await count(f, "select count(*) from clients where display_name like 'Cezary Przerwany-%'")).toBe(600);
    expect((await undoImport(admin, started.id)).removed).toBe(600);
    expect(await count(f, "select count(*) from clients where display_name like 'Cezary Przerwany-%'")).toBe(0);
  });

  it('needs clients:import: an advisor may not import', async () => {
    const anna = await f.crm.asUser(f.users.anna.id);
    const e = await errorOf(
      importClients(anna, await sourceOf('x.csv', new TextEncoder().encode('Imię;Nazwisko\nJan;Nowy\n'))),
    );
    expect(e.status).toBe(403);
  });
});
