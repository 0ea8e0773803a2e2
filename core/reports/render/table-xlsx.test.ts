import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { sampleRow, sampleRows, sampleStatement } from './sample-statement.ts';
import { minorToCellNumber, moneyFormat, writeTableXlsx } from './table-xlsx.ts';

const dir = mkdtempSync(join(tmpdir(), 'table-xlsx-'));

async function readBack(path: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets[0]!;
}

/** A writable that keeps the bytes, to check output leaves while rows are still coming. */
function collector() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, bytes: () => chunks.reduce((n, c) => n + c.length, 0), buffer: () => Buffer.concat(chunks) };
}

describe('writeTableXlsx', () => {
  const doc = sampleStatement(40);
  const rows = sampleRows(40);

  it('writes money as numbers in złoty with a currency format, dates as dates, rates as fractions', async () => {
    const path = join(dir, 'statement.xlsx');
    await writeTableXlsx(doc, path);
    const sheet = await readBack(path);
    const header = sheet.getRow(10);
    expect(header.getCell(7).value).toBe('Prowizja');
    expect(header.getCell(7).font?.bold).toBe(true);
    const first = sheet.getRow(11);
    const fee = first.getCell(7);
    expect(fee.type).toBe(ExcelJS.ValueType.Number);
    expect(fee.value).toBe(minorToCellNumber(rows[0]!.fee as number));
    expect(fee.numFmt).toBe('#,##0.00 "zł"');
    expect(first.getCell(2).value).toEqual(new Date('2026-01-02T00:00:00Z'));
    expect(first.getCell(2).numFmt).toBe('dd.mm.yyyy');
    expect(first.getCell(6).value).toBe(0.0087);
    expect(first.getCell(3).value).toBe('Anna Nowak-Wiśniewska');
    expect(sheet.getRow(50).getCell(1).value).toBe(40);
  });

  it('freezes and filters the header row and opens with the title block', async () => {
    const path = join(dir, 'layout.xlsx');
    await writeTableXlsx(doc, path);
    const sheet = await readBack(path);
    expect(sheet.getCell('A1').value).toBe('Zestawienie prowizji doradcy');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A4').value).toMatch(/^Odbiorca: Grzegorz Brzęczyszczykiewicz/);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 10 });
    expect(sheet.autoFilter).toBe('A10:G10');
  });

  it('writes a column total as a SUM formula with its integer-summed result', async () => {
    const path = join(dir, 'totals.xlsx');
    await writeTableXlsx(doc, path);
    const sheet = await readBack(path);
    const [[, feeMinor], [, taxMinor], [, netMinor]] = doc.totals! as [
      readonly [string, number],
      readonly [string, number],
      readonly [string, number],
    ];
    expect(sheet.getCell('A52').value).toBe('Prowizja razem');
    expect(sheet.getCell('G52').value).toEqual({ formula: 'SUM(G11:G50)', result: minorToCellNumber(feeMinor) });
    expect(sheet.getCell('G52').numFmt).toBe(moneyFormat.pl);
    expect(sheet.getCell('G53').value).toBe(minorToCellNumber(taxMinor));
    expect(sheet.getCell('G54').value).toBe(minorToCellNumber(netMinor));
  });

  it('gives the same bytes for the same input', async () => {
    const a = collector();
    const b = collector();
    await writeTableXlsx(sampleStatement(40), a.stream);
    // The clock moves an hour (fake Date only; I/O and timers stay real): a clock-dated file would now differ.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_600_000);
    await writeTableXlsx(sampleStatement(40), b.stream).finally(() => vi.useRealTimers());
    expect(a.buffer().equals(b.buffer())).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(a.buffer() as unknown as ExcelJS.Buffer); // exceljs types predate Buffer<T>
    expect(workbook.created.toISOString()).toBe('2026-02-01T09:00:00.000Z');
  });

  it('streams: bytes reach the output while rows are still being produced', async () => {
    const out = collector();
    const count = 20_000;
    let writtenMidway = -1;
    async function* lines() {
      for (let i = 1; i <= count; i += 1) {
        if (i === count - 1000) writtenMidway = out.bytes();
        yield sampleRow(i);
      }
    }
    await writeTableXlsx({ ...doc, rows: lines(), totals: [] }, out.stream);
    expect(writtenMidway).toBeGreaterThan(100_000);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([out.buffer()]), {});
    let last = 0;
    for await (const sheet of reader)
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>)
        last = Math.max(last, Number(row.getCell(1).value) || 0);
    expect(last).toBe(count);
  });

  it('refuses a total that disagrees with its column', async () => {
    const out = collector();
    await expect(writeTableXlsx({ ...doc, totals: [['Razem', 1, 'fee']] }, out.stream)).rejects.toThrow(/adds up to/);
  });
});
