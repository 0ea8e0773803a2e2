import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportTable } from './export-table.ts';

const dir = mkdtempSync(join(tmpdir(), 'export-table-'));

async function readBack(path: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets[0]!;
}

const columns = [
  { key: 'name', label: { pl: 'Klient', en: 'Client' } },
  { key: 'count', label: 'Liczba', type: 'number' as const },
  { key: 'fee', label: 'Prowizja', type: 'money' as const },
  { key: 'day', label: 'Dzień', type: 'date' as const },
  { key: 'at', label: 'Kiedy', type: 'datetime' as const },
  { key: 'share', label: 'Udział', type: 'percent' as const },
];

describe('exportTable', () => {
  it('writes numbers, money, dates, Warsaw date-times and percents as typed cells', async () => {
    const path = join(dir, 'typed.xlsx');
    const { rows } = await exportTable({
      columns,
      rows: [
        { name: 'Zażółć Gęślą', count: 7, fee: 123456, day: '2026-03-29', at: '2026-03-29T01:30:00Z', share: 0.25 },
      ],
      out: path,
      totals: { count: 7, fee: 123456 },
    });
    expect(rows).toBe(1);
    const sheet = await readBack(path);
    expect(sheet.getRow(1).values).toEqual([undefined, 'Klient', 'Liczba', 'Prowizja', 'Dzień', 'Kiedy', 'Udział']);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('Zażółć Gęślą');
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(3).value).toBe(1234.56);
    expect(row.getCell(3).numFmt).toBe('#,##0.00 "zł"');
    expect(row.getCell(4).value).toEqual(new Date('2026-03-29T00:00:00Z'));
    expect(row.getCell(4).numFmt).toBe('dd.mm.yyyy');
    // 01:30 UTC on the spring-forward day is 03:30 CEST in Warsaw.
    expect(row.getCell(5).value).toEqual(new Date('2026-03-29T03:30:00Z'));
    expect(row.getCell(6).value).toBe(0.25);
    expect(row.getCell(6).numFmt).toBe('0.00%');
    expect(sheet.getRow(3).getCell(1).value).toBe('Razem');
    expect(sheet.getRow(3).getCell(3).value).toBe(1234.56);
  });

  it('keeps formula-like text as text cells with an apostrophe in front', async () => {
    const path = join(dir, 'formulas.xlsx');
    const payloads = ['=HYPERLINK("http://evil.example","Kliknij")', '+48 600', '-1+1', '@SUM(A1)', '\tx', '\rx'];
    await exportTable({ columns: columns.slice(0, 1), rows: payloads.map((name) => ({ name })), out: path });
    const sheet = await readBack(path);
    payloads.forEach((p, i) => {
      const cell = sheet.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      // XML parsers turn a carriage return into a line feed on reading; the apostrophe is what matters.
      expect(cell.value).toBe(`'${p}`.replace('\r', '\n'));
    });
  });

  it('streams an async source and reports progress', async () => {
    const seen: number[] = [];
    async function* many() {
      for (let i = 0; i < 2500; i += 1) yield { name: `K${i}`, count: i };
    }
    const { rows } = await exportTable({
      columns: columns.slice(0, 2),
      rows: many(),
      out: join(dir, 'many.xlsx'),
      onProgress: (n) => seen.push(n),
    });
    expect(rows).toBe(2500);
    expect(seen).toEqual([1000, 2000, 2500]);
  });
});
