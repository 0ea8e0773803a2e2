/**
 * @module import/xlsx
 * An Excel workbook's first sheet to a header and rows of text, read with exceljs's streaming
 * reader (memory grows with the cells' text, not with exceljs's object model). Cells read as a
 * person typed them: numbers without float noise (leading zeros kept when the cell's format pads
 * them, as for a PESEL), dates as `YYYY-MM-DD`, formulas as their cached result — a formula with
 * no cached result stays `=…`, which the value reader reports for that cell. Merged cells give
 * their value to every cell of the range (the streaming reader skips merges: they are read from
 * the sheet's XML with jszip). Empty rows are skipped (a row whose only values come from a merged
 * range too); title rows above the header (one filled
 * cell, often merged across the table) are skipped too: the header is the first row with two or
 * more filled cells.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Table } from './csv.ts';

type CellValue = ExcelJS.CellValue;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A number as typed: 15 significant digits (no 0.30000000000000004), padded when the format is `0000…`. */
function numberText(n: number, numFmt: string | undefined): string {
  const text = String(Number(n.toPrecision(15)));
  const zeros = numFmt && /^0+$/.test(numFmt) ? numFmt.length : 0;
  return zeros > text.length && Number.isInteger(n) && n >= 0 ? text.padStart(zeros, '0') : text;
}

/**
 * @example
 * cellText(4000.5, undefined); // '4000.5'
 * cellText({ formula: 'A1*2' }, undefined); // '=A1*2' (no cached result)
 */
export function cellText(value: CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date)
    return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  if ('error' in value) return String(value.error);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const v = value as { formula?: string; sharedFormula?: string; result?: unknown };
    if (v.result === undefined || v.result === null) return `=${v.formula ?? v.sharedFormula ?? ''}`;
    // The streaming reader reads an error result (`#DIV/0!`) as a number: NaN. Its text is lost.
    if (typeof v.result === 'number' && Number.isNaN(v.result)) return '#ERROR!';
    return cellText(v.result as CellValue, numFmt);
  }
  if ('text' in value) return String((value as { text: unknown }).text);
  return '';
}

const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** `A2:C3` ranges of a sheet's `<mergeCells>`, streamed out of the sheet's XML. */
async function mergedRanges(bytes: Uint8Array, sheetNo: number): Promise<Array<[number, number, number, number]>> {
  const zip = await JSZip.loadAsync(bytes);
  const entry = zip.file(`xl/worksheets/sheet${sheetNo}.xml`);
  if (!entry) return [];
  const ranges: Array<[number, number, number, number]> = [];
  const re = /<mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g;
  let tail = '';
  // jszip's stream is an old-style one: wrapped, it is async-iterable (and inflates chunk by chunk).
  const stream = new Readable({ read() {} }).wrap(entry.nodeStream('nodebuffer'));
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = tail + chunk.toString('utf8');
    let m: RegExpExecArray | null;
    let consumed = 0;
    while ((m = re.exec(text))) {
      ranges.push([Number(m[2]), colNumber(m[1]!), Number(m[4]), colNumber(m[3]!)]);
      consumed = re.lastIndex;
    }
    tail = text.slice(Math.max(consumed, text.length - 200));
  }
  return ranges;
}

/**
 * @example
 * const table = await readXlsx(new Uint8Array(readFileSync('klienci.xlsx')));
 * table.header; // ['Imię', 'Nazwisko', 'PESEL', …]
 */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const rows: Array<{ line: number; cells: string[] }> = [];
  const typed = new Set<number>(); // rows with a value of their own (not only one from a merged range)
  let sheetNo = 0;
  for await (const sheet of reader) {
    sheetNo = (sheet as unknown as { id: number }).id;
    for await (const row of sheet) {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cellText(cell.value, cell.numFmt);
      });
      if (cells.some((c) => c !== undefined && c.trim() !== '')) typed.add(row.number);
      rows.push({ line: row.number, cells: Array.from(cells, (c) => c ?? '') });
    }
    break; // the first sheet only
  }
  if (sheetNo) {
    const byLine = new Map(rows.map((r) => [r.line, r]));
    for (const [r1, c1, r2, c2] of await mergedRanges(bytes, sheetNo)) {
      const value = byLine.get(r1)?.cells[c1 - 1] ?? '';
      for (let r = r1; r <= r2; r++) {
        let row = byLine.get(r);
        if (!row) {
          row = { line: r, cells: [] };
          byLine.set(r, row);
          rows.push(row);
        }
        for (let c = c1; c <= c2; c++) row.cells[c - 1] = value;
        row.cells = Array.from(row.cells, (x) => x ?? '');
      }
    }
    rows.sort((a, b) => a.line - b.line);
  }
  const distinct = (cells: string[]) => new Set(cells.map((c) => c.trim()).filter(Boolean)).size;
  const headerAt = rows.findIndex((r) => distinct(r.cells) >= 2);
  if (headerAt < 0) return { header: [], rows: [] };
  return {
    header: rows[headerAt]!.cells.map((h) => h.trim()),
    rows: rows.slice(headerAt + 1).filter((r) => typed.has(r.line)),
  };
}
