/**
 * @module import/spreadsheet
 * A file's bytes to a table, whatever it is: an XLSX workbook (recognised by its ZIP signature)
 * or CSV text in UTF-8 (with or without BOM) or Windows-1250, detected or chosen. A chosen
 * encoding that does not fit the bytes is refused with a message that says which one does,
 * rather than importing garbled names. Files over `MAX_IMPORT_BYTES` are refused (413).
 */
import { CrmError, invalid } from '../errors.ts';
import { parseCsv, type Table } from './csv.ts';
import { decode, detectEncoding, type Encoding } from './decode.ts';
import { readXlsx } from './xlsx.ts';

/** The largest spreadsheet accepted: 50 MB. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface Spreadsheet extends Table {
  format: 'csv' | 'xlsx';
  /** `utf-8` or `windows-1250` for CSV; `xlsx` for a workbook. */
  encoding: Encoding | 'xlsx';
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const hasNonAscii = (b: Uint8Array) => b.some((x) => x >= 0x80);

/**
 * @example
 * const sheet = await readSpreadsheet(bytes, { encoding: 'windows-1250' });
 * sheet.rows.length; // 10000
 */
export async function readSpreadsheet(bytes: Uint8Array, options: { encoding?: Encoding } = {}): Promise<Spreadsheet> {
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    throw new CrmError('payload_too_large', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, {
      maxBytes: MAX_IMPORT_BYTES,
    });
  if (isZip(bytes)) {
    try {
      return { ...(await readXlsx(bytes)), format: 'xlsx', encoding: 'xlsx' };
    } catch (e) {
      throw invalid('The file is not a readable Excel workbook (.xlsx)', [
        { path: '/file', message: e instanceof Error ? e.message : String(e) },
      ]);
    }
  }
  const detected = detectEncoding(bytes);
  if (options.encoding === 'utf-8' && detected !== 'utf-8')
    throw invalid('The file is not UTF-8: it looks like Windows-1250 (Polish Excel\'s "CSV"); choose that', [
      { path: '/encoding', message: 'the bytes are not valid UTF-8; try windows-1250' },
    ]);
  if (options.encoding === 'windows-1250' && detected === 'utf-8' && hasNonAscii(bytes))
    throw invalid('The file is UTF-8: read as Windows-1250 its Polish letters would be garbled ("Ĺ‚" for "ł")', [
      { path: '/encoding', message: 'the bytes are valid UTF-8 with non-ASCII letters; choose utf-8' },
    ]);
  const { text, encoding } = decode(bytes, options.encoding ?? detected);
  return { ...parseCsv(text), format: 'csv', encoding };
}
