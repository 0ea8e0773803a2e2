/**
 * @module reports/render/xlsx-writer
 * exceljs's streaming workbook writer with every zip entry dated from the document instead of the
 * clock. exceljs gives the archive no date option and appends its first entries inside its own
 * constructor, so the date is put on `zip.append` from the first hook it calls (`addThemes`); this
 * is the one place that reaches into exceljs internals (`zip`), and it falls back to exceljs's own
 * behaviour if those internals change.
 */
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';

interface ZipLike {
  append(source: unknown, data: Record<string, unknown>): unknown;
}

/**
 * Opens a streaming workbook whose files, metadata and zip entries all carry `at`.
 * @example
 * const workbook = openStableWorkbook('out.xlsx', new Date('2026-02-01T09:00:00Z'));
 */
export function openStableWorkbook(out: Writable | string, at: Date): ExcelJS.stream.xlsx.WorkbookWriter {
  class StableWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
    override addThemes(): Promise<void> {
      const zip = (this as unknown as { zip?: ZipLike }).zip;
      if (zip && typeof zip.append === 'function' && !(zip as { dated?: boolean }).dated) {
        const append = zip.append.bind(zip);
        zip.append = (source, data) => append(source, { ...data, date: at });
        (zip as { dated?: boolean }).dated = true;
      }
      return super.addThemes();
    }
  }
  const target = typeof out === 'string' ? { filename: out } : { stream: out };
  const workbook = new StableWorkbookWriter({ ...target, useStyles: true, useSharedStrings: false });
  workbook.created = at;
  workbook.modified = at;
  return workbook;
}
