/**
 * @module reports/render/table-document
 * The one input every table renderer takes: a statement or report as data (who issues it, to whom,
 * what columns, which rows, what totals), free of any layout. The PDF and XLSX renderers read the
 * same object, so a statement looks the same whichever format a person downloads.
 */
import type { PDFPage } from 'pdf-lib';
import type { PdfPen } from './pdf-pen.ts';

/** What a cell holds; how it is shown depends on its column's `kind`. */
export type CellValue = string | number | null;
export type TableRow = Record<string, CellValue>;

/**
 * How a column's values are read and shown:
 * - `text`: shown as given; long text is wrapped and, past a few lines, cut with an ellipsis.
 * - `money`: integer grosze (`amountMinor`), shown as `1 234,56 zł` / `PLN 1,234.56`.
 * - `date`: a calendar date `YYYY-MM-DD` (or an ISO instant, taken in Europe/Warsaw).
 * - `percent`: basis points (`150` is 1.50%), as rates are kept everywhere in the CRM.
 */
export type ColumnKind = 'text' | 'money' | 'date' | 'percent';

export interface TableColumn {
  key: string;
  label: string;
  /** Defaults to right for money and percent, left otherwise. */
  align?: 'left' | 'right';
  /** Relative width; columns share the page (or get spreadsheet widths) in these proportions. Default 1. */
  width?: number;
  kind?: ColumnKind;
}

/**
 * A total under the table. With `column` (the key of a money column) the renderers check that the
 * amount equals the sum of that column and the spreadsheet writes it as a `SUM` formula.
 */
export type TotalLine = readonly [label: string, amountMinor: number, column?: string];

/** Rows may be an array or a stream (an async generator over a database cursor); `for await` reads both. */
export type RowSource = Iterable<TableRow> | AsyncIterable<TableRow>;

export interface Party {
  name: string;
  lines: string[];
}

/**
 * A drawing placed after the table and its totals (a chart), in vector graphics. It is given the
 * page, the pen and its box (left, top, width); it must stay within `height` points.
 */
export interface PdfFigure {
  height: number;
  draw(page: PDFPage, pen: PdfPen, box: { x: number; top: number; width: number }): void;
}

export interface TableDocument {
  title: string;
  subtitle?: string;
  issuer: Party;
  recipient: Party;
  /** Label/value pairs shown under the title: number, period, issue date… */
  meta: Array<readonly [label: string, value: string]>;
  columns: TableColumn[];
  rows: RowSource;
  totals?: TotalLine[];
  footer?: string;
  /** Charts after the table, each moved to a new page when it does not fit. */
  figures?: PdfFigure[];
  locale: 'pl' | 'en';
  currency: 'PLN';
  /** Becomes the file's creation and modification date, so the same input gives the same bytes. */
  issuedAt: Date;
}

/** The alignment a column gets when it does not choose one. */
export function alignOf(column: TableColumn): 'left' | 'right' {
  return column.align ?? (column.kind === 'money' || column.kind === 'percent' ? 'right' : 'left');
}
