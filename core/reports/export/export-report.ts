/**
 * @module reports/export/export-report
 * A report's XLSX: the report engine computes the table (already scoped to the person asking),
 * this writes it through `exportTable` behind the `reports:export` permission, with the same audit
 * entries as a list export (`export` with the report type, parameters and row count;
 * `export.refused` for an attempt without the permission).
 */
import type { Writable } from 'node:stream';
import { requirePermission } from '../../access/index.ts';
import { writeAudit } from '../../audit/index.ts';
import type { Ctx } from '../../context.ts';
import { CrmError } from '../../errors.ts';
import type { ExportCell, ExportColumn, ExportLocale, ExportRow, LocalisedLabel } from './cells.ts';
import { exportTable } from './export-table.ts';

export interface ReportExportInput {
  /** The report type id (`sales`, `pipeline`…), for the audit log and the file name. */
  type: string;
  title: LocalisedLabel;
  /** The resolved parameters, kept in the audit entry. */
  params: Record<string, unknown>;
  columns: readonly ExportColumn[];
  rows: Iterable<ExportRow> | AsyncIterable<ExportRow>;
  totals?: Record<string, ExportCell>;
}

/** 403 (audited as `export.refused`) unless the actor holds `reports:export`. */
export async function assertMayExportReport(ctx: Ctx, type: string, params: Record<string, unknown>): Promise<void> {
  try {
    requirePermission(ctx.actor, 'reports:export');
  } catch (error) {
    if (error instanceof CrmError)
      await writeAudit(ctx, {
        action: 'export.refused',
        entity: `report:${type}`,
        data: { filter: params, permission: 'reports:export', reason: error.message },
      });
    throw error;
  }
}

/**
 * Writes a computed report as XLSX into `out` (a path or a stream).
 * @example
 * const result = await runReport(ctx, params); // the reports engine
 * await exportReport(ctx, { type: 'sales', title: result.title, params, columns: result.table.columns
 *   .map((c) => ({ key: c.key, label: c.label, type: c.type })), rows: result.table.rows.map((r) => r.cells),
 *   totals: result.table.totals }, res);
 */
export async function exportReport(
  ctx: Ctx,
  input: ReportExportInput,
  out: Writable | string,
  options: { locale?: ExportLocale } = {},
): Promise<{ rows: number }> {
  await assertMayExportReport(ctx, input.type, input.params);
  const locale = options.locale ?? 'pl';
  const title = typeof input.title === 'string' ? input.title : input.title[locale];
  const { rows } = await exportTable({
    columns: input.columns,
    rows: input.rows,
    out,
    locale,
    title,
    sheetName: title,
    creator: ctx.actor.name,
    at: ctx.clock.now(),
    ...(input.totals ? { totals: input.totals } : {}),
  });
  await writeAudit(ctx, {
    action: 'export',
    entity: `report:${input.type}`,
    data: { filter: JSON.parse(JSON.stringify(input.params)), rows, format: 'xlsx' },
  });
  return { rows };
}
