/**
 * @module reports/export
 * Excel exports: `exportTable` writes any typed table as a streamed XLSX (the reports' XLSX
 * goes through it), `exportList` exports a list (clients, activities, calendar, sales, commission
 * lines) with the screen's scope and masking, the export permission, an audit entry and, for long
 * exports, a background job with progress and a download link. See docs/reports.md.
 */
export { exportTable, type ExportTableInput } from './export-table.ts';
export {
  cellOf,
  numberFormats,
  type ExportCell,
  type ExportColumn,
  type ExportColumnType,
  type ExportLocale,
  type ExportRow,
  type LocalisedLabel,
} from './cells.ts';
export { neutralise, looksLikeFormula } from './neutralise.ts';
export { exportActor, narrowerScopes } from './export-scope.ts';
export {
  exportList,
  exportListTo,
  exportContext,
  exportJobStatus,
  exportJobFile,
  exportFilename,
  listSources,
  type ExportOutcome,
  type ExportListOptions,
} from './export-list.ts';
export { exportJobs, type ExportJobs, type ExportJobView, type ExportSettings } from './jobs.ts';
export { exportResources, type ExportResource, type ListSource } from './sources/source.ts';
export type { ClientExportFilter } from './sources/clients.ts';
export type { ActivityExportFilter } from './sources/activities.ts';
export type { SaleExportFilter } from './sources/sales.ts';
export type { LineExportFilter } from './sources/commission-lines.ts';
export { exportReport, assertMayExportReport, type ReportExportInput } from './export-report.ts';
