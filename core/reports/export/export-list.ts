/**
 * @module reports/export/export-list
 * The export path of every list: permission check (a refused attempt is a 403 AND an audit entry),
 * the export scope, the list's own columns and rows, the XLSX, and one audit entry per export
 * naming who, what, which filter and how many rows. Small exports are written at once and handed to
 * the caller as a file; above `directRows` the export becomes a job and the caller gets its id.
 */
import { rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { writeAudit } from '../../audit/index.ts';
import type { Ctx } from '../../context.ts';
import { CrmError, invalid } from '../../errors.ts';
import type { ExportColumn, ExportLocale } from './cells.ts';
import { exportActor } from './export-scope.ts';
import { exportTable } from './export-table.ts';
import { failureLine } from '../../storage/index.ts';
import { exportJobs, type ExportJob, type ExportJobView } from './jobs.ts';
import { activitiesSource } from './sources/activities.ts';
import { calendarSource } from './sources/calendar.ts';
import { clientsSource } from './sources/clients.ts';
import { commissionLinesSource } from './sources/commission-lines.ts';
import { salesSource } from './sources/sales.ts';
import type { ExportResource, ListSource } from './sources/source.ts';

export const listSources: Record<ExportResource, ListSource<any>> = {
  // any: each source checks its own filter type; this table only routes by name.
  clients: clientsSource,
  activities: activitiesSource,
  calendar: calendarSource,
  sales: salesSource,
  'commission-lines': commissionLinesSource,
};

export type ExportOutcome =
  { kind: 'file'; path: string; filename: string; rows: number } | { kind: 'job'; job: ExportJobView };

export interface ExportListOptions {
  locale?: ExportLocale;
  /** Only these columns, in this order (keys as in the full export); unknown keys are a 422. */
  columns?: readonly string[];
  /** Force a job even for a small export. */
  job?: boolean;
}

/** The source's columns for this actor, optionally narrowed to a chosen list. */
async function chosenColumns(
  ctx: Ctx,
  source: ListSource<unknown>,
  filter: object,
  keys: readonly string[] | undefined,
): Promise<ExportColumn[]> {
  const all = await source.columns(ctx, filter);
  if (!keys?.length) return all;
  const byKey = new Map(all.map((c) => [c.key, c]));
  const unknown = keys.find((k) => !byKey.has(k));
  if (unknown !== undefined)
    throw invalid('Unknown or hidden column', [
      { path: '?columns', message: `"${unknown}" is not a column you may export (${[...byKey.keys()].join(', ')})` },
    ]);
  return keys.map((k) => byKey.get(k)!);
}

/** Dates as ISO text, undefined dropped: the filter as the audit log keeps it. */
/** The filter as the audit log keeps it: a search text and field values (personal data) only as "given". */
function auditFilter(filter: object): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(filter)) as Record<string, unknown>;
  if (plain.q !== undefined) plain.q = 'given';
  if (plain.fields && typeof plain.fields === 'object') plain.fields = Object.keys(plain.fields);
  return plain;
}

/** A `clients-2026-03-02.xlsx` name, the date on the Warsaw calendar. */
export function exportFilename(resource: string, at: Date): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(at);
  return `${resource}-${day}.xlsx`;
}

/**
 * Runs the permission checks of an export; a refusal is audited (`export.refused`) and rethrown.
 * Returns the context the export runs in (read scope narrowed to the export scope).
 */
export async function exportContext(ctx: Ctx, source: ListSource<unknown>, filter: object): Promise<Ctx> {
  try {
    return { ...ctx, actor: exportActor(ctx.actor, source.read, source.export) };
  } catch (error) {
    if (error instanceof CrmError && error.code === 'forbidden') {
      await writeAudit(ctx, {
        action: 'export.refused',
        entity: source.resource,
        data: { filter: auditFilter(filter), permission: source.export, reason: error.message },
      });
    }
    throw error;
  }
}

/**
 * Exports one list for the actor. Filters are those of the list's API; 403 (audited) without the
 * export permission, 4xx for a bad filter, before anything is written.
 * @example
 * const out = await exportList(ctx, 'clients', { status: ['new'], unitId: gdansk.id });
 * if (out.kind === 'file') await copyFile(out.path, 'klienci.xlsx'); // else poll out.job.id
 */
export async function exportList(
  ctx: Ctx,
  resource: ExportResource,
  filter: object,
  options: ExportListOptions = {},
): Promise<ExportOutcome> {
  const source = listSources[resource];
  const ectx = await exportContext(ctx, source, filter);
  const jobs = exportJobs(ctx.database);
  const locale = options.locale ?? 'pl';
  const columns = await chosenColumns(ectx, source, filter, options.columns);
  const filename = exportFilename(resource, ctx.clock.now());
  const audit = (rows: number, extra: Record<string, unknown> = {}) =>
    writeAudit(ctx, {
      action: 'export',
      entity: resource,
      data: { filter: auditFilter(filter), rows, columns: columns.map((c) => c.key), format: 'xlsx', ...extra },
    });
  const write = (path: string, onProgress?: (n: number) => void) =>
    exportTable({
      columns,
      rows: source.rows(ectx, filter, locale),
      out: path,
      locale,
      sheetName: source.title[locale],
      title: source.title[locale],
      creator: ctx.actor.name,
      at: ctx.clock.now(),
      ...(onProgress ? { onProgress } : {}),
    });

  const count = await source.count(ectx, filter, jobs.settings.directRows);
  if (count <= jobs.settings.directRows && !options.job) {
    const path = jobs.scratchPath();
    try {
      const { rows } = await write(path);
      await audit(rows);
      return { kind: 'file', path, filename, rows };
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  }
  const total = count <= jobs.settings.directRows ? count : await source.count(ectx, filter, 10_000_000);
  const job = jobs.create({ ownerId: ctx.actor.userId, resource, total, filename });
  void runJob(job, write, audit, jobs.settings.ttlMs);
  return { kind: 'job', job: jobs.view(job) };
}

async function runJob(
  job: ExportJob,
  write: (path: string, onProgress: (n: number) => void) => Promise<{ rows: number }>,
  audit: (rows: number, extra: Record<string, unknown>) => Promise<void>,
  ttlMs: number,
): Promise<void> {
  try {
    const { rows } = await write(job.path, (n) => (job.rows = n));
    // The entry is written before the link works: nothing leaves unaudited.
    await audit(rows, { job: job.id });
    job.rows = rows;
    job.expiresAt = new Date(Date.now() + ttlMs);
    job.status = 'done';
  } catch (error) {
    job.status = 'failed';
    job.error = error instanceof CrmError ? error.message : 'The export failed; try again';
    job.expiresAt = new Date(Date.now() + ttlMs);
    await rm(job.path, { force: true });
    // A summary (code, statement shape, ids): the error itself may carry the exported rows' values.
    if (!(error instanceof CrmError)) console.error(failureLine(`export job ${job.id}`, error));
  }
}

/**
 * A job's state for its creator (404 for anyone else).
 * @example
 * const view = exportJobStatus(ctx, jobId); // { status: 'running', rows: 42000, total: 100000, progress: 0.42, … }
 */
export function exportJobStatus(ctx: Ctx, id: string): ExportJobView {
  const jobs = exportJobs(ctx.database);
  return jobs.view(jobs.get(id, ctx.actor.userId));
}

/** The finished file of a job, for its creator only (404 otherwise, 409 while it runs). */
export function exportJobFile(ctx: Ctx, id: string): { path: string; filename: string } {
  const job = exportJobs(ctx.database).get(id, ctx.actor.userId);
  if (job.status !== 'done')
    throw new CrmError('conflict', job.status === 'failed' ? 'The export failed' : 'The export is still running', {
      status: job.status,
      rows: job.rows,
    });
  return { path: job.path, filename: job.filename };
}

/**
 * Streams a list export into any writable (a file, an HTTP response) with the same checks and audit,
 * never as a job: for scripts and the CLI, which may wait.
 * @example
 * await exportListTo(ctx, 'clients', {}, 'klienci.xlsx');
 */
export async function exportListTo(
  ctx: Ctx,
  resource: ExportResource,
  filter: object,
  out: Writable | string,
  options: { locale?: ExportLocale; columns?: readonly string[] } = {},
): Promise<{ rows: number }> {
  const source = listSources[resource];
  const ectx = await exportContext(ctx, source, filter);
  const locale = options.locale ?? 'pl';
  const columns = await chosenColumns(ectx, source, filter, options.columns);
  const { rows } = await exportTable({
    columns,
    rows: source.rows(ectx, filter, locale),
    out,
    locale,
    sheetName: source.title[locale],
    title: source.title[locale],
    creator: ctx.actor.name,
    at: ctx.clock.now(),
  });
  await writeAudit(ctx, {
    action: 'export',
    entity: resource,
    data: { filter: auditFilter(filter), rows, columns: columns.map((c) => c.key), format: 'xlsx' },
  });
  return { rows };
}
