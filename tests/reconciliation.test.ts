/**
 * Bank reconciliation on both engines: a provider's March statement (Windows-1250 CSV with `;` and
 * decimal commas) against four expected Bank Aurora commissions gives exactly one short-paid, one
 * unexpected and one missing line with hand-computed totals; bad files import nothing; an import
 * is undone and redone; differences are resolved (the advisor's line follows what was received);
 * the PDF and XLSX reports show the differences.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { keyedHash } from '../core/auth/index.ts';
import { listLines } from '../core/commissions/index.ts';
import { createHttpApi } from '../core/http/app.ts';
import type { Ctx } from '../core/context.ts';
import { newId } from '../core/ids/index.ts';
import {
  getReconciliation,
  importStatement,
  listImports,
  reconciliationFile,
  resolveRow,
  undoImport,
  type ReconciliationConfig,
} from '../core/reconciliation/index.ts';
import { listSales } from '../core/commissions/sales/queries.ts';
import { transition } from '../core/workflow/transition.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { describeEngines } from './engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const PESEL_B = '44051401359';

/** The Windows-1250 bytes of text with Polish letters (what Polish Excel saves as "CSV"). */
function cp1250(text: string): Uint8Array {
  const map: Record<string, number> = {
    ą: 0xb9,
    ć: 0xe6,
    ę: 0xea,
    ł: 0xb3,
    ń: 0xf1,
    ó: 0xf3,
    ś: 0x9c,
    ź: 0x9f,
    ż: 0xbf,
  };
  map['Ż'] = 0xaf;
  map['Ł'] = 0xa3;
  return Uint8Array.from([...text].map((ch) => map[ch] ?? ch.charCodeAt(0)));
}

const reconciliation: ReconciliationConfig = {
  toleranceMinor: 100,
  dateToleranceDays: 45,
  followReceived: true,
  providers: {
    'bank-aurora': {
      columns: {
        reference: 'Nr umowy',
        identifier: 'PESEL/NIP',
        amount: 'Kwota prowizji',
        date: 'Data wypłaty',
        currency: 'Waluta',
      },
      ignoreColumns: ['Klient'],
      referenceField: 'loanNumber',
    },
  },
};

const header = 'Nr umowy;PESEL/NIP;Klient;Kwota prowizji;Data wypłaty;Waluta';
/** A: paid in full by reference; B: short by 300 zł, found by PESEL; D: 50 gr over, by amount and date; X: unknown. */
const statement = [
  header,
  'AUR/2026/0001;;Zażółć Gęślą;6 000,00;31.03.2026;PLN',
  `;${PESEL_B};Łucja Żak;4 200,00;31.03.2026;PLN`,
  'AUR/2026/9999;;Nieznany;1 234,56;31.03.2026;PLN',
  'AUR/2026/0777;;Ścibor;3 000,50;02.04.2026;PLN',
].join('\r\n');

describeEngines('reconciliation: expected vs received', (database) => {
  let f: SmallFirm;
  let office: Ctx;
  const sales: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };

  async function sell(key: keyof typeof sales, amountMinor: number, saleDate: string, data: Record<string, unknown>) {
    const { db, t } = database();
    const id = newId();
    const now = f.clock.now();
    await db.insert(t.clients).values({
      id,
      kind: 'person',
      type: 'private',
      source: null,
      displayName: 'Zażółć Gęślą',
      ownerId: f.users.anna.id,
      unitId: f.units.gdansk.id,
      partnerId: null,
      status: 'agreement-signed',
      data,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    if (data.pesel)
      await db
        .insert(t.clientKeys)
        .values({ clientId: id, field: 'pesel', kind: 'pesel', hash: keyedHash(office.secret, 'pesel', PESEL_B) });
    const anna = await f.crm.asUser(f.users.anna.id);
    await transition(anna, id, {
      to: 'disbursed',
      fields: { provider: 'bank-aurora', product: 'aurora-mortgage', amountMinor, saleDate },
    });
    const [sale] = await listSales(office, { clientId: id });
    sales[key] = sale!.id;
  }

  const importMarch = (content: string | Uint8Array, provider = 'bank-aurora') =>
    importStatement(office, {
      provider,
      period: '2026-03',
      fileName: 'aurora-2026-03.csv',
      content: typeof content === 'string' ? cp1250(content) : content,
    });

  beforeAll(async () => {
    f = await smallFirm(database());
    f.clock.set('2026-04-20T10:00:00Z');
    await seedCommissions(f.crm.system('test'));
    // The firm's config gets the statement mapping (the crm and every context share the object).
    f.crm.config.reconciliation = reconciliation;
    office = await f.crm.asUser(f.users.admin.id);
    // Bank Aurora's March mortgage rate is 1.50%: the firm expects 6 000, 4 500, 7 500 and 3 000 zł.
    await sell('a', 40_000_000, '2026-03-05', { loanNumber: 'AUR/2026/0001' });
    await sell('b', 30_000_000, '2026-03-12', { pesel: PESEL_B });
    await sell('c', 50_000_000, '2026-03-20', {});
    await sell('d', 20_000_000, '2026-03-25', {});
  });

  it('bad files import nothing: unknown column, duplicate row, other currency, no mapping (per-row)', async () => {
    const problems = async (p: Promise<unknown>) => {
      const e = (await p.then(
        () => null,
        (err: unknown) => err,
      )) as { code: string; details: { problems: Array<{ path: string; message: string }> } };
      expect(e?.code).toBe('invalid');
      return e.details.problems.map((x) => x.path);
    };
    expect(await problems(importMarch(statement.replace('Waluta', 'Waluta;Prowizja netto')))).toEqual([
      '/columns/Prowizja netto',
    ]);
    const dup = `${statement}\r\nAUR/2026/0001;;Zażółć Gęślą;6 000,00;31.03.2026;PLN`;
    expect(await problems(importMarch(dup))).toEqual(['/rows/6/amount']);
    const eur = statement.replace('4 200,00;31.03.2026;PLN', '4 200,00;31.03.2026;EUR');
    expect(await problems(importMarch(eur))).toEqual(['/rows/3/currency']);
    expect(await problems(importMarch(statement, 'bank-wislany'))).toEqual(['/provider']);
    expect(await listImports(office, { includeUndone: true })).toEqual([]);
  });

  it('one short-paid, one unexpected, one missing line, with hand-computed totals; undo and import again', async () => {
    const first = await importMarch(statement);
    expect([first.encoding, first.rowCount]).toEqual(['windows-1250', 4]);
    await expect(importMarch(statement)).rejects.toMatchObject({ code: 'conflict' });
    expect((await undoImport(office, first.id)).status).toBe('undone');
    expect(await listImports(office, { provider: 'bank-aurora' })).toEqual([]);
    const imp = await importMarch(statement);
    const { rows, totals } = await getReconciliation(office, imp.id);
    const shown = rows.map((r) => [r.outcome, r.line, r.saleId, r.matchedBy, r.expectedMinor, r.receivedMinor]);
    expect(shown).toEqual([
      ['short-paid', 3, sales.b, 'identifier', 450_000, 420_000],
      ['unexpected', 4, null, null, 0, 123_456],
      ['missing', null, sales.c, null, 750_000, 0],
      ['matched', 2, sales.a, 'reference', 600_000, 600_000],
      ['matched', 5, sales.d, 'amount-date', 300_000, 300_050],
    ]);
    // Expected 6 000 + 4 500 + 7 500 + 3 000 = 21 000,00 zł; received 6 000 + 4 200 + 1 234,56 + 3 000,50.
    expect([totals.expectedMinor, totals.receivedMinor, totals.differenceMinor]).toEqual([
      2_100_000, 1_443_506, -656_494,
    ]);
    expect(totals.byOutcome['short-paid']).toEqual({
      count: 1,
      expectedMinor: 450_000,
      receivedMinor: 420_000,
      differenceMinor: -30_000,
    });
    expect(totals.byOutcome.unexpected.differenceMinor).toBe(123_456);
    expect(totals.byOutcome.missing.differenceMinor).toBe(-750_000);
    expect([totals.byOutcome.matched.count, totals.byOutcome.matched.differenceMinor]).toEqual([2, 50]);
    expect(rows.find((r) => r.line === 3)?.identifierHint).toBe('…1359');
  });

  it("resolved: short payment adjusted (advisor's line follows), unexpected accepted, missing disputed", async () => {
    const [imp] = await listImports(office, { provider: 'bank-aurora', period: '2026-03' });
    const { rows } = await getReconciliation(office, imp!.id);
    const row = (o: string) => rows.find((r) => r.outcome === o)!;
    await expect(resolveRow(office, row('short-paid').id, { action: 'adjust' })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(resolveRow(office, row('unexpected').id, { action: 'adjust', reason: 'x' })).rejects.toMatchObject({
      code: 'invalid',
    });
    await resolveRow(office, row('short-paid').id, { action: 'adjust', reason: 'Bank potwierdził 4 200 zł' });
    await resolveRow(office, row('unexpected').id, { action: 'accept' });
    await resolveRow(office, row('missing').id, { action: 'dispute', reason: 'Reklamacja do banku 21.04' });
    await expect(resolveRow(office, row('matched').id, { action: 'accept' })).rejects.toMatchObject({
      code: 'conflict',
    });
    const lines = await listLines(office, { saleId: sales.b });
    // Firm 4 500 → 4 200 zł; Anna (junior, 40%): 1 800 × 4 200 / 4 500 = 1 680,00 zł.
    expect(lines.map((l) => [l.ledger, l.amountMinor, l.originalMinor, l.status]).sort()).toEqual([
      ['advisor', 168_000, 180_000, 'corrected'],
      ['firm', 420_000, 450_000, 'corrected'],
    ]);
    await expect(undoImport(office, imp!.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('the PDF report shows the three differences and the totals (pdftotext); the XLSX has the same rows', async () => {
    const pdf = await reconciliationFile(office, 'bank-aurora', '2026-03', 'pdf');
    const dir = mkdtempSync(join(tmpdir(), 'crm-rec-'));
    writeFileSync(join(dir, 'r.pdf'), pdf.bytes);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(
      /\u00a0/g,
      ' ',
    );
    for (const s of [
      'Niedopłata',
      'Nieoczekiwana wpłata',
      'Brak wpłaty',
      '-300,00 zł',
      '1 234,56 zł',
      '-7 500,00 zł',
      '21 000,00 zł',
      '14 435,06 zł',
      '-6 564,94 zł',
      'Skorygowano',
      'Zaakceptowano',
      'Reklamacja',
    ])
      expect(text.replace(/[−–]/g, '-'), s).toContain(s);
    const xlsx = await reconciliationFile(office, 'bank-aurora', '2026-03', 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const cells = (wb.worksheets[0]!.getSheetValues() as unknown[][]).flat().filter((v) => typeof v === 'number');
    for (const n of [-300, 1234.56, -7500, 4200]) expect(cells).toContain(n);
  });

  it('over HTTP: back office only; an XLSX statement as base64; a bad row is a 422; the PDF report', async () => {
    const app = createHttpApi(f.crm);
    const token = async (email: string) =>
      (
        (await (
          await app.request('/api/auth/token', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password: PASSWORD }),
          })
        ).json()) as { token: string }
      ).token;
    const admin = { authorization: `Bearer ${await token('admin@kredyt-dom.pl')}` };
    const manager = { authorization: `Bearer ${await token(f.users.manager.email)}` };
    const call = (headers: Record<string, string>, method: string, path: string, body?: unknown) =>
      app.request(path, {
        method,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await call(manager, 'GET', '/api/reconciliation/imports')).status).toBe(403);

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Prowizje');
    sheet.addRow(['Nr umowy', 'PESEL/NIP', 'Klient', 'Kwota prowizji', 'Data wypłaty', 'Waluta']);
    sheet.addRow(['AUR/2026/0400', '', 'Kwiecień', 1234.56, new Date('2026-04-30T00:00:00Z'), 'PLN']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const upload = { provider: 'bank-aurora', period: '2026-04', fileName: 'aurora-04.xlsx', contentBase64: xlsx };
    const created = await call(admin, 'POST', '/api/reconciliation/imports', upload);
    expect(created.status).toBe(201);
    const imp = (await created.json()) as { id: string; encoding: string; receivedMinor: number };
    expect([imp.encoding, imp.receivedMinor]).toEqual(['xlsx', 123_456]);
    const view = (await (await call(admin, 'GET', `/api/reconciliation/imports/${imp.id}`)).json()) as {
      rows: Array<{ outcome: string; receivedMinor: number; paidOn: string }>;
    };
    expect(view.rows.map((r) => [r.outcome, r.receivedMinor, r.paidOn])).toEqual([
      ['unexpected', 123_456, '2026-04-30'],
    ]);

    const eur = Buffer.from(cp1250(`${header}\r\n;${PESEL_B};Łucja Żak;4 200,00;31.05.2026;EUR`)).toString('base64');
    const refused = await call(admin, 'POST', '/api/reconciliation/imports', {
      ...upload,
      period: '2026-05',
      contentBase64: eur,
    });
    expect(refused.status).toBe(422);
    const problems = ((await refused.json()) as { error: { details: { problems: Array<{ path: string }> } } }).error
      .details.problems;
    expect(problems.map((p) => p.path)).toEqual(['/rows/2/currency']);

    const pdf = await call(admin, 'GET', '/api/reconciliation/reports/bank-aurora/2026-03?format=pdf');
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await call(admin, 'GET', '/api/reconciliation/reports/bank-aurora/2026-01?format=pdf')).status).toBe(404);
  });
});
