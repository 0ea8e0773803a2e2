/**
 * @module import
 * Client import from spreadsheets: decoding (UTF-8 with or without BOM, Windows-1250), CSV with `;`
 * or `,` separators, a column mapping guessed from Polish and English headers, and a dry run that
 * names every bad cell by row and column. Used by `broker-crm import clients FILE --dry-run`.
 */
export { decode, detectEncoding, type Encoding } from './decode.ts';
export { guessSeparator, parseCsv, type Separator, type Table } from './csv.ts';
export { guessMapping, type ColumnMapping } from './mapping.ts';
export { cellValue, parseDecimal, type CellResult } from './values.ts';
export { dryRun, type DryRun, type ImportProblem } from './dry-run.ts';
