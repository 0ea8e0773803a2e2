import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CrmError } from '../errors.ts';
import { loadConfigFile } from '../firm/index.ts';
import { peselCheckDigit } from '../ids/index.ts';
import { dryRun, MAX_IMPORT_BYTES, readSpreadsheet } from './index.ts';

const pesel = (ten: string) => `${ten}${peselCheckDigit(ten)}`;
const config = loadConfigFile(new URL('../../examples/demo-firm/crm.config.json', import.meta.url).pathname);

async function errorOf(p: Promise<unknown>): Promise<CrmError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CrmError) return e;
    throw e;
  }
  throw new Error('expected a CrmError');
}

/** A workbook as Excel users make them: a merged title row, merged cells, empty rows, formulas, dates. */
async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Klienci');
  wb.addWorksheet('Notatki').addRow(['not imported']);
  ws.addRow(['Lista klientów — oddział Gdańsk']);
  ws.mergeCells('A1:F1');
  ws.addRow(['Imię', 'Nazwisko', 'PESEL', 'Miejscowość', 'Dochód netto', 'Data urodzenia']);
  ws.addRow(['Anna', 'Kowalska', '44051401359', 'Sopot', 5400.5, new Date(Date.UTC(1944, 4, 14))]);
  ws.addRow([]);
  ws.addRow(['Jan', 'Nowak', Number(pesel('0227080362')), null, { formula: 'E3*2', result: 10801 }]);
  ws.addRow(['Ewa', 'Zieńska', pesel('8001011234'), null, { formula: 'E99/0' }]);
  ws.mergeCells('D3:D6'); // "Sopot" for every row of the range
  ws.getCell('C5').numFmt = '00000000000';
  ws.addRow(['Zofia', 'Błąd', '44051401359', 'Gdynia', { formula: '1/0', result: { error: '#DIV/0!' } }]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('spreadsheets: XLSX and encodings', () => {
  it('reads the first sheet: title and empty rows skipped, merged cells filled, formulas as results', async () => {
    const sheet = await readSpreadsheet(await workbook());
    expect(sheet).toMatchObject({ format: 'xlsx', encoding: 'xlsx' });
    expect(sheet.header).toEqual(['Imię', 'Nazwisko', 'PESEL', 'Miejscowość', 'Dochód netto', 'Data urodzenia']);
    expect(sheet.rows.map((r) => r.line)).toEqual([3, 5, 6, 7]);
    expect(sheet.rows[0]!.cells).toEqual(['Anna', 'Kowalska', '44051401359', 'Sopot', '5400.5', '1944-05-14']);
    expect(sheet.rows[1]!.cells).toEqual(['Jan', 'Nowak', pesel('0227080362'), 'Sopot', '10801']);
    expect(sheet.rows[2]!.cells.slice(3)).toEqual(['Sopot', '=E99/0']);

    const report = dryRun(config, sheet);
    expect(report.mapping).toMatchObject({
      Imię: 'firstName',
      Miejscowość: 'city',
      'Dochód netto': 'netMonthlyIncomeMinor',
    });
    expect(report.valid.map((v) => [v.row, v.data.city, v.data.netMonthlyIncomeMinor])).toEqual([
      [3, 'Sopot', 540050],
      [5, 'Sopot', 1080100],
    ]);
    expect(report.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [6, 'Dochód netto', 'is a formula; export the values, not the formulas'],
      [7, 'Dochód netto', expect.stringMatching(/is a formula|is an Excel error/)],
    ]);
  });

  it('refuses a wrong chosen encoding, naming the one that fits', async () => {
    // "Imię;N\nŁukasz" in Windows-1250
    const cp1250 = new Uint8Array([0x49, 0x6d, 0x69, 0xea, 0x3b, 0x4e, 0x0a, 0xa3, 0x75, 0x6b, 0x61, 0x73, 0x7a]);
    const e = await errorOf(readSpreadsheet(cp1250, { encoding: 'utf-8' }));
    expect(e.status).toBe(422);
    expect(e.message).toMatch(/not UTF-8.+Windows-1250/);
    expect(e.details?.problems).toEqual([expect.objectContaining({ path: '/encoding' })]);
    const utf8 = new TextEncoder().encode('Imię;Nazwisko\nŁucja;Źrebiec\n');
    const w = await errorOf(readSpreadsheet(utf8, { encoding: 'windows-1250' }));
    expect(w.status).toBe(422);
    expect(w.message).toMatch(/UTF-8.+garbled/);
    expect((await readSpreadsheet(cp1250)).header).toEqual(['Imię', 'N']);
  });

  it('refuses a file over 50 MB with 413', async () => {
    const e = await errorOf(readSpreadsheet(new Uint8Array(MAX_IMPORT_BYTES + 1)));
    expect(e.status).toBe(413);
    expect(e.toJSON()).toMatchObject({ error: { code: 'payload_too_large', details: { maxBytes: MAX_IMPORT_BYTES } } });
  });
});
