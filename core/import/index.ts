/**
 * @module import
 * Client import from spreadsheets: decoding (UTF-8 with or without BOM, Windows-1250), CSV with `;`
 * or `,` separators, XLSX (first sheet, streamed), a column mapping guessed from Polish and English
 * headers and saved once confirmed, a dry run that names every bad cell by row and column, the
 * import itself in batches through the clients module, and its review and undo. Used by
 * `broker-crm import …`, `/api/imports` and `<crm-import>`.
 */
export { decode, detectEncoding, type Encoding } from './decode.ts';
export { guessSeparator, parseCsv, type Separator, type Table } from './csv.ts';
export { guessMapping, type ColumnMapping } from './mapping.ts';
export { cellValue, parseDecimal, type CellResult } from './values.ts';
export { dryRun, rowChecker, type DryRun, type ImportProblem, type RowCheck, type RowChecker } from './dry-run.ts';
export { readXlsx, cellText } from './xlsx.ts';
export { readSpreadsheet, MAX_IMPORT_BYTES, type Spreadsheet } from './spreadsheet.ts';
export { headerKey, mappingFor, saveMapping } from './saved-mapping.ts';
export { getImport, listImports, MAX_STORED_PROBLEMS, type ImportPage, type ImportRecord } from './records.ts';
export { importClients, runImport, startImport, type ImportOptions, type ImportSource } from './run.ts';
export { undoImport, STALE_RUNNING_MS } from './undo.ts';
export { dropUpload, loadUpload, saveUpload, type Upload } from './uploads.ts';
