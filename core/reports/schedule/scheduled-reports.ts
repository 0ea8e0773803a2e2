/**
 * @module reports/schedule/scheduled-reports
 * The reports one may subscribe to, as data: an id, a title, and a function that builds the report
 * for one period as a plain typed table, run as the subscriber (their scope applies at sending
 * time). A report may bring its own PDF (charts…); otherwise its table is drawn by the shared table
 * PDF renderer. Every type of the report engine is subscribable (its own PDF, for the last complete
 * week or month as a custom period), plus the advisor-activity summary; `registerScheduledReport`
 * adds others.
 */
import { DateTime } from 'luxon';
import type { Ctx } from '../../context.ts';
import { invalid } from '../../errors.ts';
import { getUnit } from '../../org/index.ts';
import { advisorActivity } from '../../workflow/index.ts';
import type { ExportCell, ExportColumn, ExportRow } from '../export/index.ts';
import type { ReportInput } from '../params.ts';
import { reportPdf } from '../pdf/report-pdf.ts';
import { reportsOf } from '../registry.ts';
import { runReport } from '../run.ts';
import { DAY_MS } from '../../time/index.ts';

export interface ReportPeriod {
  from: Date;
  to: Date;
}

export interface ScheduledTable {
  columns: ExportColumn[];
  rows: ExportRow[];
  totals?: Record<string, ExportCell>;
}

export interface ScheduledReport {
  id: string;
  title: { pl: string; en: string };
  /** Throws a 4xx naming the parameter when `params` are wrong for this actor (checked on subscribing). */
  check?(ctx: Ctx, params: Record<string, unknown>): Promise<void>;
  table(ctx: Ctx, period: ReportPeriod, params: Record<string, unknown>): Promise<ScheduledTable>;
  /** The report's own PDF; without it the table is drawn as a table PDF. */
  pdf?(ctx: Ctx, period: ReportPeriod, params: Record<string, unknown>, locale: 'pl' | 'en'): Promise<Uint8Array>;
}

const unitParam = async (ctx: Ctx, params: Record<string, unknown>) => {
  const unitId = params.unitId;
  if (unitId === undefined) return undefined;
  if (typeof unitId !== 'string')
    throw invalid('The unit must be an id', [{ path: '/params/unitId', message: 'not a string' }]);
  await getUnit(ctx, unitId);
  return unitId;
};

/** Status changes, sales and contacts per person in the period (`reports:read` scope). */
export const advisorActivityReport: ScheduledReport = {
  id: 'advisor-activity',
  title: { pl: 'Aktywność doradców', en: 'Advisor activity' },
  async check(ctx, params) {
    const unknown = Object.keys(params).filter((k) => k !== 'unitId');
    if (unknown.length)
      throw invalid('Unknown report parameter', [{ path: `/params/${unknown[0]}`, message: 'not a parameter' }]);
    await unitParam(ctx, params);
  },
  async table(ctx, period, params) {
    const unitId = await unitParam(ctx, params);
    const { advisors } = await advisorActivity(ctx, {
      from: period.from,
      to: period.to,
      ...(unitId ? { unitId } : {}),
    });
    const rows = advisors.map((a) => ({
      name: a.name ?? '—',
      statusChanges: a.statusChanges,
      sales: a.sales,
      activities: a.activities,
    }));
    const sum = (k: 'statusChanges' | 'sales' | 'activities') => rows.reduce((n, r) => n + r[k], 0);
    return {
      columns: [
        { key: 'name', label: { pl: 'Osoba', en: 'Person' } },
        { key: 'statusChanges', label: { pl: 'Zmiany statusu', en: 'Status changes' }, type: 'number' },
        { key: 'sales', label: { pl: 'Sprzedaże', en: 'Sales' }, type: 'number' },
        { key: 'activities', label: { pl: 'Kontakty', en: 'Contacts' }, type: 'number' },
      ],
      rows,
      totals: { statusChanges: sum('statusChanges'), sales: sum('sales'), activities: sum('activities') },
    };
  },
};

const day = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toISODate()!;

/** A report of the report engine (pipeline, efficiency, sales, individual, a plugin's) as a subscription. */
function engineReport(def: { id: string; title: { pl: string; en: string } }): ScheduledReport {
  const run = (ctx: Ctx, period: ReportPeriod, params: Record<string, unknown>) => {
    const zone = ctx.config.firm.timeZone;
    return runReport(ctx, {
      ...(params as ReportInput),
      type: def.id,
      period: 'custom',
      from: day(period.from, zone),
      to: day(new Date(period.to.getTime() - 1), zone),
    });
  };
  return {
    id: def.id,
    title: def.title,
    async check(ctx, params) {
      for (const k of ['type', 'period', 'from', 'to', 'at'])
        if (k in params)
          throw invalid('The period comes from the subscription', [
            { path: `/params/${k}`, message: 'set by the weekly or monthly schedule' },
          ]);
      const now = ctx.clock.now();
      await run(ctx, { from: new Date(now.getTime() - 7 * DAY_MS), to: now }, params);
    },
    async table(ctx, period, params) {
      const r = await run(ctx, period, params);
      return {
        columns: r.table.columns.map((c) => ({ key: c.key, label: c.label, type: c.type })),
        rows: r.table.rows.map((row) => row.cells),
        totals: r.table.totals,
      };
    },
    pdf: async (ctx, period, params, locale) => reportPdf(ctx, await run(ctx, period, params), locale),
  };
}

const registries = new WeakMap<object, Map<string, ScheduledReport>>();

function registry(owner: object): Map<string, ScheduledReport> {
  let r = registries.get(owner);
  if (!r) registries.set(owner, (r = new Map()));
  return r;
}

/** Registered reports first, then the report engine's types, then the built-in advisor activity. */
function all(ctx: Ctx): Map<string, ScheduledReport> {
  const out = new Map<string, ScheduledReport>([[advisorActivityReport.id, advisorActivityReport]]);
  for (const def of reportsOf(ctx).list()) out.set(def.id, engineReport(def));
  for (const [id, r] of registry(ctx.database)) out.set(id, r);
  return out;
}

/**
 * Makes a report subscribable in one CRM instance (keyed by its database); a later registration of
 * the same id replaces the earlier one. The report engine's types are subscribable without this.
 * @example
 * registerScheduledReport(crm.database, { id: 'branch-ranking', title, table: (ctx, period, params) => … });
 */
export function registerScheduledReport(owner: object, report: ScheduledReport): void {
  registry(owner).set(report.id, report);
}

/** The report of this id, or a 422 naming `/report`. */
export function scheduledReport(ctx: Ctx, id: string): ScheduledReport {
  const reports = all(ctx);
  const report = reports.get(id);
  if (!report)
    throw invalid(`Unknown report "${id}"`, [{ path: '/report', message: `known: ${[...reports.keys()].join(', ')}` }]);
  return report;
}

/** The subscribable reports, for a picker. */
export function scheduledReportList(ctx: Ctx): Array<{ id: string; title: { pl: string; en: string } }> {
  return [...all(ctx).values()].map((r) => ({ id: r.id, title: r.title }));
}
