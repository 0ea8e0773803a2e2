/**
 * @module reconciliation/read-file
 * A provider's statement file to a header and rows of text cells: CSV through the import module
 * (UTF-8 with or without BOM or Windows-1250, `;` or `,`), XLSX through exceljs (the first sheet;
 * numbers and dates written back as text, so both formats go through one row parser).
 */
import ExcelJS from 'exceljs';
import { invalid } from '../errors.ts';
import { decode, parseCsv } from '../import/index.ts';

export interface StatementTable {
  header: string[];
  /** `line`: the row's number in the file or sheet (the header is line 1). */
  rows: Array<{ line: number; cells: string[] }>;
  encoding: 'utf-8' | 'windows-1250' | 'xlsx';
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** An XLSX cell as the text a person would type: `1234.56`, `2026-03-10`, the formula's result. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

async function readXlsx(bytes: Uint8Array): Promise<StatementTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw invalid('The file is not a readable XLSX workbook', [{ path: '/content', message: 'unreadable XLSX' }]);
  }
  const sheet = wb.worksheets[0];
  const rows: StatementTable['rows'] = [];
  let header: string[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    if (!header.length) header = values.map((h) => h.trim());
    else rows.push({ line, cells: values });
  });
  return { header, rows, encoding: 'xlsx' };
}

/**
 * @example
 * const table = await readStatementFile(bytes); // { header: ['Nr umowy', 'Kwota'], rows: [...], encoding: 'utf-8' }
 */
export async function readStatementFile(bytes: Uint8Array): Promise<StatementTable> {
  if (isZip(bytes)) return readXlsx(bytes);
  const { text, encoding } = decode(bytes);
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text);
  } catch (e) {
    throw invalid('The file is not readable CSV', [{ path: '/content', message: (e as Error).message }]);
  }
  return { header: table.header.map((h) => h.trim()), rows: table.rows, encoding };
}
