/**
 * @module reports
 * Reports and their documents. Report types as data: a registry of parameterised, scope-respecting
 * reports (pipeline, efficiency, sales, individual, and any a plugin adds), each returning a plain
 * typed table plus chart series (see docs/reports.md); tables rendered as PDF and XLSX.
 */
export type { TableColumn, TableDocument, TableRow } from './render/table-document.ts';
export { renderTablePdf } from './render/table-pdf.ts';
export { writeTableXlsx } from './render/table-xlsx.ts';
export { runReport, listReportTypes } from './run.ts';
export { resolveParams, MAX_RANGE_DAYS, DEFAULT_STALLED_DAYS, type ReportInput } from './params.ts';
export { createReportRegistry, builtInReports, reportsOf, type ReportRegistry } from './registry.ts';
export { createEfficiencyReport, type EfficiencyOptions } from './definitions/efficiency.ts';
export { createIndividualReport } from './definitions/individual.ts';
export { salesAggregate, saleStands, salesWhere } from './definitions/sales.ts';
export { loadNetwork, type Network } from './dimension.ts';
export { periodRange, previousRange } from './period.ts';
export type * from './types.ts';
export { reportPdf } from './pdf/report-pdf.ts';
export * from './export/index.ts';
export * from './schedule/index.ts';
export type {} from './plugin-slot.ts';
